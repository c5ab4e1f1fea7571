using System.Globalization;
using System.Text.RegularExpressions;

namespace NtmRules.Drafting;

/// <summary>
/// The Căn cứ of a plan: the set's legal bases and the commune's own, limited to texts issued on or
/// before the plan's date. A basis names its own date the way the documents write it ("Quyết định số
/// 211/QĐ-TTg ngày 01/3/2024 của …"); that date is read from it. A basis without a readable date is
/// kept: it is the commune's to judge.
/// </summary>
public static partial class LegalBases
{
    [GeneratedRegex(@"\bngày\s+(?<d>\d{1,2})\s*/\s*(?<m>\d{1,2})\s*/\s*(?<y>\d{4})")]
    private static partial Regex IssueDate();

    /// <summary>The date <paramref name="basis"/> was issued, when it names one.</summary>
    public static DateOnly? IssuedOn(string basis)
    {
        var m = IssueDate().Match(basis);
        if (!m.Success) return null;
        int Part(string name) => int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
        return Part("m") is >= 1 and <= 12 && Part("d") >= 1 && Part("d") <= DateTime.DaysInMonth(Part("y"), Part("m"))
            ? new DateOnly(Part("y"), Part("m"), Part("d"))
            : null;
    }

    /// <summary>The bases in force on <paramref name="planDate"/>, in order, each once.</summary>
    public static IReadOnlyList<string> InForce(IEnumerable<string> bases, DateOnly planDate) =>
        bases.Select(Prose.Nfc).Distinct(StringComparer.Ordinal).Where(b => IssuedOn(b) is not { } d || d <= planDate).ToArray();
}

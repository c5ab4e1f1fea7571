using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Drafting;

/// <summary>Small rules of the plans' prose: lower-casing labels mid-sentence, thresholds in words, sentence ends.</summary>
internal static partial class Prose
{
    // Parentheticals that explain a figure's role in a formula ("(mẫu số của tỷ lệ …)") are for data
    // entry, not for a plan.
    [GeneratedRegex(@"\s*\((?:mẫu số|tử số)[^)]*\)")]
    private static partial Regex InternalNote();

    /// <summary>Lower-cases the first letter for use mid-sentence, unless the word is an acronym (BHYT, OCOP).</summary>
    public static string Lower(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLower(s[0], CultureInfo.InvariantCulture) + s[1..] : s;

    /// <summary>A measure's label as prose names it: lower-cased, without notes meant for data entry.</summary>
    public static string Label(Measure m) => Lower(Name(m));

    /// <summary>A measure's label without notes meant for data entry, as a list item names it.</summary>
    public static string Name(Measure m) => InternalNote().Replace(m.Label, "");

    /// <summary>"từ 90% trở lên", "không quá 6,5%", "100%", "dưới 5%": a numeric threshold in words.</summary>
    public static string ThresholdWords(ResolvedThreshold t, string unit)
    {
        var value = VietnameseFormat.Value(t.Value, unit);
        return t.Operator switch
        {
            ComparisonOperator.AtLeast when unit == "%" && t.Value.Number >= 100 => value,
            ComparisonOperator.AtLeast => $"từ {value} trở lên",
            ComparisonOperator.AtMost when t.Value.Number == 0 => "0" + (unit is "" or "%" ? unit : " " + unit),
            ComparisonOperator.AtMost => $"không quá {value}",
            ComparisonOperator.GreaterThan => $"trên {value}",
            ComparisonOperator.LessThan => $"dưới {value}",
            _ => value,
        };
    }

    /// <summary>The threshold as a figure: "≥ 90%", but "100%" where nothing can exceed it, "đạt" for yes/no.</summary>
    public static string ThresholdFigure(ResolvedThreshold t, string unit) =>
        t.Value.Kind == ScalarKind.Number && t.Operator == ComparisonOperator.AtLeast && unit == "%" && t.Value.Number >= 100
            ? VietnameseFormat.Value(t.Value, unit)
            : VietnameseFormat.Threshold(t, unit);

    /// <summary>Ends a sentence with a full stop unless it already ends with punctuation.</summary>
    public static string Sentence(string s)
    {
        var t = s.Trim();
        if (t.Length == 0) return t;
        return t[^1] is '.' or '!' or '?' or ':' or ';' ? (t[^1] is ':' or ';' ? t[..^1] + "." : t) : t + ".";
    }

    /// <summary>Sentences joined by a space, each ended properly, empty ones left out.</summary>
    public static string Join(params string?[] sentences) =>
        string.Join(" ", sentences.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Sentence(Capitalise(s!))));

    private static string Capitalise(string s) => s.Length > 0 && char.IsLower(s[0]) ? char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..] : s;

    /// <summary>A count as plans write small counts of things: "01", "02" … "09", then "10".</summary>
    public static string Count(double n) =>
        n is >= 0 and < 10 && n == Math.Floor(n) ? ((int)n).ToString("00", CultureInfo.InvariantCulture) : VietnameseFormat.Number(n);

    /// <summary>
    /// <paramref name="s"/> in Unicode normalisation form C. Most text of a plan is Vietnamese in
    /// precomposed letters, already in form C; asking ICU about every string was a fifth of building
    /// the plan model, so text made only of characters that stay as they are next to any other such
    /// character (<see cref="StaysComposed"/>) is returned as it is, without the call.
    /// </summary>
    public static string Nfc(string s)
    {
        var span = s.AsSpan();
        for (var i = span.IndexOfAnyInRange('\u0300', '\uffff'); i >= 0 && i < span.Length; i++)
        {
            if (!StaysComposed(span[i])) return s.Normalize(NormalizationForm.FormC);
        }
        return s;
    }

    /// <summary>
    /// Whether a character is in form C next to any character for which this also holds: no combining
    /// mark, no canonical singleton, nothing that composes with a neighbour. Below U+0300 (Latin,
    /// Latin-1, Latin Extended A and B, IPA, spacing modifiers), Latin Extended Additional (the
    /// precomposed Vietnamese letters, U+1E00–U+1EFF), General Punctuation and the currency signs
    /// without U+2000 and U+2001 (U+2002–U+20CF), arrows and mathematical operators (U+2190–U+22FF).
    /// <c>ProseTests</c> checks every pair of them against ICU.
    /// </summary>
    internal static bool StaysComposed(char c) =>
        c < '\u0300' || c is >= '\u1e00' and <= '\u1eff' or >= '\u2002' and <= '\u20cf' or >= '\u2190' and <= '\u22ff';

    /// <summary>Whether the indicator's value is a number (not yes/no).</summary>
    public static bool IsNumeric(IndicatorResult r) => r.Threshold.Value.Kind == ScalarKind.Number;
}

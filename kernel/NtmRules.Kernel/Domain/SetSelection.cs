using System.Globalization;
using System.Text;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Domain;

/// <summary>
/// The outcome of choosing a criteria set from a commune's province and evaluation date:
/// <see cref="Chosen"/> when exactly one set applies, otherwise the <see cref="Candidates"/> to
/// choose from and why none was chosen, in the session's language.
/// </summary>
/// <param name="Chosen">The one set that applies, or null.</param>
/// <param name="Candidates">The sets in question: those that apply (several), or those of the level for the province in any period (none applies).</param>
/// <param name="Reason">Why no set was chosen ("Có 2 bộ tiêu chí …"), naming no command option; empty when one was.</param>
public sealed record SetSelection(CriteriaSet? Chosen, IReadOnlyList<CriteriaSet> Candidates, string Reason)
{
    /// <summary>One line per candidate: "vn.qd318.xa-ntm — Bộ tiêu chí … (Quyết định số …; hiệu lực từ 08/03/2022 đến 31/12/2025; toàn quốc)".</summary>
    public IEnumerable<string> CandidateLines => Candidates.Select(s => MessageText.Format(DomainMessages.SetCandidate, s.Id, s.Name, s.Decision.Reference,
        s.Effective.Text(CultureInfo.CurrentUICulture), SetSelector.ProvinceOf(s) is { } p ? MessageText.Format(DomainMessages.SetProvince, p) : DomainMessages.SetNational));
}

/// <summary>
/// Chooses the criteria set for a commune when the user names none: the sets of the level in force
/// on the evaluation date that apply to the commune's province. A province's own set specialises
/// the national one it extends, so it replaces that one; a national set nobody extends stays a
/// candidate beside it. Without a province, every set in force is a candidate (a province's set
/// may apply). Used by the CLI and the web alike.
/// </summary>
public static class SetSelector
{
    /// <summary>
    /// The province whose People's Committee issues the set ("UBND tỉnh Thanh Hóa" → "Thanh Hóa"),
    /// or null for a national set (Thủ tướng Chính phủ, a ministry).
    /// </summary>
    public static string? ProvinceOf(CriteriaSet set)
    {
        var authority = set.Decision.Authority.Normalize(NormalizationForm.FormC).Trim();
        foreach (var prefix in new[] { "UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân" })
        {
            if (!authority.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = authority[prefix.Length..].Trim();
            return StripUnitWord(rest) is { Length: > 0 } name && name != rest ? name : null;
        }
        return null;
    }

    /// <summary>Whether two province names are the same province: case, "tỉnh"/"thành phố" and spacing aside.</summary>
    public static bool SameProvince(string a, string b) =>
        string.Equals(Key(a), Key(b), StringComparison.Ordinal);

    /// <summary>Chooses among <paramref name="sets"/> for a commune of <paramref name="province"/> evaluated on <paramref name="date"/>.</summary>
    public static SetSelection Choose(IEnumerable<CriteriaSet> sets, string? province, DateOnly date, Level level)
    {
        // The sets of the level for the province (its own and the national ones), whatever their period.
        var ofLevel = sets.Where(s => s.Level == level && (province is null || ProvinceOf(s) is not { } p || SameProvince(p, province)))
            .OrderBy(s => s.Id, StringComparer.Ordinal).ToArray();
        var applicable = ofLevel.Where(s => s.Effective.Contains(date)).ToArray();
        // For a known province, its own set replaces every set it extends; without one, the national
        // set stays a candidate beside the provinces' (it is the set of every province without its own).
        var extended = province is null ? [] : applicable.SelectMany(s => s.Bases).Select(b => b.SetId).ToHashSet(StringComparer.Ordinal);
        var candidates = applicable.Where(s => !extended.Contains(s.Id)).ToArray();
        if (candidates.Length == 1) return new SetSelection(candidates[0], candidates, "");

        var day = MessageText.Date(date);
        var where = province is null ? DomainMessages.SetNoProvince : MessageText.Format(DomainMessages.SetInProvince, province);
        var levelName = level.Name(CultureInfo.CurrentUICulture);
        if (candidates.Length > 1)
            return new SetSelection(null, candidates, MessageText.Format(DomainMessages.SetSeveral, MessageText.Count(candidates.Length), levelName, where, day));
        var reason = ofLevel.Length == 0
            ? MessageText.Format(DomainMessages.SetNoneLoaded, levelName, where)
            : MessageText.Format(DomainMessages.SetNoneInForce, levelName, where, day);
        return new SetSelection(null, ofLevel, reason);
    }

    private static string StripUnitWord(string name)
    {
        foreach (var word in new[] { "tỉnh", "thành phố", "tp.", "tp" })
        {
            if (name.StartsWith(word + " ", StringComparison.OrdinalIgnoreCase)) return name[(word.Length + 1)..].Trim();
        }
        return name;
    }

    private static string Key(string province)
    {
        var name = StripUnitWord(province.Normalize(NormalizationForm.FormC).Trim());
        return string.Join(' ', name.ToLower(CultureInfo.InvariantCulture).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

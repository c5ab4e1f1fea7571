using NtmRules.Intake.Localization;
using NtmRules.Kernel.Localization;

namespace NtmRules.Intake.Batch;

/// <summary>A range of criteria met, inclusive at both ends, as district reports count communes.</summary>
/// <param name="From">Fewest criteria met.</param>
/// <param name="To">Most criteria met.</param>
/// <param name="Criteria">The set's count of criteria (the top band is "all met").</param>
public sealed record ScoreBand(int From, int To, int Criteria)
{
    /// <summary>
    /// In the session's language, when it is shown (a report made in one language may be shown in another):
    /// "Đạt 19/19 tiêu chí", "Đạt từ 15 đến 18 tiêu chí", "Dưới 10 tiêu chí"; "19/19 criteria met", ….
    /// </summary>
    public string Label =>
        From == Criteria ? MessageText.Format(ReportMessages.BandAll, Criteria, Criteria)
        : From == 0 ? MessageText.Format(ReportMessages.BandBelow, To + 1)
        : From == To ? MessageText.Format(ReportMessages.BandOne, From)
        : MessageText.Format(ReportMessages.BandRange, From, To);

    /// <summary>Whether <paramref name="criteriaMet"/> falls in the band.</summary>
    public bool Contains(int criteriaMet) => criteriaMet >= From && criteriaMet <= To;
}

/// <summary>
/// The bands district plans report: for 19 criteria, 19/19, 15–18, 10–14 and below 10. For a set
/// with another count the cut points scale with it (15/19 and 10/19 of the count, rounded), so that
/// the bands keep their meaning: all met, nearly there, half way, far.
/// </summary>
public static class ScoreBands
{
    /// <summary>The bands for a set of <paramref name="criteria"/> criteria, best first; they cover 0 … criteria exactly once.</summary>
    public static IReadOnlyList<ScoreBand> For(int criteria)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(criteria, 1);
        var high = Math.Clamp((int)Math.Round(criteria * 15 / 19.0, MidpointRounding.AwayFromZero), 1, criteria);
        var middle = Math.Clamp((int)Math.Round(criteria * 10 / 19.0, MidpointRounding.AwayFromZero), 1, high);
        var bands = new List<ScoreBand> { new(criteria, criteria, criteria) };
        if (high <= criteria - 1) bands.Add(new ScoreBand(high, criteria - 1, criteria));
        var top = Math.Min(high, criteria) - 1;
        if (middle <= top) bands.Add(new ScoreBand(middle, top, criteria));
        var floor = Math.Min(middle, high);
        bands.Add(new ScoreBand(0, Math.Min(floor, criteria) - 1, criteria));
        return bands.Where(b => b.From <= b.To).ToArray();
    }
}

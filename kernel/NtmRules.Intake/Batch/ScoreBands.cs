namespace NtmRules.Intake.Batch;

/// <summary>A range of criteria met, inclusive at both ends, as district reports count communes.</summary>
/// <param name="From">Fewest criteria met.</param>
/// <param name="To">Most criteria met.</param>
/// <param name="Label">"Đạt 19/19 tiêu chí", "Đạt từ 15 đến 18 tiêu chí", "Dưới 10 tiêu chí".</param>
public sealed record ScoreBand(int From, int To, string Label)
{
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
        var bands = new List<ScoreBand> { new(criteria, criteria, $"Đạt {criteria}/{criteria} tiêu chí") };
        if (high <= criteria - 1) bands.Add(new ScoreBand(high, criteria - 1, Range(high, criteria - 1)));
        var top = Math.Min(high, criteria) - 1;
        if (middle <= top) bands.Add(new ScoreBand(middle, top, Range(middle, top)));
        var floor = Math.Min(middle, high);
        bands.Add(new ScoreBand(0, Math.Min(floor, criteria) - 1, $"Dưới {Math.Min(floor, criteria)} tiêu chí"));
        return bands.Where(b => b.From <= b.To).ToArray();
    }

    private static string Range(int from, int to) => from == to ? $"Đạt {from} tiêu chí" : $"Đạt từ {from} đến {to} tiêu chí";
}

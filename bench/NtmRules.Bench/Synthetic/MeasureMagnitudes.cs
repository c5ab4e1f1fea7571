using NtmRules.Kernel.Domain;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// Plausible sizes of a commune's totals by unit (a xã has a few thousand households, a handful of
/// schools, tens of km of roads), so that generated denominators look like real ones. A unit not
/// listed falls back to a generic range above the measure's minimum.
/// </summary>
internal static class MeasureMagnitudes
{
    private static readonly Dictionary<string, (double Low, double High)> ByUnit = new(StringComparer.Ordinal)
    {
        ["hộ"] = (500, 3500),
        ["người"] = (2000, 15000),
        ["thôn"] = (4, 20),
        ["trường"] = (2, 6),
        ["học sinh"] = (50, 300),
        ["trẻ"] = (100, 1200),
        ["cơ sở"] = (5, 150),
        ["chủ thể"] = (10, 250),
        ["tổ chức"] = (5, 6),
        ["km"] = (5, 40),
        ["ha"] = (100, 1500),
        ["m²"] = (5000, 60000),
        ["triệu đồng/người/năm"] = (30, 90),
    };

    /// <summary>A value for <paramref name="measure"/> inside its valid range, rounded as its type is written.</summary>
    public static double Draw(Measure measure, Random rng)
    {
        var (low, high) = ByUnit.TryGetValue(measure.Unit, out var range) ? range
            : measure.Type == MeasureType.Percent ? (0, 100)
            : (Math.Max(measure.Min ?? 0, 1), Math.Max(measure.Min ?? 0, 1) * 100);
        low = Math.Max(low, measure.Min ?? low);
        high = Math.Max(low, Math.Min(high, measure.Max ?? high));
        return RoundFor(measure, low + rng.NextDouble() * (high - low), low, high);
    }

    /// <summary>Rounds as the measure's type is written (counts whole, others to one decimal), staying inside [low, high].</summary>
    public static double RoundFor(Measure measure, double value, double low, double high)
    {
        var rounded = measure.Type == MeasureType.Integer
            ? Math.Round(value, MidpointRounding.AwayFromZero)
            : Math.Round(value, 1, MidpointRounding.AwayFromZero);
        if (rounded < low) rounded = measure.Type == MeasureType.Integer ? Math.Ceiling(low) : Math.Ceiling(low * 10) / 10;
        if (rounded > high) rounded = measure.Type == MeasureType.Integer ? Math.Floor(high) : Math.Floor(high * 10) / 10;
        return rounded;
    }

    /// <summary>The valid range the kernel checks (<c>MeasureValues</c>): counts and percentages are never negative, percentages at most 100.</summary>
    public static (double? Min, double? Max) ValidRange(Measure measure) => (
        measure.Min ?? (measure.Type is MeasureType.Integer or MeasureType.Percent ? 0 : null),
        measure.Max ?? (measure.Type == MeasureType.Percent ? 100 : null));
}

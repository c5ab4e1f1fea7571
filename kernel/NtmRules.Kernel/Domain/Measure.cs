namespace NtmRules.Kernel.Domain;

/// <summary>The kind of figure a measure holds; decides parsing and range checks.</summary>
public enum MeasureType
{
    /// <summary>A whole number (a count of households, people, schools).</summary>
    Integer,
    /// <summary>Any number.</summary>
    Decimal,
    /// <summary>A percentage, 0–100 unless the set narrows it.</summary>
    Percent,
    /// <summary>Yes/no.</summary>
    Boolean,
}

/// <summary>
/// A figure a criteria set needs from a commune (số liệu đầu vào), read by rules as <c>m.Key</c>.
/// Invariants: <see cref="Key"/> is a lowerCamelCase ASCII identifier; <see cref="Min"/> ≤ <see cref="Max"/>.
/// </summary>
/// <param name="Key">Identifier used in data files and rule expressions, e.g. <c>hoNgheo</c>.</param>
/// <param name="Label">Vietnamese label, e.g. "Số hộ nghèo".</param>
/// <param name="Unit">Unit as documents write it ("hộ", "%", "triệu đồng/người/năm"); empty for booleans.</param>
/// <param name="Type">Kind of figure.</param>
/// <param name="Min">Smallest valid value, inclusive (numbers only).</param>
/// <param name="Max">Largest valid value, inclusive (numbers only).</param>
/// <param name="AtMost">The key of the whole this measure is a part of (households with electricity ≤ households):
/// data giving a larger part than its whole is refused, naming both. Null when unbounded by another measure.</param>
/// <param name="DisjointWith">Other parts of the same whole that never overlap this one (poor and near-poor households):
/// this measure plus them is at most <see cref="AtMost"/>. Empty when none.</param>
public sealed record Measure(string Key, string Label, string Unit, MeasureType Type, double? Min, double? Max,
    string? AtMost = null, IReadOnlyList<string>? DisjointWith = null)
{
    /// <summary>
    /// The value used when a commune gives none (numbers only), for a figure most communes do not
    /// have — households excluded from a rate, a second denominator. Null: an absent value is
    /// missing data, never zero.
    /// </summary>
    public double? Default { get; init; }

    /// <summary>
    /// The largest magnitude any figure may have. No count of a commune exceeds Vietnam's population
    /// (about 10^8), and no area, length or amount of money of one commune comes near 10^12; beyond
    /// these, a value is a typing or export error, and sums or rates computed from it could
    /// overflow to infinity in a rule.
    /// </summary>
    public const double PlausibleCountLimit = 1e8;

    /// <summary>The largest magnitude of a non-count figure; see <see cref="PlausibleCountLimit"/>.</summary>
    public const double PlausibleMagnitudeLimit = 1e12;

    /// <summary>The parts that share <see cref="AtMost"/> with this one without overlapping it; never null.</summary>
    public IReadOnlyList<string> DisjointParts => DisjointWith ?? [];

    /// <summary>The part–whole relation in words, e.g. "≤ tongSoHo" or "+ hoNgheo ≤ tongSoHo"; empty when none.</summary>
    public string RelationText => AtMost is null ? "" : $"{string.Concat(DisjointParts.Select(d => "+ " + d + " "))}≤ {AtMost}";

    /// <summary>The valid range in words, e.g. "0–100" or "≥ 1"; empty when unbounded or boolean.</summary>
    public string RangeText => (Min, Max) switch
    {
        ({ } lo, { } hi) => $"{lo.ToString(System.Globalization.CultureInfo.InvariantCulture)}–{hi.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        ({ } lo, null) => $"≥ {lo.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        (null, { } hi) => $"≤ {hi.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        _ => "",
    };
}

namespace NtmRules.Kernel.Domain;

/// <summary>One figure of a threshold and where it comes from.</summary>
/// <param name="Value">The figure.</param>
/// <param name="Provenance">Confirmed, reported or assumed, with its source or reason.</param>
public sealed record ThresholdFigure(Scalar Value, ThresholdProvenance Provenance);

/// <summary>
/// One dated value of a threshold, as the law sets it from <see cref="From"/> on: a general
/// figure and, where the decision varies it, one per region — each with its own provenance.
/// </summary>
/// <param name="From">Date the value takes effect.</param>
/// <param name="General">The general figure ("chung"), used for regions without an override.</param>
/// <param name="ByRegion">Per-region overrides.</param>
/// <param name="Citation">Where the indicator stands in the set's decision (decision, appendix, item).</param>
public sealed record ThresholdValue(
    DateOnly From,
    ThresholdFigure General,
    IReadOnlyDictionary<Region, ThresholdFigure> ByRegion,
    Citation Citation)
{
    /// <summary>The figure for <paramref name="region"/>.</summary>
    public ThresholdFigure For(Region region) => ByRegion.TryGetValue(region, out var v) ? v : General;

    /// <summary>The general figure, then each region's in region order.</summary>
    public IEnumerable<(Region? Region, ThresholdFigure Figure)> Figures =>
        new[] { ((Region?)null, General) }.Concat(ByRegion.OrderBy(kv => kv.Key).Select(kv => ((Region?)kv.Key, kv.Value)));
}

/// <summary>
/// An indicator's threshold: an operator and values keyed by the date they take effect (as
/// OpenFisca keys legislation parameters). Invariant: <see cref="Values"/> is non-empty, sorted
/// by <see cref="ThresholdValue.From"/> with no two on the same date, and all of one kind.
/// </summary>
public sealed class Threshold
{
    /// <summary>Creates a threshold; values are sorted by date.</summary>
    public Threshold(ComparisonOperator op, IEnumerable<ThresholdValue> values)
    {
        Operator = op;
        Values = values.OrderBy(v => v.From).ToArray();
        if (Values.Count == 0) throw new ArgumentException("A threshold needs at least one value.");
        for (var i = 1; i < Values.Count; i++)
        {
            if (Values[i].From == Values[i - 1].From) throw new ArgumentException($"Two threshold values take effect on {Values[i].From:yyyy-MM-dd}.");
        }
        Kind = Values[0].General.Value.Kind;
        if (Values.Any(v => v.Figures.Any(f => f.Figure.Value.Kind != Kind)))
            throw new ArgumentException("Threshold values mix numbers and booleans.");
        if (Kind == ScalarKind.Boolean && op != ComparisonOperator.EqualTo)
            throw new ArgumentException($"A yes/no threshold can only use '==', not '{op.Symbol()}'.");
    }

    /// <summary>How the indicator's value is compared with the threshold.</summary>
    public ComparisonOperator Operator { get; }

    /// <summary>Number or boolean.</summary>
    public ScalarKind Kind { get; }

    /// <summary>The dated values, oldest first.</summary>
    public IReadOnlyList<ThresholdValue> Values { get; }

    /// <summary>
    /// The weakest provenance among all its figures (assumed before reported before confirmed): what a
    /// summary across regions and dates can honestly say of the indicator's threshold.
    /// </summary>
    public ProvenanceState WeakestState => Values.SelectMany(v => v.Figures).Max(f => f.Figure.Provenance.State);

    /// <summary>
    /// The value in force on <paramref name="date"/>: the latest whose date is not after it. Before
    /// the first value the first one applies (the set's own period is checked elsewhere).
    /// </summary>
    public ThresholdValue ValueOn(DateOnly date)
    {
        var chosen = Values[0];
        foreach (var v in Values)
        {
            if (v.From <= date) chosen = v;
            else break;
        }
        return chosen;
    }

    /// <summary>The threshold that applies to a commune: figure, operator and legal source.</summary>
    public ResolvedThreshold Resolve(DateOnly date, Region region)
    {
        var v = ValueOn(date);
        var figure = v.For(region);
        return new ResolvedThreshold(Operator, figure.Value, v.ByRegion.ContainsKey(region) ? region : null, v, figure.Provenance);
    }

    /// <summary>Whether <paramref name="actual"/> meets the threshold <paramref name="limit"/>.</summary>
    public static bool IsMet(Scalar actual, ComparisonOperator op, Scalar limit)
    {
        if (actual.Kind != limit.Kind) return false;
        if (actual.Kind == ScalarKind.Boolean) return actual.Flag == limit.Flag;
        return op switch
        {
            ComparisonOperator.AtLeast => actual.Number >= limit.Number,
            ComparisonOperator.AtMost => actual.Number <= limit.Number,
            ComparisonOperator.GreaterThan => actual.Number > limit.Number,
            ComparisonOperator.LessThan => actual.Number < limit.Number,
            ComparisonOperator.EqualTo => actual.Number == limit.Number,
            _ => false,
        };
    }
}

/// <summary>The threshold applied in one evaluation.</summary>
/// <param name="Operator">Comparison.</param>
/// <param name="Value">The figure.</param>
/// <param name="Region">The region whose override applied; null when the general figure applied.</param>
/// <param name="Source">The dated value it came from (citation).</param>
/// <param name="Provenance">Where the applied figure comes from.</param>
public sealed record ResolvedThreshold(ComparisonOperator Operator, Scalar Value, Region? Region, ThresholdValue Source, ThresholdProvenance Provenance);

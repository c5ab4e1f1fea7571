using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Domain;

/// <summary>One figure of a threshold and where it comes from.</summary>
/// <param name="Value">The figure.</param>
/// <param name="Provenance">Confirmed, reported or assumed, with its source or reason.</param>
public sealed record ThresholdFigure(Scalar Value, ThresholdProvenance Provenance);

/// <summary>
/// One dated value of a threshold, as the law sets it from <see cref="From"/> on: a general
/// figure and, where the decision varies it, one per region and/or one per commune group — each
/// with its own provenance. A value keyed only by group (as QĐ 51/2025/QĐ-TTg keys the 2026–2030
/// thresholds) has no general figure and names all three groups.
/// </summary>
/// <param name="From">Date the value takes effect.</param>
/// <param name="General">The general figure ("chung"), used where no override applies; null when the value is keyed only by group.</param>
/// <param name="ByRegion">Per-region overrides.</param>
/// <param name="Citation">Where the indicator stands in the set's decision (decision, appendix, item).</param>
/// <param name="ByGroup">Per-group overrides; they take precedence over a region's.</param>
public sealed record ThresholdValue(
    DateOnly From,
    ThresholdFigure? General,
    IReadOnlyDictionary<Region, ThresholdFigure> ByRegion,
    Citation Citation,
    IReadOnlyDictionary<CommuneGroup, ThresholdFigure> ByGroup)
{
    /// <summary>A value without group overrides.</summary>
    public ThresholdValue(DateOnly from, ThresholdFigure general, IReadOnlyDictionary<Region, ThresholdFigure> byRegion, Citation citation)
        : this(from, general, byRegion, citation, new Dictionary<CommuneGroup, ThresholdFigure>())
    {
    }

    /// <summary>Whether a commune must state its group for this value to apply (no general figure).</summary>
    public bool NeedsGroup => General is null;

    /// <summary>
    /// The figure for a commune of <paramref name="region"/> and <paramref name="group"/>: the
    /// group's, else the region's, else the general one; null when none applies (a group-keyed
    /// value and a commune without a group).
    /// </summary>
    public ThresholdFigure? For(Region region, CommuneGroup? group = null) =>
        group is { } g && ByGroup.TryGetValue(g, out var byGroup) ? byGroup
        : ByRegion.TryGetValue(region, out var v) ? v : General;

    // The three lists below are iterators over the enums' own order, not LINQ (OrderBy, Select, Concat) over
    // the dictionaries' pairs and tuples: loading a set reads them, and LINQ over value types is JIT-compiled
    // on every cold start (a ReadyToRun build cannot carry the framework's code for such instantiations).

    /// <summary>The general figure (if any), then each region's in region order.</summary>
    public IEnumerable<(Region? Region, ThresholdFigure Figure)> Figures
    {
        get
        {
            if (General is not null) yield return (null, General);
            foreach (var region in EnumOrder.Regions)
            {
                if (ByRegion.TryGetValue(region, out var figure)) yield return (region, figure);
            }
        }
    }

    /// <summary>Each group's figure in group order.</summary>
    public IEnumerable<(CommuneGroup Group, ThresholdFigure Figure)> GroupFigures
    {
        get
        {
            foreach (var group in EnumOrder.Groups)
            {
                if (ByGroup.TryGetValue(group, out var figure)) yield return (group, figure);
            }
        }
    }

    /// <summary>Every figure: general, regions', groups'.</summary>
    public IEnumerable<ThresholdFigure> AllFigures
    {
        get
        {
            foreach (var (_, figure) in Figures) yield return figure;
            foreach (var (_, figure) in GroupFigures) yield return figure;
        }
    }
}

/// <summary>The regions and groups in their order, as arrays: indexing an array of enums needs no generic code.</summary>
internal static class EnumOrder
{
    public static readonly Region[] Regions = (Region[])Domain.Regions.All;

    public static readonly CommuneGroup[] Groups = (CommuneGroup[])CommuneGroups.All;
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
        var sorted = SortedByDate(values);
        Values = sorted;
        if (sorted.Length == 0) throw new ArgumentException(DomainMessages.ThresholdNeedsValue);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].From == sorted[i - 1].From) throw new ArgumentException(MessageText.Format(DomainMessages.ThresholdTwoValuesSameDay, MessageText.Date(sorted[i].From)));
        }
        foreach (var v in sorted)
        {
            if (LacksAGroup(v)) throw new ArgumentException(MessageText.Format(DomainMessages.ThresholdValueNeedsGroups, MessageText.Date(v.From)));
        }
        // Every value has a figure (LacksAGroup above); First over a reference type is precompiled code.
        Kind = sorted[0].AllFigures.First().Value.Kind;
        foreach (var v in sorted)
        {
            if (MixesKinds(v, Kind)) throw new ArgumentException(DomainMessages.ThresholdMixesKinds);
        }
        if (Kind == ScalarKind.Boolean && op != ComparisonOperator.EqualTo)
            throw new ArgumentException(MessageText.Format(DomainMessages.YesNoThresholdOperator, op.Symbol()));
    }

    // The checks below run for every threshold of every set a cold start loads. They avoid LINQ over
    // value types (the dates, the figures' region/group pairs): a ReadyToRun build cannot carry the
    // framework's generic code for such instantiations, so each would be compiled by the JIT on start.

    /// <summary>The values oldest first; values of one date keep their order (a stable insertion sort: a threshold has a few).</summary>
    private static ThresholdValue[] SortedByDate(IEnumerable<ThresholdValue> values)
    {
        var sorted = values.ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            var v = sorted[i];
            var j = i - 1;
            for (; j >= 0 && sorted[j].From > v.From; j--) sorted[j + 1] = sorted[j];
            sorted[j + 1] = v;
        }
        return sorted;
    }

    /// <summary>A value without a general figure must name every group.</summary>
    private static bool LacksAGroup(ThresholdValue v)
    {
        if (v.General is not null) return false;
        for (var i = 0; i < EnumOrder.Groups.Length; i++)
        {
            if (!v.ByGroup.ContainsKey(EnumOrder.Groups[i])) return true;
        }
        return false;
    }

    /// <summary>Whether any figure of <paramref name="v"/> is not of <paramref name="kind"/>.</summary>
    private static bool MixesKinds(ThresholdValue v, ScalarKind kind)
    {
        foreach (var f in v.AllFigures)
        {
            if (f.Value.Kind != kind) return true;
        }
        return false;
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
    public ProvenanceState WeakestState => Values.SelectMany(v => v.AllFigures).Max(f => f.Provenance.State);

    /// <summary>
    /// The value in force on <paramref name="date"/>: the latest whose date is not after it. Before
    /// the first value the first one applies (the set's own period is checked elsewhere).
    /// </summary>
    public ThresholdValue ValueOn(DateOnly date)
    {
        // Indexed, not foreach: an interface enumerator per indicator of every commune (the group check asks for each).
        var chosen = Values[0];
        for (var n = 1; n < Values.Count && Values[n].From <= date; n++) chosen = Values[n];
        return chosen;
    }

    /// <summary>Whether a commune must state its group for the value in force on <paramref name="date"/>.</summary>
    public bool NeedsGroupOn(DateOnly date) => ValueOn(date).NeedsGroup;

    /// <summary>
    /// The threshold that applies to a commune: figure, operator and legal source. A commune
    /// without a group is refused before this is asked for a group-keyed value
    /// (<see cref="NeedsGroupOn"/>), so reaching one here is a defect of the caller.
    /// </summary>
    public ResolvedThreshold Resolve(DateOnly date, Region region, CommuneGroup? group = null)
    {
        var v = ValueOn(date);
        var figure = v.For(region, group) ?? throw new InvalidOperationException($"The threshold value from {v.From:yyyy-MM-dd} needs a commune group.");
        var byGroup = group is { } g && v.ByGroup.ContainsKey(g) ? group : null;
        var byRegion = byGroup is null && v.ByRegion.ContainsKey(region) ? region : (Region?)null;
        return new ResolvedThreshold(Operator, figure.Value, byRegion, v, figure.Provenance) { Group = byGroup };
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
public sealed record ResolvedThreshold(ComparisonOperator Operator, Scalar Value, Region? Region, ThresholdValue Source, ThresholdProvenance Provenance)
{
    /// <summary>The commune group whose figure applied; null when a region's or the general figure applied.</summary>
    public CommuneGroup? Group { get; init; }
}

using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// One indicator of a compiled set, everything the evaluator needs of it in one place: its rule
/// compiled, the measures the rule and the applicability condition read (keys and positions in the
/// set), the condition compiled, and the field of the thresholds input that holds its threshold.
/// </summary>
/// <param name="Indicator">The indicator, as the set declares it.</param>
/// <param name="Rule">Its rule, compiled.</param>
/// <param name="ThresholdField">The field of the thresholds input (<c>th</c>) holding its threshold.</param>
/// <param name="RuleReads">The measures its rule reads.</param>
/// <param name="Applicable">Its <c>applicableWhen</c> condition compiled over the measures; null when it has none.</param>
/// <param name="ApplicabilityReads">The measures that condition reads.</param>
internal sealed record CompiledIndicator(Indicator Indicator, CompiledRule Rule, string ThresholdField, MeasureReads RuleReads,
    TieredLambda<bool>? Applicable, MeasureReads ApplicabilityReads)
{
    /// <summary>The same indicator with its rule and condition run as <paramref name="tier"/> says.</summary>
    public CompiledIndicator As(Tier tier) => this with { Rule = Rule.As(tier), Applicable = Applicable?.As(tier) };

    /// <summary>The condition's measures then the rule's, once each: the inputs a report lists.</summary>
    public MeasureReads AllReads { get; } = ApplicabilityReads.Concat(RuleReads);
}

/// <summary>Measures read, by key and by position in the set's measures (the same order).</summary>
/// <param name="Keys">The measure keys.</param>
/// <param name="Positions">The position of each in the set's measures.</param>
internal sealed record MeasureReads(IReadOnlyList<string> Keys, int[] Positions)
{
    /// <summary>No measure.</summary>
    public static readonly MeasureReads None = new([], []);

    /// <summary>The measures <paramref name="keys"/> of <paramref name="set"/>, once each, in their first order.</summary>
    public static MeasureReads Of(CriteriaSet set, IEnumerable<string> keys)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        return new MeasureReads(distinct, distinct.Select(k => set.TryGetMeasurePosition(k, out var n) ? n : throw new KeyNotFoundException(k)).ToArray());
    }

    /// <summary>These measures then those of <paramref name="other"/> not among them.</summary>
    public MeasureReads Concat(MeasureReads other)
    {
        var keys = new List<string>(Keys);
        var positions = new List<int>(Positions);
        for (var i = 0; i < other.Keys.Count; i++)
        {
            if (keys.Contains(other.Keys[i], StringComparer.Ordinal)) continue;
            keys.Add(other.Keys[i]);
            positions.Add(other.Positions[i]);
        }
        return new MeasureReads(keys, [.. positions]);
    }
}

/// <summary>The typed inputs emitted for one set: a class with a field per measure (<c>m</c>), and one with a field per indicator's threshold (<c>th</c>).</summary>
/// <param name="Measures">The measures' class.</param>
/// <param name="Thresholds">The thresholds' class.</param>
internal sealed record CompiledInputs(InputTypeBuilder.InputType Measures, InputTypeBuilder.InputType Thresholds);

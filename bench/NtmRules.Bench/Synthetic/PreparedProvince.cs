using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Bench.Synthetic;

/// <summary>A commune's figures as the reference paths take them: checked once, by measure position.</summary>
/// <param name="ThresholdRegion">Region whose thresholds apply.</param>
/// <param name="Date">Assessment date.</param>
/// <param name="Numbers">Numeric values by measure position (0 where absent).</param>
/// <param name="Flags">Yes/no values by measure position (false where absent).</param>
/// <param name="Present">Whether the measure at that position has a valid value.</param>
public sealed record PreparedCommune(Region ThresholdRegion, DateOnly Date, double[] Numbers, bool[] Flags, bool[] Present)
{
    /// <summary>The commune's group, for a set whose thresholds vary by group.</summary>
    public CommuneGroup? Group { get; init; }
}

/// <summary>
/// A province made ready for the reference paths — plain RulesEngine (a) and the hand-written floor
/// (c) — outside their timing: each commune's values go through the same data check as the
/// product's (<see cref="MeasureValues.Check"/>), so that a value the product rejects is absent for
/// them too. Which indicators can be judged is decided here, once, for both: an indicator reading an
/// absent measure is <see cref="Verdict.MissingData"/> whatever a path would compute from a placeholder.
/// </summary>
public sealed class PreparedProvince
{
    private readonly int[][] _readBy;
    private readonly int[][] _conditionReads;

    private PreparedProvince(CompiledCriteriaSet compiled, IReadOnlyList<PreparedCommune> communes)
    {
        Compiled = compiled;
        Communes = communes;
        _readBy = compiled.Indicators.Select(i => i.RuleReads.Positions).ToArray();
        _conditionReads = compiled.Indicators.Select(i => i.ApplicabilityReads.Positions).ToArray();
    }

    /// <summary>The set.</summary>
    public CompiledCriteriaSet Compiled { get; }

    /// <summary>The communes, in order.</summary>
    public IReadOnlyList<PreparedCommune> Communes { get; }

    /// <summary>Indicator codes in the set's order: the columns of a <see cref="VerdictTable"/>.</summary>
    public IReadOnlyList<string> IndicatorCodes => Compiled.Set.Indicators.Select(i => i.Code).ToArray();

    /// <summary>Checks every commune's values against <paramref name="compiled"/>'s measures.</summary>
    public static PreparedProvince Prepare(CompiledCriteriaSet compiled, IEnumerable<CommuneData> communes)
    {
        var measures = compiled.Set.Measures;
        var prepared = communes.Select(data =>
        {
            var values = MeasureValues.Check(data, compiled.Set);
            var numbers = new double[measures.Count];
            var flags = new bool[measures.Count];
            var present = new bool[measures.Count];
            for (var i = 0; i < measures.Count; i++)
            {
                if (!values.TryGet(measures[i].Key, out var v)) continue;
                present[i] = true;
                if (v.Kind == ScalarKind.Boolean) flags[i] = v.Flag;
                else numbers[i] = v.Number;
            }
            return new PreparedCommune(data.ThresholdRegion, data.AssessmentDate, numbers, flags, present) { Group = data.Group };
        }).ToArray();
        return new PreparedProvince(compiled, prepared);
    }

    /// <summary>Whether every measure indicator <paramref name="indicator"/>'s rule reads is present.</summary>
    internal bool RuleInputsPresent(PreparedCommune commune, int indicator) => AllPresent(_readBy[indicator], commune.Present);

    /// <summary>Whether every measure of indicator <paramref name="indicator"/>'s applicability condition is present.</summary>
    internal bool ConditionInputsPresent(PreparedCommune commune, int indicator) => AllPresent(_conditionReads[indicator], commune.Present);

    private static bool AllPresent(int[] positions, bool[] present)
    {
        foreach (var p in positions)
        {
            if (!present[p]) return false;
        }
        return true;
    }
}

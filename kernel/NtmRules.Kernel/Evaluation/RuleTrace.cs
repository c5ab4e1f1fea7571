using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Evaluation;

/// <summary>A parameter of a rule (LocalParam or GlobalParam) with the value it evaluated to.</summary>
/// <param name="Name">Parameter name, e.g. <c>actual</c>, <c>threshold</c>.</param>
/// <param name="Expression">Its expression as the workflow writes it (the host writes <c>threshold</c>'s).</param>
/// <param name="Value">Evaluated value; null when the rule was not judged (missing data, not applicable) or the value is not a number/boolean.</param>
public readonly record struct ParamValue(string Name, string Expression, Scalar? Value);

/// <summary>
/// What RulesEngine did for one rule and its child rules: the expression, every parameter with
/// its value, and the outcome — the part of RulesEngine's result tree an auditor needs, with
/// run-time errors kept apart from business failures.
/// </summary>
/// <param name="Name">Rule name.</param>
/// <param name="Expression">The rule's expression; null for a rule made of child rules.</param>
/// <param name="Operator">And/Or combining child rules; null otherwise.</param>
/// <param name="Params">Global then local params in evaluation order, with values.</param>
/// <param name="Evaluated">False when the indicator was not judged, so no value here means anything.</param>
/// <param name="IsSuccess">RulesEngine's verdict when evaluated.</param>
/// <param name="Error">Run-time error message, when the expression threw.</param>
/// <param name="Children">Child rules, in order.</param>
public sealed record RuleTrace(string Name, string? Expression, string? Operator, IReadOnlyList<ParamValue> Params,
    bool Evaluated, bool? IsSuccess, string? Error, IReadOnlyList<RuleTrace> Children);

/// <summary>
/// What one commune's evaluation keeps so that each indicator's inputs and trace can be made when a
/// writer asks for them (<see cref="IndicatorResult.Inputs"/>, <see cref="IndicatorResult.Rule"/>):
/// the checked measure values, and the value of every param of every rule run, by position
/// (<see cref="ParamOffsets"/>). The params' values are the objects the compiled rules produced, so
/// keeping them costs one slot each; a trace made from them is the one the rule's run would have made.
/// </summary>
internal sealed class CommuneTraces
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CompiledCriteriaSet, int[]> Offsets = new();

    private readonly CompiledCriteriaSet _compiled;
    private readonly Data.MeasureValues _values;
    private readonly int[] _offsets;
    private MeasureReading?[]? _readings;

    internal CommuneTraces(CompiledCriteriaSet compiled, Data.MeasureValues values)
    {
        _compiled = compiled;
        _values = values;
        _offsets = ParamOffsets(compiled);
        ParamValues = _offsets[^1] == 0 ? [] : new object?[_offsets[^1]];
    }

    /// <summary>The params' values of every indicator's rule, the rule of indicator n from <c>ParamOffsets(set)[n]</c>.</summary>
    internal object?[] ParamValues { get; }

    /// <summary>Where each indicator's rule keeps its params' values in <see cref="ParamValues"/>, in indicator order; the last entry is the total.</summary>
    internal static int[] ParamOffsets(CompiledCriteriaSet compiled) => Offsets.GetValue(compiled, c =>
    {
        var offsets = new int[c.Indicators.Count + 1];
        for (var n = 0; n < c.Indicators.Count; n++) offsets[n + 1] = offsets[n] + c.Indicators[n].Rule.Params.Count;
        return offsets;
    });

    /// <summary>The measures the rule of the indicator at <paramref name="position"/> reads; a measure read by several indicators is described once per commune.</summary>
    internal IReadOnlyList<MeasureReading> Inputs(int position)
    {
        var set = _compiled.Set;
        var plan = _compiled.Indicators[position].AllReads;
        var readings = _readings ??= new MeasureReading?[set.Measures.Count];
        var inputs = new MeasureReading[plan.Keys.Count];
        for (var n = 0; n < inputs.Length; n++)
        {
            var p = plan.Positions[n];
            inputs[n] = readings[p] ??= _values.IsDefaulted(p) && _values.TryGet(p, out var d)
                ? new MeasureReading(set.Measures[p], null, false) { DefaultUsed = d }
                : new MeasureReading(set.Measures[p], _values.TryGet(p, out var v) ? v : null, _values.IsInvalid(p));
        }
        return inputs;
    }

    /// <summary>The trace of the indicator's rule, run without error, from the params' values it kept.</summary>
    internal RuleTrace Trace(int position, bool succeeded)
    {
        var rule = _compiled.Indicators[position].Rule;
        var offset = _offsets[position];
        var values = rule.Params.Count == 0 ? [] : new ParamValue[rule.Params.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = new ParamValue(rule.Params[i].Name, rule.Params[i].Expression, Scalar.FromObject(ParamValues[offset + i]));
        return new RuleTrace(rule.Name, rule.Expression, rule.Operator, values, true, succeeded, null, []);
    }
}

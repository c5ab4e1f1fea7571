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
/// What one commune's evaluation keeps so that each indicator's result can give its parts when a
/// reader asks for them (<see cref="IndicatorResult"/>): the set, the thresholds that applied, the
/// checked measure values, and the value of every param of every rule run, by position
/// (<see cref="CompiledCriteriaSet.ParamOffsets"/>; a rule run whole keeps none). The params' values are the objects the compiled rules produced, so
/// keeping them costs one slot each; a trace made from them is the one the rule's run would have made.
/// What only a rare indicator has (an error, a trace made while running) and what is made on reading
/// is kept in arrays made the first time one is needed.
/// </summary>
internal sealed class CommuneTraces : IndicatorDetails
{
    private readonly CompiledCriteriaSet _compiled;
    private readonly Data.MeasureValues _values;
    private readonly CompiledCriteriaSet.Thresholds _thresholds;
    private readonly int[] _offsets;
    private MeasureReading?[]? _readings;
    private IReadOnlyList<MeasureReading>?[]? _inputs;
    private IReadOnlyList<string>?[]? _missing;
    private RuleTrace?[]? _rules;
    private string?[]? _errors;

    internal CommuneTraces(CompiledCriteriaSet compiled, Data.MeasureValues values, CompiledCriteriaSet.Thresholds thresholds)
    {
        _compiled = compiled;
        _values = values;
        _thresholds = thresholds;
        _offsets = compiled.ParamOffsets;
        ParamValues = _offsets[^1] == 0 ? [] : new object?[_offsets[^1]];
    }

    /// <summary>
    /// The params' values of the rules not run whole (<see cref="CompiledRule.RunsWhole"/>), the rule of indicator n
    /// from <see cref="CompiledCriteriaSet.ParamOffsets"/>[n]; empty when every rule runs whole.
    /// </summary>
    internal object?[] ParamValues { get; }

    /// <summary>Keeps the trace a run of the indicator's rule made (child rules, an error, RulesEngine's executor).</summary>
    internal void KeepRule(int position, RuleTrace rule) => (_rules ??= new RuleTrace?[_compiled.Indicators.Count])[position] = rule;

    /// <summary>Keeps the indicator's expression error.</summary>
    internal void KeepError(int position, string error) => (_errors ??= new string?[_compiled.Indicators.Count])[position] = error;

    internal override Indicator Indicator(int position) => _compiled.Indicators[position].Indicator;

    internal override ResolvedThreshold Threshold(int position) => _thresholds.ByIndicator[position];

    internal override string? Error(int position) => _errors?[position];

    /// <summary>The measures the rule of the indicator at <paramref name="position"/> reads; a measure read by several indicators is described once per commune.</summary>
    internal override IReadOnlyList<MeasureReading> Inputs(int position)
    {
        var known = _inputs ??= new IReadOnlyList<MeasureReading>?[_compiled.Indicators.Count];
        if (known[position] is { } made) return made;
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
        return known[position] = inputs;
    }

    /// <summary>
    /// The keys the indicator lacked, found again as the evaluator found them: those its applicability
    /// condition reads when any lacks a value, else those its rule reads.
    /// </summary>
    internal override IReadOnlyList<string> Missing(int position, Outcome outcome)
    {
        if (outcome != Outcome.MissingData) return [];
        var known = _missing ??= new IReadOnlyList<string>?[_compiled.Indicators.Count];
        if (known[position] is { } found) return found;
        var indicator = _compiled.Indicators[position];
        var missing = indicator.Applicable is null ? [] : MissingKeys(indicator.ApplicabilityReads, _values);
        return known[position] = missing.Length > 0 ? missing : MissingKeys(indicator.RuleReads, _values);
    }

    /// <summary>The trace kept from the rule's run; the rule's trace when it did not run; else the trace made from the params' values it kept.</summary>
    internal override RuleTrace? Rule(int position, Outcome outcome, bool succeeded, Scalar? actual)
    {
        if (_rules?[position] is { } kept) return kept;
        if (outcome is Outcome.MissingData or Outcome.NotApplicable) return _compiled.Indicators[position].Rule.NotRunTrace;
        return KeepRuleMade(position, Trace(position, succeeded, actual));
    }

    private RuleTrace KeepRuleMade(int position, RuleTrace rule)
    {
        KeepRule(position, rule);
        return rule;
    }

    /// <summary>Whether every measure of <paramref name="reads"/> has a valid value.</summary>
    internal static bool HasAll(MeasureReads reads, Data.MeasureValues values)
    {
        foreach (var p in reads.Positions)
        {
            if (!values.Has(p)) return false;
        }
        return true;
    }

    /// <summary>The keys without a valid value, in order; the common case (none) allocates nothing.</summary>
    internal static string[] MissingKeys(MeasureReads reads, Data.MeasureValues values)
    {
        var (keys, positions) = (reads.Keys, reads.Positions);
        var count = 0;
        foreach (var p in positions)
        {
            if (!values.Has(p)) count++;
        }
        if (count == 0) return [];
        var missing = new string[count];
        var n = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            if (!values.Has(positions[i])) missing[n++] = keys[i];
        }
        return missing;
    }

    /// <summary>
    /// The trace of the indicator's rule, run without error, from the params' values it kept; a rule run whole
    /// kept none: its threshold is the region's and date's, its <c>actual</c> the <paramref name="actual"/> of its result.
    /// </summary>
    private RuleTrace Trace(int position, bool succeeded, Scalar? actual)
    {
        var rule = _compiled.Indicators[position].Rule;
        var offset = _offsets[position];
        var values = rule.Params.Count == 0 ? [] : new ParamValue[rule.Params.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = !rule.RunsWhole ? Scalar.FromObject(ParamValues[offset + i])
                : i == rule.ActualIndex ? actual
                : Scalar.FromObject(_thresholds.ParamValues[position]); // the only other param of a rule run whole
            values[i] = new ParamValue(rule.Params[i].Name, rule.Params[i].Expression, value);
        }
        return new RuleTrace(rule.Name, rule.Expression, rule.Operator, values, true, succeeded, null, []);
    }
}

using System.Collections.Concurrent;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using RulesEngine.Models;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// A criteria set made ready to evaluate: typed input classes emitted, every expression
/// checked against the allow-list and compiled (so a broken rule fails the plugin's load, not an
/// evaluation), and the workflow rewritten for RulesEngine with the threshold as a parameter.
/// </summary>
public sealed class CompiledCriteriaSet
{
    /// <summary>Name of the rule input holding the commune's measures.</summary>
    public const string MeasuresInput = "m";

    /// <summary>Name of the rule input holding the thresholds that apply to the commune.</summary>
    internal const string ThresholdsInput = "th";

    /// <summary>Name of the LocalParam the host adds to each rule: the indicator's threshold.</summary>
    public const string ThresholdParam = "threshold";

    /// <summary>Name of the LocalParam each rule defines: the indicator's value.</summary>
    public const string ActualParam = "actual";

    private readonly ConcurrentDictionary<(Region, CommuneGroup?, DateOnly), Thresholds> _thresholds = new();
    private readonly InputTypeBuilder.TypedSetter[] _measureSetters;
    private readonly SetSource _source;

    internal CompiledCriteriaSet(SetSource set, CompiledInputs inputs, Workflow engineWorkflow, IReadOnlyList<CompiledIndicator> indicators,
        IReadOnlyList<Type> functionTypes)
    {
        Set = set;
        _source = set;
        Inputs = inputs;
        _measureSetters = set.Measures.Select(x => inputs.Measures.TypedSetters[x.Key]).ToArray();
        MeasuresReusable = _measureSetters.All(s => s.Number is not null || s.Flag is not null)
            && inputs.Measures.Fields.Count == _measureSetters.Length;
        EngineWorkflow = engineWorkflow;
        Indicators = indicators;
        FunctionTypes = functionTypes;
        ArgumentSlots = indicators.Count == 0 ? 2 : indicators.Max(i => i.Rule.Depth);
        ParamOffsets = new int[indicators.Count + 1];
        for (var n = 0; n < indicators.Count; n++)
            ParamOffsets[n + 1] = ParamOffsets[n] + (indicators[n].Rule.RunsWhole ? 0 : indicators[n].Rule.Params.Count);
        // RulesEngine returns results in the workflow's rule order; when the plugin orders its rules
        // as the set orders its indicators, results are matched by position, without a lookup.
        RulesInIndicatorOrder = engineWorkflow.Rules.Select(r => r.RuleName).SequenceEqual(indicators.Select(i => i.Indicator.RuleName), StringComparer.Ordinal);
    }

    /// <summary>The set.</summary>
    public CriteriaSet Set { get; }

    /// <summary>The typed inputs emitted for the set: its measures, and its thresholds by indicator.</summary>
    internal CompiledInputs Inputs { get; }

    internal InputTypeBuilder.InputType MeasureType => Inputs.Measures;

    /// <summary>The workflow as the plugin writes it (flat when the set extends another), before the host adds its threshold params.</summary>
    public Workflow SourceWorkflow => _source.Workflow;

    /// <summary>The workflow as registered with RulesEngine (threshold params added).</summary>
    public Workflow EngineWorkflow { get; }

    /// <summary>Each indicator compiled, in the set's indicator order (<see cref="CriteriaSet.Indicators"/>).</summary>
    internal IReadOnlyList<CompiledIndicator> Indicators { get; }

    /// <summary>Length of the argument array a rule of this set runs with.</summary>
    internal int ArgumentSlots { get; }

    /// <summary>
    /// Where the rule of each indicator keeps its params' values in a commune's <see cref="CommuneTraces.ParamValues"/>, in
    /// indicator order (none for a rule run whole); the last entry is the total.
    /// </summary>
    internal int[] ParamOffsets { get; }

    /// <summary>Whether the workflow lists exactly one rule per indicator, in the set's indicator order.</summary>
    internal bool RulesInIndicatorOrder { get; }

    /// <summary>Function classes the engine settings expose to expressions (kernel and plugins), for other engines over the same set.</summary>
    internal IReadOnlyList<Type> FunctionTypes { get; }

    /// <summary>Keys of the measures indicator <paramref name="code"/> reads (its rule and applicability condition).</summary>
    public IReadOnlyList<string> MeasuresReadBy(string code) => Indicators.First(i => i.Indicator.Code == code).AllReads.Keys;

    /// <summary>
    /// This compile for <paramref name="set"/>, read again by another load with the same content (see
    /// <see cref="CompiledSetCache"/>): the compiled rules, inputs and conditions are shared, the set
    /// and its indicators are the ones of that load.
    /// </summary>
    internal CompiledCriteriaSet For(SetSource set, IReadOnlyList<Type> functionTypes) => ReferenceEquals(set, _source)
        ? this
        : new CompiledCriteriaSet(set, Inputs, EngineWorkflow, Indicators.Select((i, n) => i with { Indicator = set.Indicators[n] }).ToArray(), functionTypes);

    /// <summary>This set with every rule and condition run as <paramref name="tier"/> says (tests comparing the tiers).</summary>
    internal CompiledCriteriaSet As(Tier tier) =>
        new(_source, Inputs, EngineWorkflow, Indicators.Select(i => i.As(tier)).ToArray(), FunctionTypes);

    /// <summary>
    /// The thresholds that apply to communes of one region on one date: the object handed to
    /// RulesEngine as <c>th</c>, the resolved threshold of each indicator in the set's order, and
    /// each indicator's <c>threshold</c> param value as its rule reads it (the field of <c>th</c>,
    /// boxed once here rather than on every rule of every commune).
    /// </summary>
    internal sealed record Thresholds(object EngineInput, IReadOnlyList<ResolvedThreshold> ByIndicator, object[] ParamValues);

    /// <summary>
    /// Compiles <paramref name="set"/> (the steps are in <see cref="SetCompiler"/>). Throws
    /// <see cref="PluginException"/> listing every broken expression with its file and rule.
    /// </summary>
    /// <param name="set">The set as read.</param>
    /// <param name="settings">The shared engine settings (custom function types).</param>
    /// <param name="functions">Function class → callable method names, for the allow-list.</param>
    internal static CompiledCriteriaSet Compile(SetSource set, ReSettings settings, IReadOnlyDictionary<string, IReadOnlySet<string>> functions) =>
        SetCompiler.Compile(set, settings, functions);

    /// <summary>The thresholds for a commune's region, group and date, cached: a few regions × groups × dates in practice.</summary>
    internal Thresholds ThresholdsFor(Region region, CommuneGroup? group, DateOnly date) =>
        _thresholds.TryGetValue((region, group, date), out var known) ? known : _thresholds.GetOrAdd((region, group, date), ResolveThresholds);

    private Thresholds ResolveThresholds((Region Region, CommuneGroup? Group, DateOnly Date) key)
    {
        var thresholds = Inputs.Thresholds;
        var o = thresholds.Create();
        var resolved = new ResolvedThreshold[Indicators.Count];
        var paramValues = new object[Indicators.Count];
        for (var n = 0; n < resolved.Length; n++)
        {
            var field = Indicators[n].ThresholdField;
            resolved[n] = Set.Indicators[n].Threshold.Resolve(key.Date, key.Region, key.Group);
            thresholds.Set(o, field, resolved[n].Value.ToObject());
            paramValues[n] = thresholds.Fields[field].GetValue(o)!;
        }
        return new Thresholds(o, resolved, paramValues);
    }

    /// <summary>Whether every field of the measures object can be set back to its default (<see cref="ClearMeasure"/>), so that one object can serve commune after commune.</summary>
    internal bool MeasuresReusable { get; }

    /// <summary>Sets the field of the measure at <paramref name="position"/> back to the default a new measures object holds.</summary>
    internal void ClearMeasure(object measures, int position)
    {
        var setter = _measureSetters[position];
        if (setter.Number is { } number) number(measures, 0d);
        else setter.Flag!(measures, false);
    }

    /// <summary>Assigns a checked value of the set's measure at <paramref name="position"/> to a measures object, without boxing it.</summary>
    internal void SetMeasure(object measures, int position, Scalar value)
    {
        var setter = _measureSetters[position];
        if (value.Kind == ScalarKind.Boolean && setter.Flag is { } flag) flag(measures, value.Flag);
        else if (value.Kind == ScalarKind.Number && setter.Number is { } number) number(measures, value.Number);
        else Inputs.Measures.Set(measures, Set.Measures[position].Key, value.ToObject()); // a kind the field does not hold: fails as it always did
    }
}

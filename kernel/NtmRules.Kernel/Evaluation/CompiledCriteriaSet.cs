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
    private readonly Dictionary<string, string> _thresholdFields;
    private readonly InputTypeBuilder.TypedSetter[] _measureSetters;

    internal CompiledCriteriaSet(SetSource set, InputTypeBuilder.InputType measures, InputTypeBuilder.InputType thresholds,
        Dictionary<string, string> thresholdFields, Workflow engineWorkflow, IReadOnlyDictionary<string, IndicatorPlan> plans,
        IReadOnlyList<Type> functionTypes, IReadOnlyList<CompiledRule> rules)
    {
        RulesInOrder = rules;
        ArgumentSlots = rules.Count == 0 ? 2 : rules.Max(r => r.Depth);
        Set = set;
        _source = set;
        MeasureType = measures;
        _measureSetters = set.Measures.Select(x => measures.TypedSetters[x.Key]).ToArray();
        ThresholdType = thresholds;
        _thresholdFields = thresholdFields;
        EngineWorkflow = engineWorkflow;
        Plans = plans;
        FunctionTypes = functionTypes;
        PlansInOrder = set.Indicators.Select(i => plans[i.Code]).ToArray();
        var ruleNames = engineWorkflow.Rules.Select(r => r.RuleName).ToArray();
        RuleNamesInOrder = PlansInOrder.Select(p => p.Indicator.RuleName).ToArray();
        // RulesEngine returns results in the workflow's rule order; when the plugin orders its rules
        // as the set orders its indicators, results are matched by position, without a lookup.
        RulesInIndicatorOrder = ruleNames.SequenceEqual(RuleNamesInOrder, StringComparer.Ordinal);
    }

    /// <summary>The set.</summary>
    public CriteriaSet Set { get; }

    internal InputTypeBuilder.InputType MeasureType { get; }

    internal InputTypeBuilder.InputType ThresholdType { get; }

    /// <summary>The workflow as the plugin writes it (flat when the set extends another), before the host adds its threshold params.</summary>
    public Workflow SourceWorkflow => _source.Workflow;

    private readonly SetSource _source;

    /// <summary>The workflow as registered with RulesEngine (threshold params added).</summary>
    public Workflow EngineWorkflow { get; }

    /// <summary>Per indicator code: what its rule reads and its compiled applicability condition.</summary>
    internal IReadOnlyDictionary<string, IndicatorPlan> Plans { get; }

    /// <summary>The plans in the set's indicator order (<see cref="CriteriaSet.Indicators"/>).</summary>
    internal IReadOnlyList<IndicatorPlan> PlansInOrder { get; }

    /// <summary>Each indicator's rule compiled, in the set's indicator order.</summary>
    internal IReadOnlyList<CompiledRule> RulesInOrder { get; }

    /// <summary>Length of the argument array a rule of this set runs with.</summary>
    internal int ArgumentSlots { get; }

    /// <summary>Rule names in the set's indicator order.</summary>
    internal IReadOnlyList<string> RuleNamesInOrder { get; }

    /// <summary>Whether the workflow lists exactly one rule per indicator, in the set's indicator order.</summary>
    internal bool RulesInIndicatorOrder { get; }

    /// <summary>Function classes the engine settings expose to expressions (kernel and plugins), for other engines over the same set.</summary>
    internal IReadOnlyList<Type> FunctionTypes { get; }

    /// <summary>Keys of the measures indicator <paramref name="code"/> reads (its rule and applicability condition).</summary>
    public IReadOnlyList<string> MeasuresReadBy(string code) =>
        Plans[code].ApplicabilityMeasures.Concat(Plans[code].MeasuresRead).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>What the evaluator needs per indicator, computed once at load.</summary>
    internal sealed record IndicatorPlan(Indicator Indicator, IReadOnlyList<string> MeasuresRead,
        Func<object[], bool>? Applicable, IReadOnlyList<string> ApplicabilityMeasures)
    {
        /// <summary>The condition's measures then the rule's, once each: the inputs a report lists.</summary>
        public IReadOnlyList<string> ReadKeys { get; } = ApplicabilityMeasures.Concat(MeasuresRead).Distinct(StringComparer.Ordinal).ToArray();

        /// <summary>Position in the set's measures of each of <see cref="ReadKeys"/>; set when the set is compiled.</summary>
        public int[] ReadPositions { get; init; } = [];

        /// <summary>Position in the set's measures of each of <see cref="MeasuresRead"/>; set when the set is compiled.</summary>
        public int[] MeasuresReadPositions { get; init; } = [];

        /// <summary>Position in the set's measures of each of <see cref="ApplicabilityMeasures"/>; set when the set is compiled.</summary>
        public int[] ApplicabilityPositions { get; init; } = [];
    }

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
        var o = ThresholdType.Create();
        var resolved = new ResolvedThreshold[Set.Indicators.Count];
        for (var n = 0; n < resolved.Length; n++)
        {
            var i = Set.Indicators[n];
            resolved[n] = i.Threshold.Resolve(key.Date, key.Region, key.Group);
            ThresholdType.Set(o, _thresholdFields[i.Code], resolved[n].Value.ToObject());
        }
        var paramValues = Set.Indicators.Select(i => ThresholdType.Fields[_thresholdFields[i.Code]].GetValue(o)!).ToArray();
        return new Thresholds(o, resolved, paramValues);
    }

    /// <summary>Assigns a checked value of the set's measure at <paramref name="position"/> to a measures object, without boxing it.</summary>
    internal void SetMeasure(object measures, int position, Scalar value)
    {
        var setter = _measureSetters[position];
        if (value.Kind == ScalarKind.Boolean && setter.Flag is { } flag) flag(measures, value.Flag);
        else if (value.Kind == ScalarKind.Number && setter.Number is { } number) number(measures, value.Number);
        else MeasureType.Set(measures, Set.Measures[position].Key, value.ToObject()); // a kind the field does not hold: fails as it always did
    }
}

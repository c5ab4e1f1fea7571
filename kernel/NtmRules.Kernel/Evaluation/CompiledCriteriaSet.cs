using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// A criteria set made ready to evaluate: typed input classes emitted, every expression
/// checked against the allow-list and compiled (so a broken rule fails the plugin's load, not an
/// evaluation), and the workflow rewritten for RulesEngine with the threshold as a parameter.
/// </summary>
public sealed partial class CompiledCriteriaSet
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

    private CompiledCriteriaSet(CriteriaSet set, InputTypeBuilder.InputType measures, InputTypeBuilder.InputType thresholds,
        Dictionary<string, string> thresholdFields, Workflow engineWorkflow, IReadOnlyDictionary<string, IndicatorPlan> plans,
        IReadOnlyList<Type> functionTypes, IReadOnlyList<CompiledRule> rules)
    {
        RulesInOrder = rules;
        ArgumentSlots = rules.Count == 0 ? 2 : rules.Max(r => r.Depth);
        Set = set;
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

    [GeneratedRegex(@"\bthreshold\b")]
    private static partial Regex ThresholdWord();

    /// <summary>
    /// One parser per engine settings, shared by the sets compiled with them: a parser scans every
    /// loaded assembly for expression types on first use, which is worth doing once per load, not per set.
    /// </summary>
    private static readonly ConditionalWeakTable<ReSettings, RuleExpressionParser> Parsers = new();

    /// <summary>
    /// Compiles <paramref name="set"/>. Throws <see cref="PluginException"/> listing every broken
    /// expression with its file and rule.
    /// </summary>
    /// <param name="set">The set as read.</param>
    /// <param name="settings">The shared engine settings (custom function types).</param>
    /// <param name="functions">Function class → callable method names, for the allow-list.</param>
    internal static CompiledCriteriaSet Compile(CriteriaSet set, ReSettings settings, IReadOnlyDictionary<string, IReadOnlySet<string>> functions)
    {
        var problems = new List<Problem>();
        var file = set.WorkflowFile;
        var measureType = InputTypeBuilder.Build("M_" + set.Id,
            set.Measures.Select(m => (m.Key, m.Type == Domain.MeasureType.Boolean ? typeof(bool) : typeof(double))));
        var thresholdFields = set.Indicators.Select((i, n) => (i.Code, Field: "t" + n)).ToDictionary(x => x.Code, x => x.Field, StringComparer.Ordinal);
        var thresholdType = InputTypeBuilder.Build("T_" + set.Id,
            set.Indicators.Select(i => (thresholdFields[i.Code], i.Threshold.Kind == ScalarKind.Boolean ? typeof(bool) : typeof(double))));

        var guard = new ExpressionGuard(set.MeasuresByKey.Keys.ToHashSet(StringComparer.Ordinal), functions);
        var parser = Parsers.GetValue(settings, s => new RuleExpressionParser(s));
        var m = Expression.Parameter(measureType.Type, MeasuresInput);
        var th = Expression.Parameter(thresholdType.Type, ThresholdsInput);

        // Global params are visible to every rule.
        var globalScope = new List<ParameterExpression> { m, th };
        // The type each param parsed to, by param: the compiled rules declare their params with it.
        // What the check parsed, kept to compile from: each param's variable and parsed body, each rule's parsed expression.
        var parsed = new Parsed();
        var globalParsed = new List<ParsedParam>();
        var globalNames = new HashSet<string>(StringComparer.Ordinal);
        var globalMeasures = new List<string>();
        foreach (var g in set.Workflow.GlobalParams ?? [])
        {
            var compiled = CompileParam(g, globalScope, globalNames, guard, parser, problems, file, "GlobalParams", parsed);
            if (compiled is null) continue;
            globalScope.Add(compiled.Value.Param);
            globalParsed.Add(parsed.Params[g]);
            globalNames.Add(g.Name);
            globalMeasures.AddRange(compiled.Value.Measures);
        }

        var indicatorsByRule = set.Indicators.ToDictionary(i => i.RuleName, StringComparer.Ordinal);
        var measurePositions = set.Measures.Select((x, n) => (x.Key, n)).ToDictionary(x => x.Key, x => x.n, StringComparer.Ordinal);
        var plans = new Dictionary<string, IndicatorPlan>(StringComparer.Ordinal);
        var engineRules = new List<Rule>();
        var roots = new Dictionary<string, (Rule Rule, IReadOnlyList<ParsedParam> Own, Rule Source)>(StringComparer.Ordinal);
        foreach (var rule in set.Workflow.Rules)
        {
            if (!indicatorsByRule.TryGetValue(rule.RuleName, out var indicator)) continue; // reported by the reader
            var where = $"rule \"{rule.RuleName}\"";
            var thresholdParam = new ScopedParam { Name = ThresholdParam, Expression = $"{ThresholdsInput}.{thresholdFields[indicator.Code]}" };
            var scope = new List<ParameterExpression>(globalScope)
            {
                Expression.Parameter(indicator.Threshold.Kind == ScalarKind.Boolean ? typeof(bool) : typeof(double), ThresholdParam),
            };
            var names = new HashSet<string>(globalNames, StringComparer.Ordinal) { ThresholdParam };
            // The host's own param: read the field directly, there is nothing of the plugin's to parse.
            var own = new List<ParsedParam>(globalParsed) { new(thresholdParam, scope[^1], Expression.Field(th, thresholdFields[indicator.Code])) };
            var measures = new List<string>(globalMeasures);
            Type? actualType = null;
            var paramFailed = false;
            foreach (var local in rule.LocalParams ?? [])
            {
                if (local.Name == ThresholdParam || local.Name == MeasuresInput || local.Name == ThresholdsInput || names.Contains(local.Name))
                {
                    problems.Add(SourceMap.At(local, "Name", file, $"{where}: LocalParam name \"{local.Name}\" is reserved or already defined"));
                    continue;
                }
                var compiled = CompileParam(local, scope, names, guard, parser, problems, file, where, parsed);
                if (compiled is null)
                {
                    paramFailed = true;
                    continue;
                }
                scope.Add(compiled.Value.Param);
                names.Add(local.Name);
                own.Add(parsed.Params[local]);
                measures.AddRange(compiled.Value.Measures);
                if (local.Name == ActualParam) actualType = compiled.Value.Param.Type;
            }
            var actualDefinition = (rule.LocalParams ?? []).FirstOrDefault(p => p.Name == ActualParam);
            if (actualDefinition is null)
                problems.Add(SourceMap.At(rule, "RuleName", file, $"{where}: define a LocalParam \"{ActualParam}\" holding the indicator's value (see docs/criteria-set-format.md)"));
            else if (actualType is not null && !FitsThreshold(actualType, indicator.Threshold.Kind))
                problems.Add(SourceMap.At(actualDefinition, "Expression", file, $"{where}: \"{ActualParam}\" is {actualType.Name} but the threshold of indicator {indicator.Code} is {(indicator.Threshold.Kind == ScalarKind.Boolean ? "yes/no" : "a number")}"));
            // The range check reads only the param's text, so it runs even when the param failed to compile.
            if (actualDefinition is not null && (actualType is null || FitsThreshold(actualType, indicator.Threshold.Kind)))
                CheckThresholdRange(set, indicator, actualDefinition, problems);
            // A failed param would make every use of it an error too: report the cause once.
            if (!paramFailed) CompileRuleBody(rule, scope, names, guard, parser, problems, file, where, measures, parsed);
            if (!UsesThreshold(rule))
                problems.Add(SourceMap.At(rule, "Expression", file, $"{where}: the expression never reads \"{ThresholdParam}\", so the indicator's legal threshold would be ignored"));

            Func<object[], bool>? applicable = null;
            IReadOnlyList<string> applicabilityMeasures = [];
            if (indicator.ApplicableWhen is { } cond)
            {
                var check = guard.Check(cond, new HashSet<string>());
                applicabilityMeasures = check.MeasuresRead;
                if (check.Violations.Count > 0)
                    problems.Add(SourceMap.At(indicator, "applicableWhen", set.DefinitionFile, $"indicator {indicator.Code} applicableWhen \"{cond}\": {string.Join("; ", check.Violations)}"));
                else
                {
                    try
                    {
                        applicable = parser.Compile<bool>(cond, [new RuleParameter(MeasuresInput, measureType.Create())]);
                    }
                    catch (Exception e)
                    {
                        problems.Add(SourceMap.At(indicator, "applicableWhen", set.DefinitionFile, $"indicator {indicator.Code} applicableWhen \"{cond}\" does not compile: {e.Message}"));
                    }
                }
            }

            var plan = new IndicatorPlan(indicator, measures.Distinct(StringComparer.Ordinal).ToArray(), applicable, applicabilityMeasures);
            plans[indicator.Code] = plan with
            {
                ReadPositions = plan.ReadKeys.Select(k => measurePositions[k]).ToArray(),
                MeasuresReadPositions = plan.MeasuresRead.Select(k => measurePositions[k]).ToArray(),
                ApplicabilityPositions = plan.ApplicabilityMeasures.Select(k => measurePositions[k]).ToArray(),
            };
            var engineRule = new Rule
            {
                RuleName = rule.RuleName,
                Expression = rule.Expression,
                Operator = rule.Operator,
                Rules = rule.Rules,
                Enabled = rule.Enabled,
                ErrorMessage = null, // so that ExceptionMessage carries only real errors (RulesEngine mixes the two)
                SuccessEvent = rule.SuccessEvent,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
                LocalParams = new[] { thresholdParam }.Concat(rule.LocalParams ?? []).ToList(),
            };
            engineRules.Add(engineRule);
            roots[indicator.Code] = (engineRule, own, rule);
        }

        if (problems.Count > 0) throw new PluginException(problems);
        var engineWorkflow = new Workflow { WorkflowName = set.Id, GlobalParams = set.Workflow.GlobalParams, Rules = engineRules };
        var compiledRules = set.Indicators.Select(i => CompiledRule.Compile(roots[i.Code].Rule, [m, th], roots[i.Code].Own,
            rule => parsed.Rules.GetValueOrDefault(ReferenceEquals(rule, roots[i.Code].Rule) ? roots[i.Code].Source : rule),
            child => (child.LocalParams ?? []).Select(p => parsed.Params[p]).ToArray())).ToArray();
        return new CompiledCriteriaSet(set, measureType, thresholdType, thresholdFields, engineWorkflow, plans, settings.CustomTypes ?? [], compiledRules);
    }

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

    [GeneratedRegex(@"^\s*m\.([a-z][A-Za-z0-9]*)\s*$")]
    private static partial Regex PlainMeasure();

    /// <summary>
    /// Every numeric threshold value must be one the indicator's value can take: within the valid
    /// range of the measure when <c>actual</c> is one measure, within 0–100 when it is a rate
    /// (<c>Ntm.Rate</c>) or a percentage. A threshold outside it can never be met (or never failed),
    /// which is nearly always a typo (65 for 6,5) or a unit mix-up.
    /// </summary>
    private static void CheckThresholdRange(CriteriaSet set, Indicator indicator, ScopedParam actual, List<Problem> problems)
    {
        if (indicator.Threshold.Kind != ScalarKind.Number) return;
        double? lo = null, hi = null;
        string what;
        if (PlainMeasure().Match(actual.Expression) is { Success: true } match && set.MeasuresByKey.TryGetValue(match.Groups[1].Value, out var measure))
        {
            lo = measure.Min ?? (measure.Type == Domain.MeasureType.Percent ? 0 : null);
            hi = measure.Max ?? (measure.Type == Domain.MeasureType.Percent ? 100 : null);
            what = $"measure {measure.Key}";
        }
        else if (actual.Expression.TrimStart().StartsWith("Ntm.Rate(", StringComparison.Ordinal) || indicator.ValueUnit == "%")
        {
            (lo, hi) = (0, 100);
            what = "a rate in %";
        }
        else return;
        var range = new Measure("x", "", "", Domain.MeasureType.Decimal, lo, hi).RangeText;
        if (range.Length == 0) return;
        foreach (var v in indicator.Threshold.Values)
        {
            var figures = v.Figures.Select(x => (Field: x.Region is null ? "value" : "regions", Label: x.Region is null ? "" : $" (region {x.Region})", x.Figure))
                .Concat(v.GroupFigures.Select(x => (Field: "groups", Label: $" (group {x.Group.Code()})", x.Figure)));
            foreach (var (field, label, f) in figures)
            {
                var figure = f.Value;
                if (figure.Kind != ScalarKind.Number || (lo is not { } l || figure.Number >= l) && (hi is not { } h || figure.Number <= h)) continue;
                var figureText = figure.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                problems.Add(SourceMap.At(v, field, set.DefinitionFile,
                    $"indicator {indicator.Code}: threshold value {figureText}{label} from {v.From:yyyy-MM-dd} is outside the valid range {range} of {what}, so the indicator could never be judged as written; check the figure and its unit"));
            }
        }
    }

    private static bool FitsThreshold(Type t, ScalarKind kind) => kind == ScalarKind.Boolean
        ? t == typeof(bool)
        : t == typeof(double) || t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(float);

    private static bool UsesThreshold(Rule rule) =>
        (rule.Expression is { } e && ThresholdWord().IsMatch(e))
        || (rule.LocalParams ?? []).Any(p => ThresholdWord().IsMatch(p.Expression))
        || (rule.Rules ?? []).Any(UsesThreshold);

    private static (ParameterExpression Param, IReadOnlyList<string> Measures)? CompileParam(ScopedParam p, List<ParameterExpression> scope,
        HashSet<string> names, ExpressionGuard guard, RuleExpressionParser parser, List<Problem> problems, string file, string where, Parsed parsed)
    {
        var check = guard.Check(p.Expression, names);
        if (check.Violations.Count > 0)
        {
            problems.Add(SourceMap.At(p, "Expression", file, $"{where}, param \"{p.Name}\" = \"{Shown(p.Expression)}\": {string.Join("; ", check.Violations)}"));
            return null;
        }
        try
        {
            var body = parser.Parse(p.Expression, scope.ToArray(), null);
            var variable = Expression.Parameter(body.Type, p.Name);
            parsed.Params[p] = new ParsedParam(p, variable, body);
            return (variable, check.MeasuresRead);
        }
        catch (Exception e)
        {
            problems.Add(SourceMap.At(p, "Expression", file, $"{where}, param \"{p.Name}\" = \"{p.Expression}\" does not compile: {e.Message}"));
            return null;
        }
    }

    private static void CompileRuleBody(Rule rule, List<ParameterExpression> scope, HashSet<string> names, ExpressionGuard guard,
        RuleExpressionParser parser, List<Problem> problems, string file, string where, List<string> measures, Parsed parsed)
    {
        if (rule.Rules is { } children && children.Any())
        {
            foreach (var child in children)
            {
                var childScope = new List<ParameterExpression>(scope);
                var childNames = new HashSet<string>(names, StringComparer.Ordinal);
                foreach (var local in child.LocalParams ?? [])
                {
                    var compiled = CompileParam(local, childScope, childNames, guard, parser, problems, file, $"{where} › \"{child.RuleName}\"", parsed);
                    if (compiled is null) continue;
                    childScope.Add(compiled.Value.Param);
                    childNames.Add(local.Name);
                    measures.AddRange(compiled.Value.Measures);
                }
                CompileRuleBody(child, childScope, childNames, guard, parser, problems, file, $"{where} › \"{child.RuleName}\"", measures, parsed);
            }
            return;
        }
        if (string.IsNullOrWhiteSpace(rule.Expression))
        {
            problems.Add(SourceMap.At(rule, "RuleName", file, $"{where}: missing Expression"));
            return;
        }
        var check = guard.Check(rule.Expression, names);
        if (check.Violations.Count > 0)
        {
            problems.Add(SourceMap.At(rule, "Expression", file, $"{where}, Expression \"{Shown(rule.Expression)}\": {string.Join("; ", check.Violations)}"));
            return;
        }
        measures.AddRange(check.MeasuresRead);
        try
        {
            parsed.Rules[rule] = parser.Parse(rule.Expression, scope.ToArray(), typeof(bool));
        }
        catch (Exception e)
        {
            problems.Add(SourceMap.At(rule, "Expression", file, $"{where}, Expression \"{rule.Expression}\" does not compile: {e.Message}"));
        }
    }

    /// <summary>An expression as a message quotes it: whole when short, its start otherwise (a refused one can be thousands of characters).</summary>
    private static string Shown(string expression) => expression.Length <= 160 ? expression : expression[..120] + $"… ({expression.Length} characters)";

    /// <summary>The parses of one set's check, by param and by rule (reference identity: two rules may share a name in error).</summary>
    private sealed class Parsed
    {
        public Dictionary<ScopedParam, ParsedParam> Params { get; } = new(ReferenceEqualityComparer.Instance);

        public Dictionary<Rule, Expression> Rules { get; } = new(ReferenceEqualityComparer.Instance);
    }
}

using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using RulesEngine.Models;
using static NtmRules.Kernel.Evaluation.CompiledCriteriaSet;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// One compile of one criteria set, in named steps: emit the typed inputs, compile the global
/// params, then per indicator its rule (scope with the host's <c>threshold</c>, local params, the
/// <c>actual</c> check, the threshold's range, the rule body, the applicability condition, the
/// plan and the rule as RulesEngine registers it), and finally either every problem found or the
/// compiled set. Every expression is checked against the allow-list and parsed as RulesEngine's own
/// parser parses it (<see cref="RuleParser"/>); the parses are kept, so that the rules are compiled from exactly what was checked.
/// </summary>
internal sealed partial class SetCompiler
{
    private readonly SetSource _set;
    private readonly ReSettings _settings;
    private readonly string _file;
    private readonly List<Problem> _problems = [];
    private readonly ExpressionGuard _guard;
    private readonly RuleParser _parser;
    private readonly InputTypeBuilder.InputType _measureType;
    private readonly InputTypeBuilder.InputType _thresholdType;
    private readonly Dictionary<string, string> _thresholdFields;
    private readonly ParameterExpression _m;
    private readonly ParameterExpression _th;
    private readonly Parsed _parsed = new();

    /// <summary>What every rule sees: the inputs, then the global params that compiled.</summary>
    private readonly RuleScope _global;

    private readonly List<Rule> _engineRules = [];

    /// <summary>Per indicator code: what its check found, for the compile of its rule once every check passed.</summary>
    private readonly Dictionary<string, Checked> _checked = new(StringComparer.Ordinal);

    /// <summary>
    /// One indicator's rule as checked: the rule as registered, the params it evaluates itself, the rule as
    /// the workflow wrote it, the measures the rule reads, and the applicability condition with its measures.
    /// </summary>
    private sealed record Checked(Rule Rule, IReadOnlyList<ParsedParam> Own, Rule Source, IReadOnlyList<string> Measures,
        TieredLambda<bool>? Applicable, IReadOnlyList<string> ApplicabilityMeasures);

    [GeneratedRegex(@"\bthreshold\b")]
    private static partial Regex ThresholdWord();

    [GeneratedRegex(@"^\s*m\.([a-z][A-Za-z0-9]*)\s*$")]
    private static partial Regex PlainMeasure();

    /// <summary>One parser per engine settings, shared by the sets compiled with them (its type provider is built once).</summary>
    private static readonly ConditionalWeakTable<ReSettings, RuleParser> Parsers = new();

    /// <summary>Step 1: the typed inputs — a class with a field per measure, and one with a field per indicator's threshold.</summary>
    private SetCompiler(SetSource set, ReSettings settings, IReadOnlyDictionary<string, IReadOnlySet<string>> functions)
    {
        _set = set;
        _settings = settings;
        _file = set.WorkflowFile;
        _measureType = InputTypeBuilder.Build("M_" + set.Id,
            set.Measures.Select(m => (m.Key, m.Type == Domain.MeasureType.Boolean ? typeof(bool) : typeof(double))));
        _thresholdFields = set.Indicators.Select((i, n) => (i.Code, Field: "t" + n)).ToDictionary(x => x.Code, x => x.Field, StringComparer.Ordinal);
        _thresholdType = InputTypeBuilder.Build("T_" + set.Id,
            set.Indicators.Select(i => (_thresholdFields[i.Code], i.Threshold.Kind == ScalarKind.Boolean ? typeof(bool) : typeof(double))));
        _guard = new ExpressionGuard(set.MeasuresByKey.Keys.ToHashSet(StringComparer.Ordinal), functions);
        _parser = Parsers.GetValue(settings, s => new RuleParser(s));
        _m = Expression.Parameter(_measureType.Type, MeasuresInput);
        _th = Expression.Parameter(_thresholdType.Type, ThresholdsInput);
        _global = new RuleScope([_m, _th], new HashSet<string>(StringComparer.Ordinal), [], []);
    }

    /// <summary>
    /// Compiles <paramref name="set"/>, or throws <see cref="PluginException"/> listing every broken expression
    /// with its file and rule. A set of the same content compiled before in this process is not compiled again
    /// (<see cref="CompiledSetCache"/>).
    /// </summary>
    public static CompiledCriteriaSet Compile(SetSource set, ReSettings settings, IReadOnlyDictionary<string, IReadOnlySet<string>> functions) =>
        CompiledSetCache.GetOrCompile(set, settings, functions, () => CompileNow(set, settings, functions));

    /// <summary>Compiles <paramref name="set"/> now: the four steps.</summary>
    private static CompiledCriteriaSet CompileNow(SetSource set, ReSettings settings, IReadOnlyDictionary<string, IReadOnlySet<string>> functions)
    {
        var compiler = new SetCompiler(set, settings, functions);
        compiler.CompileGlobalParams();
        var indicatorsByRule = set.Indicators.ToDictionary(i => i.RuleName, StringComparer.Ordinal);
        foreach (var rule in set.Workflow.Rules)
        {
            if (indicatorsByRule.TryGetValue(rule.RuleName, out var indicator)) compiler.CompileIndicatorRule(rule, indicator);
            // a rule of no indicator is reported by the reader
        }
        return compiler.Finish();
    }

    /// <summary>The variables visible to a rule, the names taken, the params it evaluates itself (with the global ones), and the measures they read.</summary>
    private sealed record RuleScope(List<ParameterExpression> Variables, HashSet<string> Names, List<ParsedParam> Own, List<string> Measures)
    {
        /// <summary>A copy to extend for a rule or a child rule.</summary>
        public RuleScope Extend() => new([.. Variables], new HashSet<string>(Names, StringComparer.Ordinal), [.. Own], [.. Measures]);
    }

    /// <summary>Step 2: global params, visible to every rule.</summary>
    private void CompileGlobalParams()
    {
        foreach (var g in _set.Workflow.GlobalParams ?? [])
        {
            var compiled = CompileParam(g, _global.Variables, _global.Names, "GlobalParams");
            if (compiled is null) continue;
            _global.Variables.Add(compiled.Value.Param);
            _global.Own.Add(_parsed.Params[g]);
            _global.Names.Add(g.Name);
            _global.Measures.AddRange(compiled.Value.Measures);
        }
    }

    /// <summary>Step 3: one indicator's rule, with its params, checks, applicability condition and plan.</summary>
    private void CompileIndicatorRule(Rule rule, Indicator indicator)
    {
        var where = $"rule \"{rule.RuleName}\"";
        var thresholdParam = new ScopedParam { Name = ThresholdParam, Expression = $"{ThresholdsInput}.{_thresholdFields[indicator.Code]}" };
        var scope = _global.Extend();
        scope.Variables.Add(Expression.Parameter(indicator.Threshold.Kind == ScalarKind.Boolean ? typeof(bool) : typeof(double), ThresholdParam));
        scope.Names.Add(ThresholdParam);
        // The host's own param: read the field directly, there is nothing of the plugin's to parse.
        scope.Own.Add(new ParsedParam(thresholdParam, scope.Variables[^1], Expression.Field(_th, _thresholdFields[indicator.Code])));
        var (actualType, paramFailed) = CompileLocalParams(rule, scope, where);
        CheckActual(rule, indicator, actualType, where);
        // A failed param would make every use of it an error too: report the cause once.
        if (!paramFailed) CompileRuleBody(rule, scope.Variables, scope.Names, where, scope.Measures);
        if (!UsesThreshold(rule))
            _problems.Add(_set.Locations.At(rule, "Expression", _file, $"{where}: the expression never reads \"{ThresholdParam}\", so the indicator's legal threshold would be ignored"));
        var (applicable, applicabilityMeasures) = CompileApplicability(indicator);
        var engineRule = EngineRule(rule, thresholdParam);
        _engineRules.Add(engineRule);
        _checked[indicator.Code] = new Checked(engineRule, scope.Own, rule, scope.Measures, applicable, applicabilityMeasures);
    }

    /// <summary>The rule's LocalParams, in order; returns the type <c>actual</c> parsed to, and whether a param failed.</summary>
    private (Type? ActualType, bool Failed) CompileLocalParams(Rule rule, RuleScope scope, string where)
    {
        Type? actualType = null;
        var failed = false;
        foreach (var local in rule.LocalParams ?? [])
        {
            if (local.Name == ThresholdParam || local.Name == MeasuresInput || local.Name == ThresholdsInput || scope.Names.Contains(local.Name))
            {
                _problems.Add(_set.Locations.At(local, "Name", _file, $"{where}: LocalParam name \"{local.Name}\" is reserved or already defined"));
                continue;
            }
            var compiled = CompileParam(local, scope.Variables, scope.Names, where);
            if (compiled is null)
            {
                failed = true;
                continue;
            }
            scope.Variables.Add(compiled.Value.Param);
            scope.Names.Add(local.Name);
            scope.Own.Add(_parsed.Params[local]);
            scope.Measures.AddRange(compiled.Value.Measures);
            if (local.Name == ActualParam) actualType = compiled.Value.Param.Type;
        }
        return (actualType, failed);
    }

    /// <summary>The rule defines <c>actual</c>, of the threshold's kind, and the threshold's figures are values it can take.</summary>
    private void CheckActual(Rule rule, Indicator indicator, Type? actualType, string where)
    {
        var actualDefinition = (rule.LocalParams ?? []).FirstOrDefault(p => p.Name == ActualParam);
        if (actualDefinition is null)
            _problems.Add(_set.Locations.At(rule, "RuleName", _file, $"{where}: define a LocalParam \"{ActualParam}\" holding the indicator's value (see docs/criteria-set-format.md)"));
        else if (actualType is not null && !FitsThreshold(actualType, indicator.Threshold.Kind))
            _problems.Add(_set.Locations.At(actualDefinition, "Expression", _file, $"{where}: \"{ActualParam}\" is {actualType.Name} but the threshold of indicator {indicator.Code} is {(indicator.Threshold.Kind == ScalarKind.Boolean ? "yes/no" : "a number")}"));
        // The range check reads only the param's text, so it runs even when the param failed to compile.
        if (actualDefinition is not null && (actualType is null || FitsThreshold(actualType, indicator.Threshold.Kind)))
            CheckThresholdRange(indicator, actualDefinition);
    }

    /// <summary>The indicator's <c>applicableWhen</c>, checked and compiled over the measures alone; null when it has none or it failed.</summary>
    private (TieredLambda<bool>? Applicable, IReadOnlyList<string> Measures) CompileApplicability(Indicator indicator)
    {
        if (indicator.ApplicableWhen is not { } cond) return (null, []);
        var check = _guard.Check(cond, new HashSet<string>());
        if (check.Violations.Count > 0)
        {
            _problems.Add(_set.Locations.At(indicator, "applicableWhen", _set.DefinitionFile, $"indicator {indicator.Code} applicableWhen \"{cond}\": {string.Join("; ", check.Violations)}"));
            return (null, check.MeasuresRead);
        }
        try
        {
            return (CompiledRule.Condition(_m, _parser.Parse(cond, [_m], typeof(bool))), check.MeasuresRead);
        }
        catch (Exception e)
        {
            _problems.Add(_set.Locations.At(indicator, "applicableWhen", _set.DefinitionFile, $"indicator {indicator.Code} applicableWhen \"{cond}\" does not compile: {e.Message}"));
            return (null, check.MeasuresRead);
        }
    }

    /// <summary>The rule as RulesEngine registers it: the host's <c>threshold</c> param first, no business error message.</summary>
    private static Rule EngineRule(Rule rule, ScopedParam thresholdParam) => new()
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

    /// <summary>Step 4: every problem found, or the compiled set with its rules compiled from the checked parses.</summary>
    private CompiledCriteriaSet Finish()
    {
        if (_problems.Count > 0) throw new PluginException(_problems);
        var engineWorkflow = new Workflow { WorkflowName = _set.Id, GlobalParams = _set.Workflow.GlobalParams, Rules = _engineRules };
        var indicators = _set.Indicators.Select(i => CompileIndicator(i, _checked[i.Code])).ToArray();
        return new CompiledCriteriaSet(_set, new CompiledInputs(_measureType, _thresholdType), engineWorkflow, indicators, _settings.CustomTypes ?? []);
    }

    /// <summary>The indicator's rule compiled from its checked parses, with what it reads.</summary>
    private CompiledIndicator CompileIndicator(Indicator indicator, Checked root)
    {
        var rule = CompiledRule.Compile(root.Rule, [_m, _th], root.Own,
            r => _parsed.Rules.GetValueOrDefault(ReferenceEquals(r, root.Rule) ? root.Source : r),
            child => (child.LocalParams ?? []).Select(p => _parsed.Params[p]).ToArray());
        return new CompiledIndicator(indicator, rule, _thresholdFields[indicator.Code], MeasureReads.Of(_set, root.Measures),
            root.Applicable, MeasureReads.Of(_set, root.ApplicabilityMeasures));
    }

    /// <summary>
    /// Every numeric threshold value must be one the indicator's value can take: within the valid
    /// range of the measure when <c>actual</c> is one measure, within 0–100 when it is a rate
    /// (<c>Ntm.Rate</c>) or a percentage. A threshold outside it can never be met (or never failed),
    /// which is nearly always a typo (65 for 6,5) or a unit mix-up.
    /// </summary>
    private void CheckThresholdRange(Indicator indicator, ScopedParam actual)
    {
        if (indicator.Threshold.Kind != ScalarKind.Number) return;
        double? lo = null, hi = null;
        string what;
        if (PlainMeasure().Match(actual.Expression) is { Success: true } match && _set.MeasuresByKey.TryGetValue(match.Groups[1].Value, out var measure))
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
            foreach (var (field, label, f) in FiguresOf(v))
            {
                var figure = f.Value;
                if (figure.Kind != ScalarKind.Number || (lo is not { } l || figure.Number >= l) && (hi is not { } h || figure.Number <= h)) continue;
                var figureText = figure.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _problems.Add(_set.Locations.At(v, field, _set.DefinitionFile,
                    $"indicator {indicator.Code}: threshold value {figureText}{label} from {v.From:yyyy-MM-dd} is outside the valid range {range} of {what}, so the indicator could never be judged as written; check the figure and its unit"));
            }
        }
    }

    /// <summary>A value's figures with the field and words that locate each in a message.</summary>
    private static IEnumerable<(string Field, string Label, ThresholdFigure Figure)> FiguresOf(ThresholdValue v)
    {
        // An iterator, not Select/Concat over the figures' tuples: LINQ over value types is JIT-compiled on every cold start.
        foreach (var x in v.Figures) yield return (x.Region is null ? "value" : "regions", x.Region is null ? "" : $" (region {x.Region})", x.Figure);
        foreach (var x in v.GroupFigures) yield return ("groups", $" (group {x.Group.Code()})", x.Figure);
    }

    private static bool FitsThreshold(Type t, ScalarKind kind) => kind == ScalarKind.Boolean
        ? t == typeof(bool)
        : t == typeof(double) || t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(float);

    private static bool UsesThreshold(Rule rule) =>
        (rule.Expression is { } e && ThresholdWord().IsMatch(e))
        || (rule.LocalParams ?? []).Any(p => ThresholdWord().IsMatch(p.Expression))
        || (rule.Rules ?? []).Any(UsesThreshold);

    /// <summary>Checks and parses one param against the variables before it; null, with the problem, when it fails.</summary>
    private (ParameterExpression Param, IReadOnlyList<string> Measures)? CompileParam(ScopedParam p, List<ParameterExpression> scope, HashSet<string> names, string where)
    {
        var check = _guard.Check(p.Expression, names);
        if (check.Violations.Count > 0)
        {
            _problems.Add(_set.Locations.At(p, "Expression", _file, $"{where}, param \"{p.Name}\" = \"{Shown(p.Expression)}\": {string.Join("; ", check.Violations)}"));
            return null;
        }
        try
        {
            var body = _parser.Parse(p.Expression, scope.ToArray(), null);
            var variable = Expression.Parameter(body.Type, p.Name);
            _parsed.Params[p] = new ParsedParam(p, variable, body);
            return (variable, check.MeasuresRead);
        }
        catch (Exception e)
        {
            _problems.Add(_set.Locations.At(p, "Expression", _file, $"{where}, param \"{p.Name}\" = \"{p.Expression}\" does not compile: {e.Message}"));
            return null;
        }
    }

    /// <summary>Checks and parses a rule's expression, or (a rule of child rules) each child's params and body, recording the measures read.</summary>
    private void CompileRuleBody(Rule rule, List<ParameterExpression> scope, HashSet<string> names, string where, List<string> measures)
    {
        if (rule.Rules is { } children && children.Any())
        {
            foreach (var child in children)
            {
                var childScope = new List<ParameterExpression>(scope);
                var childNames = new HashSet<string>(names, StringComparer.Ordinal);
                foreach (var local in child.LocalParams ?? [])
                {
                    var compiled = CompileParam(local, childScope, childNames, $"{where} › \"{child.RuleName}\"");
                    if (compiled is null) continue;
                    childScope.Add(compiled.Value.Param);
                    childNames.Add(local.Name);
                    measures.AddRange(compiled.Value.Measures);
                }
                CompileRuleBody(child, childScope, childNames, $"{where} › \"{child.RuleName}\"", measures);
            }
            return;
        }
        if (string.IsNullOrWhiteSpace(rule.Expression))
        {
            _problems.Add(_set.Locations.At(rule, "RuleName", _file, $"{where}: missing Expression"));
            return;
        }
        var check = _guard.Check(rule.Expression, names);
        if (check.Violations.Count > 0)
        {
            _problems.Add(_set.Locations.At(rule, "Expression", _file, $"{where}, Expression \"{Shown(rule.Expression)}\": {string.Join("; ", check.Violations)}"));
            return;
        }
        measures.AddRange(check.MeasuresRead);
        try
        {
            _parsed.Rules[rule] = _parser.Parse(rule.Expression, scope.ToArray(), typeof(bool));
        }
        catch (Exception e)
        {
            _problems.Add(_set.Locations.At(rule, "Expression", _file, $"{where}, Expression \"{rule.Expression}\" does not compile: {e.Message}"));
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

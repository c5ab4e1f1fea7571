using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Functions;
using RulesEngine.Models;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// Evaluates communes against compiled criteria sets through one shared RulesEngine instance
/// (thread-safe), and turns RulesEngine's result tree into statuses with figures.
/// </summary>
public sealed class Evaluator
{
    private readonly RulesEngine.RulesEngine _engine;
    private readonly HashSet<string> _measureKeys;

    /// <summary>Creates the engine with <paramref name="settings"/> and registers <paramref name="sets"/>.</summary>
    internal Evaluator(ReSettings settings, IEnumerable<CompiledCriteriaSet> sets)
    {
        _engine = new RulesEngine.RulesEngine(settings);
        var list = sets.ToArray();
        _measureKeys = list.SelectMany(s => s.Set.Measures).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var workflows = list.Select(s => s.EngineWorkflow).ToArray();
        if (workflows.Length > 0) _engine.AddWorkflow(workflows);
    }

    /// <summary>
    /// The engine settings the product uses: input types expose no methods to expressions, only the
    /// kernel's <see cref="Ntm"/> functions and the plugins' whitelisted classes are callable.
    /// </summary>
    internal static ReSettings CreateSettings(IEnumerable<Type> functionTypes) => new()
    {
        AutoRegisterInputType = false,
        CustomTypes = new[] { typeof(Ntm) }.Concat(functionTypes).Distinct().ToArray(),
        EnableExceptionAsErrorMessage = true,
        IgnoreException = false,
        NestedRuleExecutionMode = NestedRuleExecutionMode.All,
    };

    /// <summary>Evaluates <paramref name="data"/> against <paramref name="compiled"/>.</summary>
    public async Task<EvaluationResult> EvaluateAsync(CompiledCriteriaSet compiled, CommuneData data, CancellationToken cancellationToken = default)
    {
        var set = compiled.Set;
        var values = MeasureValues.Check(data, set, _measureKeys);
        var problems = new List<Problem>(values.Problems);
        var date = data.AssessmentDate;
        if (!set.Effective.Contains(date))
            problems.Add(new Problem(Severity.Warning,
                $"assessment date {date:yyyy-MM-dd} is outside the period of set {set.Id} ({set.Effective}); thresholds are those nearest in time", data.File));
        var region = data.ThresholdRegion;

        var m = compiled.MeasureType.Create();
        foreach (var (key, value) in values.Valid) compiled.MeasureType.Setters[key](m, value.ToObject());
        var th = compiled.ThresholdsFor(region, date);
        var ruleResults = await _engine.ExecuteAllRulesAsync(set.Id,
            [new RuleParameter(CompiledCriteriaSet.MeasuresInput, m), new RuleParameter(CompiledCriteriaSet.ThresholdsInput, th)],
            cancellationToken);
        var byRule = ruleResults.ToDictionary(r => r.Rule.RuleName, StringComparer.Ordinal);

        var criteria = new List<CriterionResult>(set.Criteria.Count);
        foreach (var criterion in set.Criteria)
        {
            var results = criterion.Indicators
                .Select(i => Judge(set, compiled.Plans[i.Code], byRule[i.RuleName], compiled.EngineWorkflow.GlobalParams ?? [], values, m, date, region, problems))
                .ToArray();
            criteria.Add(new CriterionResult(criterion, Aggregate(results), results));
        }
        return new EvaluationResult(set, data, date, criteria, Summarize(criteria), problems);
    }

    private static IndicatorResult Judge(CriteriaSet set, CompiledCriteriaSet.IndicatorPlan plan, RuleResultTree rule, IEnumerable<ScopedParam> globalParams, MeasureValues values, object m,
        DateOnly date, Region region, List<Problem> problems)
    {
        var indicator = plan.Indicator;
        var threshold = indicator.Threshold.Resolve(date, region);
        var keys = plan.ApplicabilityMeasures.Concat(plan.MeasuresRead).Distinct(StringComparer.Ordinal);
        var inputs = keys.Select(k => new MeasureReading(
            set.MeasuresByKey[k],
            values.TryGet(k, out var v) ? v : null,
            values.IsInvalid(k))).ToArray();

        IndicatorResult Result(IndicatorStatus s, Outcome o, Scalar? actual = null, IReadOnlyList<string>? missing = null, string? error = null) =>
            new(indicator, s, o, actual, threshold, inputs, missing ?? [], error,
                RuleTrace.From(rule, globalParams, evaluated: o is Outcome.Met or Outcome.FailedComparison or Outcome.ExpressionError));

        if (plan.Applicable is { } applicable)
        {
            var missingForCondition = plan.ApplicabilityMeasures.Where(k => !values.TryGet(k, out _)).ToArray();
            if (missingForCondition.Length > 0) return Result(IndicatorStatus.ThieuSoLieu, Outcome.MissingData, missing: missingForCondition);
            if (!applicable([m])) return Result(IndicatorStatus.KhongApDung, Outcome.NotApplicable);
        }
        var missing = plan.MeasuresRead.Where(k => !values.TryGet(k, out _)).ToArray();
        if (missing.Length > 0) return Result(IndicatorStatus.ThieuSoLieu, Outcome.MissingData, missing: missing);

        var error = FirstError(rule);
        if (error is not null) return Result(IndicatorStatus.ChuaDat, Outcome.ExpressionError, error: error);
        rule.Inputs.TryGetValue(CompiledCriteriaSet.ActualParam, out var rawActual);
        var actual = Scalar.FromObject(rawActual);
        if (actual is null)
            return Result(IndicatorStatus.ChuaDat, Outcome.ExpressionError,
                error: $"rule \"{rule.Rule.RuleName}\" computed {(rawActual is double d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : rawActual?.ToString() ?? "nothing")} as the indicator's value (division by zero?)");

        if (Threshold.IsMet(actual.Value, threshold.Operator, threshold.Value) != rule.IsSuccess)
            problems.Add(new Problem(Severity.Warning,
                $"indicator {indicator.Code}: the rule says {(rule.IsSuccess ? "met" : "not met")} but {actual} {threshold.Operator.Symbol()} {threshold.Value} says otherwise; check the rule against the declared operator",
                set.WorkflowFile));
        return rule.IsSuccess
            ? Result(IndicatorStatus.Dat, Outcome.Met, actual)
            : Result(IndicatorStatus.ChuaDat, Outcome.FailedComparison, actual);
    }

    private static string? FirstError(RuleResultTree r)
    {
        if (!string.IsNullOrEmpty(r.ExceptionMessage)) return r.ExceptionMessage;
        foreach (var child in r.ChildResults ?? [])
        {
            if (FirstError(child) is { } e) return e;
        }
        return null;
    }

    /// <summary>đạt only when every applicable indicator is; any chưa đạt wins; else missing data blocks.</summary>
    internal static IndicatorStatus Aggregate(IReadOnlyList<IndicatorResult> indicators)
    {
        if (indicators.Any(i => i.Status == IndicatorStatus.ChuaDat)) return IndicatorStatus.ChuaDat;
        if (indicators.Any(i => i.Status == IndicatorStatus.ThieuSoLieu)) return IndicatorStatus.ThieuSoLieu;
        if (indicators.All(i => i.Status == IndicatorStatus.KhongApDung)) return IndicatorStatus.KhongApDung;
        return IndicatorStatus.Dat;
    }

    private static EvaluationSummary Summarize(IReadOnlyList<CriterionResult> criteria)
    {
        var indicators = criteria.SelectMany(c => c.Indicators).ToArray();
        return new EvaluationSummary(
            CriteriaMet: criteria.Count(c => c.Status is IndicatorStatus.Dat or IndicatorStatus.KhongApDung),
            CriteriaTotal: criteria.Count,
            IndicatorsMet: indicators.Count(i => i.Status is IndicatorStatus.Dat or IndicatorStatus.KhongApDung),
            IndicatorsTotal: indicators.Length,
            IndicatorsNotMet: indicators.Count(i => i.Status == IndicatorStatus.ChuaDat),
            IndicatorsMissingData: indicators.Count(i => i.Status == IndicatorStatus.ThieuSoLieu),
            IndicatorsNotApplicable: indicators.Count(i => i.Status == IndicatorStatus.KhongApDung),
            CriteriaMissingData: criteria.Count(c => c.Status == IndicatorStatus.ThieuSoLieu));
    }
}

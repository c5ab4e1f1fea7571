using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Functions;
using NtmRules.Kernel.Localization;
using RulesEngine.Models;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// Evaluates communes against compiled criteria sets through one shared RulesEngine instance
/// (thread-safe), and turns RulesEngine's result tree into statuses with figures.
/// </summary>
public sealed class Evaluator
{
    /// <summary>
    /// RulesEngine's executor, made on first use: only <see cref="RuleExecution.RulesEngineExecutor"/>
    /// needs it, and making it (validating and registering every workflow) was a tenth of a cold start.
    /// </summary>
    private readonly Lazy<RulesEngine.RulesEngine> _engineOnce;
    private readonly HashSet<string> _measureKeys;
    private readonly IReadOnlyList<CompiledCriteriaSet> _sets;

    /// <summary>Creates the engine with <paramref name="settings"/> and registers <paramref name="sets"/>.</summary>
    /// <param name="settings">The engine settings.</param>
    /// <param name="sets">The sets it evaluates.</param>
    /// <param name="otherMeasureKeys">Measure keys of sets installed but not loaded here: data carrying them is told they belong to other sets, not that they are unknown.</param>
    internal Evaluator(ReSettings settings, IEnumerable<CompiledCriteriaSet> sets, IEnumerable<string>? otherMeasureKeys = null)
    {
        var list = sets.ToArray();
        _sets = list;
        _measureKeys = list.SelectMany(s => s.Set.Measures).Select(m => m.Key).Concat(otherMeasureKeys ?? []).ToHashSet(StringComparer.Ordinal);
        _engineOnce = new Lazy<RulesEngine.RulesEngine>(() =>
        {
            var engine = new RulesEngine.RulesEngine(settings);
            var workflows = list.Select(s => s.EngineWorkflow).ToArray();
            if (workflows.Length > 0) engine.AddWorkflow(workflows);
            return engine;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private RulesEngine.RulesEngine Engine => _engineOnce.Value;

    /// <summary>
    /// The engine settings the product uses: input types expose no methods to expressions, only the
    /// kernel's <see cref="Ntm"/> functions and the plugins' whitelisted classes are callable.
    /// </summary>
    /// <remarks>
    /// The host registers every rule without <c>ErrorMessage</c> and reads only verdicts, values and
    /// errors from the result tree, so RulesEngine's per-rule action bookkeeping and message
    /// formatting would run on every rule of every commune for nothing: both are off.
    /// </remarks>
    internal static ReSettings CreateSettings(IEnumerable<Type> functionTypes) => new()
    {
        AutoRegisterInputType = false,
        CustomTypes = new[] { typeof(Ntm) }.Concat(functionTypes).Distinct().ToArray(),
        EnableExceptionAsErrorMessage = true,
        IgnoreException = false,
        NestedRuleExecutionMode = NestedRuleExecutionMode.All,
        AutoExecuteActions = false,
        EnableFormattedErrorMessage = false,
    };

    /// <summary>Evaluates <paramref name="data"/> against <paramref name="compiled"/>, running the compiled rules directly.</summary>
    public Task<EvaluationResult> EvaluateAsync(CompiledCriteriaSet compiled, CommuneData data, CancellationToken cancellationToken = default) =>
        EvaluateAsync(compiled, data, RuleExecution.Compiled, cancellationToken);

    /// <summary>
    /// Evaluates <paramref name="data"/> against <paramref name="compiled"/> with the chosen executor.
    /// Both executors give the same result, trace included, byte for byte once written; only the
    /// text of a run-time error from a failing param differs (RulesEngine's carries a stack trace).
    /// </summary>
    public async Task<EvaluationResult> EvaluateAsync(CompiledCriteriaSet compiled, CommuneData data, RuleExecution execution,
        CancellationToken cancellationToken = default)
    {
        var set = compiled.Set;
        if (GroupProblem(set, data) is { } noGroup) throw new InputException(noGroup);
        var values = MeasureValues.Check(data, set, _measureKeys);
        var problems = values.Problems.Count == 0 ? new List<Problem>() : new List<Problem>(values.Problems);
        var date = data.AssessmentDate;
        if (!set.Effective.Contains(date))
            problems.Add(new Problem(Severity.Warning,
                $"assessment date {date:yyyy-MM-dd} is outside the period of set {set.Id} ({set.Effective}); thresholds are those nearest in time", data.File));
        var region = data.ThresholdRegion;

        var thresholds = compiled.ThresholdsFor(region, data.Group, date);
        (RuleTrace Trace, object? Actual)[]? fromEngine = null;
        object? m = null;
        if (execution == RuleExecution.RulesEngineExecutor)
        {
            m = Measures(compiled, values, reuse: null);
            var ruleResults = await Engine.ExecuteAllRulesAsync(set.Id,
                [new RuleParameter(CompiledCriteriaSet.MeasuresInput, m), new RuleParameter(CompiledCriteriaSet.ThresholdsInput, thresholds.EngineInput)],
                cancellationToken);
            var trees = MatchToIndicators(compiled, ruleResults);
            fromEngine = trees.Select((t, i) => (compiled.Indicators[i].Rule.FromEngine(t, out var actual), actual)).ToArray();
        }
        // The compiled rules' arguments: the inputs, then each rule's params as it runs (rules run one after the other).
        // Neither the arguments nor the measures object outlive this call, which never awaits from here on: both are
        // the thread's own, reused by its next commune.
        var args = Scratch.Arguments(compiled.ArgumentSlots);
        args[0] = m ?? Measures(compiled, values, Scratch.MeasuresOf(compiled));
        args[1] = thresholds.EngineInput;

        // Inputs and traces are made from what this keeps when first read (see IndicatorResult).
        var traces = new CommuneTraces(compiled, values, thresholds);
        var criteria = new CriterionResult[set.Criteria.Count];
        var n = 0;
        for (var c = 0; c < criteria.Length; c++)
        {
            var criterion = set.Criteria[c];
            var results = new IndicatorResult[criterion.Indicators.Count];
            for (var k = 0; k < results.Length; k++, n++)
                results[k] = Judge(compiled, n, fromEngine?[n], args, values, traces, thresholds.ByIndicator[n], thresholds.ParamValues[n], problems);
            criteria[c] = new CriterionResult(criterion, Aggregate(results), results);
        }
        Array.Clear(args);
        return new EvaluationResult(set, data, date, criteria, Summarize(criteria), problems);
    }

    /// <summary>
    /// What an evaluation uses only while it runs, one per thread and reused by the thread's next commune: the
    /// compiled rules' argument slots and the measures object. An evaluation does not await once it takes them.
    /// </summary>
    private static class Scratch
    {
        [ThreadStatic] private static object[]? t_arguments;
        [ThreadStatic] private static object? t_measures;

        /// <summary>At least <paramref name="slots"/> argument slots, all empty.</summary>
        public static object[] Arguments(int slots)
        {
            var arguments = t_arguments;
            if (arguments is null || arguments.Length < slots) t_arguments = arguments = new object[slots];
            return arguments;
        }

        /// <summary>The thread's measures object of <paramref name="compiled"/>'s type, when its fields can all be written back; null otherwise.</summary>
        public static object? MeasuresOf(CompiledCriteriaSet compiled)
        {
            if (!compiled.MeasuresReusable) return null;
            var type = compiled.MeasureType.Type;
            if (t_measures is { } m && m.GetType() == type) return m;
            return t_measures = compiled.MeasureType.Create();
        }
    }

    /// <summary>
    /// The measures object (<c>m</c>) holding the commune's valid values: <paramref name="reuse"/> with every field
    /// written (a value, or the field's default where the commune has none, as a new object would hold), or a new one.
    /// </summary>
    private static object Measures(CompiledCriteriaSet compiled, MeasureValues values, object? reuse)
    {
        var m = reuse ?? compiled.MeasureType.Create();
        var count = compiled.Set.Measures.Count;
        for (var position = 0; position < count; position++)
        {
            if (values.TryGet(position, out var value)) compiled.SetMeasure(m, position, value);
            else if (reuse is not null) compiled.ClearMeasure(m, position);
        }
        return m;
    }

    /// <summary>
    /// Evaluates many communes against one set, several at a time, and yields the results in the
    /// order of <paramref name="communes"/>. Each result is exactly what <see cref="EvaluateAsync(CompiledCriteriaSet, CommuneData, CancellationToken)"/>
    /// gives for that commune, trace included. Input is read as results are consumed and at most a
    /// few results per worker wait to be taken, so a province read from a file streams through in
    /// bounded memory.
    /// </summary>
    /// <param name="compiled">The set.</param>
    /// <param name="communes">The communes; enumerated once, on a background task.</param>
    /// <param name="maxDegreeOfParallelism">How many communes are evaluated at once; null for one per processor.</param>
    /// <param name="cancellationToken">Stops reading and evaluating.</param>
    public IAsyncEnumerable<EvaluationResult> EvaluateManyAsync(CompiledCriteriaSet compiled, IEnumerable<CommuneData> communes,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default) =>
        EvaluateManyAsync(compiled, communes, RuleExecution.Compiled, maxDegreeOfParallelism, cancellationToken);

    /// <summary>As <see cref="EvaluateManyAsync(CompiledCriteriaSet, IEnumerable{CommuneData}, int?, CancellationToken)"/>, with the chosen executor.</summary>
    public IAsyncEnumerable<EvaluationResult> EvaluateManyAsync(CompiledCriteriaSet compiled, IEnumerable<CommuneData> communes, RuleExecution execution,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default) =>
        BatchEvaluation.RunAsync(data => EvaluateAsync(compiled, data, execution, cancellationToken), communes,
            maxDegreeOfParallelism ?? Environment.ProcessorCount, cancellationToken);

    /// <summary>
    /// Makes RulesEngine's executor compile every registered set now rather than on its first
    /// evaluation (it compiles lazily). Only <see cref="RuleExecution.RulesEngineExecutor"/> needs
    /// it: the rules the kernel runs itself are compiled when the plugin loads.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        // Sets compile independently; RulesEngine is thread-safe, so each compiles on its own worker.
        await Task.WhenAll(_sets.Select(compiled => Task.Run(async () =>
        {
            var th = compiled.ThresholdsFor(default, CommuneGroup.Group1, compiled.Set.Effective.From);
            await Engine.ExecuteAllRulesAsync(compiled.Set.Id,
                [new RuleParameter(CompiledCriteriaSet.MeasuresInput, compiled.MeasureType.Create()), new RuleParameter(CompiledCriteriaSet.ThresholdsInput, th.EngineInput)],
                cancellationToken);
        }, cancellationToken)));
    }

    /// <summary>
    /// The data error when <paramref name="set"/> keys a threshold in force on the assessment date
    /// only by commune group and <paramref name="data"/> states none; null otherwise.
    /// </summary>
    public static Problem? GroupProblem(CriteriaSet set, CommuneData data) =>
        data.Group is null && set.NeedsGroupOn(data.AssessmentDate)
            ? new Problem(Severity.Error,
                MessageText.Format(DataMessages.GroupNotStated, set.Id, CommuneGroups.Accepted),
                data.File, Field: "communeGroup")
            : null;

    /// <summary>The rule result of each indicator, in the set's indicator order.</summary>
    private static IReadOnlyList<RuleResultTree> MatchToIndicators(CompiledCriteriaSet compiled, List<RuleResultTree> ruleResults)
    {
        var indicators = compiled.Indicators;
        if (compiled.RulesInIndicatorOrder && ruleResults.Count == indicators.Count)
        {
            var inOrder = true;
            for (var i = 0; i < indicators.Count && inOrder; i++)
                inOrder = string.Equals(ruleResults[i].Rule.RuleName, indicators[i].Indicator.RuleName, StringComparison.Ordinal);
            if (inOrder) return ruleResults;
        }
        var byRule = ruleResults.ToDictionary(r => r.Rule.RuleName, StringComparer.Ordinal);
        return indicators.Select(i => byRule[i.Indicator.RuleName]).ToArray();
    }

    /// <summary>
    /// The indicator's status. Its rule runs only once the indicator is known to apply and to have
    /// its data (<paramref name="fromEngine"/> is the rule's outcome when RulesEngine's executor already ran every rule).
    /// A rule run without error keeps only its params' values in <paramref name="traces"/> (a rule run whole, none); its
    /// trace is made when read, as are the keys of missing measures (found again the same way).
    /// </summary>
    private static IndicatorResult Judge(CompiledCriteriaSet compiled, int position, (RuleTrace Trace, object? Actual)? fromEngine,
        object[] args, MeasureValues values, CommuneTraces traces, ResolvedThreshold threshold, object thresholdParam, List<Problem> problems)
    {
        var compiledIndicator = compiled.Indicators[position];
        var compiledRule = compiledIndicator.Rule;
        var succeeded = false;
        IndicatorResult Result(IndicatorStatus s, Outcome o, Scalar? actual = null) => new(traces, position, s, o, actual, succeeded);

        if (compiledIndicator.Applicable is { } applicable)
        {
            if (!CommuneTraces.HasAll(compiledIndicator.ApplicabilityReads, values)) return Result(IndicatorStatus.ThieuSoLieu, Outcome.MissingData);
            if (!applicable.Invoke(args)) return Result(IndicatorStatus.KhongApDung, Outcome.NotApplicable);
        }
        if (!CommuneTraces.HasAll(compiledIndicator.RuleReads, values)) return Result(IndicatorStatus.ThieuSoLieu, Outcome.MissingData);

        Scalar? actual;
        object? rawActual;
        if (fromEngine is null && compiledRule.RunsWhole && compiledRule.TryRunWhole(args, out var whole))
        {
            (succeeded, actual) = (whole.Success, whole.Actual);
            rawActual = actual is null ? whole.RawActual : null; // boxed only for the error's message
        }
        else
        {
            if (RunStepByStep(compiled, position, fromEngine, args, traces, thresholdParam, out succeeded, out rawActual) is { } error)
                return Failed(traces, position, error);
            actual = Scalar.FromObject(rawActual);
        }
        if (actual is null)
            return Failed(traces, position,
                $"rule \"{compiledRule.Name}\" computed {(rawActual is double d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : rawActual?.ToString() ?? "nothing")} as the indicator's value (division by zero?)",
                succeeded);

        if (Threshold.IsMet(actual.Value, threshold.Operator, threshold.Value) != succeeded)
            problems.Add(new Problem(Severity.Warning,
                $"indicator {compiledIndicator.Indicator.Code}: the rule says {(succeeded ? "met" : "not met")} but {actual} {threshold.Operator.Symbol()} {threshold.Value} says otherwise; check the rule against the declared operator",
                compiled.Set.WorkflowFile));
        return succeeded
            ? Result(IndicatorStatus.Dat, Outcome.Met, actual)
            : Result(IndicatorStatus.ChuaDat, Outcome.FailedComparison, actual);
    }

    /// <summary>
    /// Runs a rule not run whole, or whose whole run threw, param by param (or takes RulesEngine's outcome,
    /// <paramref name="fromEngine"/>): a rule without child rules and without error keeps its params' values in
    /// <paramref name="traces"/>, any other keeps its trace. Returns the rule's run-time error, or null.
    /// </summary>
    private static string? RunStepByStep(CompiledCriteriaSet compiled, int position, (RuleTrace Trace, object? Actual)? fromEngine,
        object[] args, CommuneTraces traces, object thresholdParam, out bool succeeded, out object? rawActual)
    {
        var compiledRule = compiled.Indicators[position].Rule;
        var offset = compiled.ParamOffsets[position];
        RuleTrace? rule = null;
        succeeded = false;
        if (fromEngine is { } engine) (rule, rawActual) = engine;
        else if (!compiledRule.RunsWhole && compiledRule.TryRunLeaf(args, thresholdParam, traces.ParamValues, offset, out succeeded))
            rawActual = compiledRule.ActualIndex < 0 ? null : traces.ParamValues[offset + compiledRule.ActualIndex];
        else rule = compiledRule.Run(args, thresholdParam, out rawActual);
        if (rule is null) return null;
        traces.KeepRule(position, rule);
        succeeded = rule.IsSuccess == true;
        return FirstError(rule);
    }

    /// <summary>An indicator whose expression failed: not met, the error kept.</summary>
    private static IndicatorResult Failed(CommuneTraces traces, int position, string error, bool succeeded = false)
    {
        traces.KeepError(position, error);
        return new IndicatorResult(traces, position, IndicatorStatus.ChuaDat, Outcome.ExpressionError, null, succeeded);
    }

    private static string? FirstError(RuleTrace r)
    {
        if (r.Error is not null) return r.Error;
        foreach (var child in r.Children)
        {
            if (FirstError(child) is { } e) return e;
        }
        return null;
    }

    /// <summary>đạt only when every applicable indicator is; any chưa đạt wins; else missing data blocks.</summary>
    internal static IndicatorStatus Aggregate(IReadOnlyList<IndicatorResult> indicators)
    {
        bool missing = false, allNotApplicable = true;
        // Indexed, not foreach: an interface enumerator is an allocation per criterion of every commune.
        for (var n = 0; n < indicators.Count; n++)
        {
            var i = indicators[n];
            if (i.Status == IndicatorStatus.ChuaDat) return IndicatorStatus.ChuaDat;
            missing |= i.Status == IndicatorStatus.ThieuSoLieu;
            allNotApplicable &= i.Status == IndicatorStatus.KhongApDung;
        }
        return missing ? IndicatorStatus.ThieuSoLieu : allNotApplicable ? IndicatorStatus.KhongApDung : IndicatorStatus.Dat;
    }

    private static EvaluationSummary Summarize(IReadOnlyList<CriterionResult> criteria)
    {
        // Counted in one pass: this runs for every commune of a province.
        int criteriaMet = 0, criteriaMissing = 0, total = 0, met = 0, notMet = 0, missing = 0, notApplicable = 0;
        for (var n = 0; n < criteria.Count; n++)
        {
            var c = criteria[n];
            if (c.Status is IndicatorStatus.Dat or IndicatorStatus.KhongApDung) criteriaMet++;
            if (c.Status == IndicatorStatus.ThieuSoLieu) criteriaMissing++;
            for (var k = 0; k < c.Indicators.Count; k++)
            {
                var i = c.Indicators[k];
                total++;
                switch (i.Status)
                {
                    case IndicatorStatus.Dat: met++; break;
                    case IndicatorStatus.KhongApDung: met++; notApplicable++; break;
                    case IndicatorStatus.ChuaDat: notMet++; break;
                    case IndicatorStatus.ThieuSoLieu: missing++; break;
                }
            }
        }
        return new EvaluationSummary(
            CriteriaMet: criteriaMet,
            CriteriaTotal: criteria.Count,
            IndicatorsMet: met,
            IndicatorsTotal: total,
            IndicatorsNotMet: notMet,
            IndicatorsMissingData: missing,
            IndicatorsNotApplicable: notApplicable,
            CriteriaMissingData: criteriaMissing);
    }
}

using NtmRules.Kernel.Data;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// Benchmark path (b): the product's own evaluation — <see cref="Evaluator"/> producing, for every
/// commune, the full <see cref="EvaluationResult"/> with each indicator's figures and RulesEngine
/// trace, exactly what <c>ntm evaluate</c> and <c>ntm trace</c> print — keeping only the verdicts.
/// </summary>
public static class ProductPath
{
    /// <summary>
    /// Evaluates the communes through <see cref="Evaluator.EvaluateManyAsync(CompiledCriteriaSet, IEnumerable{CommuneData}, int?, CancellationToken)"/>,
    /// in parallel; <paramref name="execution"/> picks the executor (the product's default, or RulesEngine's for comparison).
    /// </summary>
    public static async Task RunAsync(Evaluator evaluator, CompiledCriteriaSet compiled, IEnumerable<CommuneData> communes, VerdictTable verdicts,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default, RuleExecution execution = RuleExecution.Compiled)
    {
        var row = 0;
        await foreach (var result in evaluator.EvaluateManyAsync(compiled, communes, execution, maxDegreeOfParallelism, cancellationToken))
            Record(result, verdicts, row++);
    }

    /// <summary>Evaluates the communes one after the other through <see cref="Evaluator.EvaluateAsync(CompiledCriteriaSet, CommuneData, CancellationToken)"/>, as <c>ntm evaluate</c> does for one.</summary>
    public static async Task RunSequentialAsync(Evaluator evaluator, CompiledCriteriaSet compiled, IEnumerable<CommuneData> communes, VerdictTable verdicts,
        CancellationToken cancellationToken = default)
    {
        var row = 0;
        foreach (var data in communes) Record(await evaluator.EvaluateAsync(compiled, data, cancellationToken), verdicts, row++);
    }

    /// <summary>Copies the verdicts; indexed, not foreach: an interface enumerator per criterion would be charged to (b)'s allocation.</summary>
    private static void Record(EvaluationResult result, VerdictTable verdicts, int row)
    {
        var i = 0;
        for (var c = 0; c < result.Criteria.Count; c++)
        {
            var indicators = result.Criteria[c].Indicators;
            for (var k = 0; k < indicators.Count; k++) verdicts[row, i++] = Verdicts.From(indicators[k].Status);
        }
    }
}

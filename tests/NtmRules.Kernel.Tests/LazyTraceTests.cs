using NtmRules.Kernel.Data;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using NtmRules.Bench.Synthetic;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// An indicator's inputs and trace are made when first read, from what the evaluation kept (issue
/// #19): what they say must be what the rule's run said, for every shipped set, whoever reads them,
/// however often (whether the communes were evaluated one by one or in parallel: <c>BatchEvaluationTests</c>).
/// </summary>
public class LazyTraceTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 4, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> ShippedSets()
    {
        var data = new TheoryData<string>();
        foreach (var set in ShippedPlugins.Loaded.Sets) data.Add(set.Set.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedSets))]
    public async Task Every_shipped_set_writes_the_same_evaluation_and_trace_as_the_executor_that_builds_traces_at_once(string setId)
    {
        var host = ShippedPlugins.Loaded;
        var compiled = host.GetSet(setId);
        // RulesEngine's executor path builds every trace while evaluating; the default path keeps values and builds them when written.
        // 8 communes a set, 96 in all (the national set's 30 in ExecutorEquivalenceTests show every outcome kind).
        foreach (var data in SyntheticProvince.For(compiled).Generate(8, seed: 19))
        {
            var lazily = Write(await host.Evaluator.EvaluateAsync(compiled, data, RuleExecution.Compiled));
            var atOnce = Write(await host.Evaluator.EvaluateAsync(compiled, data, RuleExecution.RulesEngineExecutor));
            lazily.Should().Be(atOnce, $"set {setId}, commune {data.Commune.Name}");
        }
    }

    [Fact]
    public async Task A_trace_read_twice_or_from_several_threads_says_the_same()
    {
        var compiled = NationalSet.Compiled;
        var data = SyntheticProvince.For(compiled).Generate(3, seed: 5).Last();
        var result = await NationalSet.Evaluator.EvaluateAsync(compiled, data);
        var texts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Write(result))));
        texts.Distinct().Should().ContainSingle("every reader sees the same inputs and trace");
        var first = result.Indicators.First(i => i.Outcome is Outcome.Met or Outcome.FailedComparison);
        first.Rule.Should().BeSameAs(first.Rule, "a trace is made once and kept");
        first.Rule!.Evaluated.Should().BeTrue();
        first.Rule.Params.Should().Contain(p => p.Name == CompiledCriteriaSet.ActualParam && p.Value == first.Actual);
        first.Inputs.Should().NotBeEmpty().And.BeSameAs(first.Inputs);
    }

    [Fact]
    public async Task A_measure_read_by_several_indicators_is_described_once_per_commune()
    {
        var compiled = NationalSet.Compiled;
        var data = SyntheticProvince.For(compiled).Generate(1, seed: 3).Single();
        var result = await NationalSet.Evaluator.EvaluateAsync(compiled, data);
        var readings = result.Indicators.SelectMany(i => i.Inputs).GroupBy(r => r.Measure.Key).Where(g => g.Count() > 1).ToArray();
        readings.Should().NotBeEmpty("the national set has totals read by several indicators");
        readings.Should().OnlyContain(g => g.All(r => ReferenceEquals(r, g.First())));
    }

    [Fact]
    public void Checking_values_whose_parts_fit_their_whole_reports_nothing_and_a_part_too_large_names_both()
    {
        var compiled = NationalSet.Compiled;
        var set = compiled.Set;
        var part = set.Measures.First(m => m.AtMost is not null);
        var whole = set.MeasuresByKey[part.AtMost!];
        var fits = TestKit.Commune($$"""{ "{{part.Key}}": 1, "{{whole.Key}}": 1000 }""");
        MeasureValues.Check(fits, set).Problems.Should().NotContain(p => p.Message.Contains("cannot exceed its whole"));
        var tooLarge = TestKit.Commune($$"""{ "{{part.Key}}": 1001, "{{whole.Key}}": 1000 }""");
        MeasureValues.Check(tooLarge, set).Problems.Should().ContainSingle(p => p.Message.Contains("cannot exceed its whole"))
            .Which.Message.Should().Contain($"{part.Key} = 1001").And.Contain($"{part.AtMost} = 1000");
    }

    /// <summary>The evaluation, its JSON trace and its text trace, as the CLI writes them.</summary>
    internal static string Write(EvaluationResult result)
    {
        var output = new StringWriter();
        EvaluationJsonWriter.Write(result, output);
        TraceJsonWriter.Write(result, result.Indicators, Provenance.Of(result, At), output);
        TraceTextWriter.Write(result, result.Indicators, Provenance.Of(result, At), output);
        return output.ToString();
    }
}

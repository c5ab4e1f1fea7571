using NtmRules.Bench.Synthetic;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// A rule whose params are only the host's threshold and its <c>actual</c> runs as one delegate and keeps no
/// param value; each thread reuses its argument slots and measures object commune after commune (issue #19).
/// Neither may change a byte of what is written.
/// </summary>
public class WholeRuleRunTests
{
    [Fact]
    public void Every_rule_of_the_national_set_runs_whole_and_keeps_no_param_value()
    {
        var compiled = NationalSet.Compiled;
        compiled.Indicators.Should().OnlyContain(i => i.Rule.RunsWhole, "each of its rules has only the threshold and actual as params");
        compiled.ParamOffsets[^1].Should().Be(0);
    }

    [Fact]
    public async Task A_commune_evaluated_after_a_fuller_one_on_the_same_thread_writes_what_it_writes_alone()
    {
        var compiled = NationalSet.Compiled;
        var communes = SyntheticProvince.For(compiled).Generate(40, seed: 23).ToArray();
        static int Given(CommuneData c) => c.Measures.Count(m => m.Kind != RawValueKind.Null);
        var (sparse, full) = (communes.MinBy(Given)!, communes.MaxBy(Given)!);
        Given(sparse).Should().BeLessThan(Given(full));

        // Each on a thread of its own: the alone run starts from a new measures object, the other from the fuller commune's.
        var alone = await Task.Factory.StartNew(() => Evaluate(compiled, sparse), TaskCreationOptions.LongRunning);
        var after = await Task.Factory.StartNew(() =>
        {
            Evaluate(compiled, full);
            return Evaluate(compiled, sparse);
        }, TaskCreationOptions.LongRunning);
        after.Should().Be(alone);
    }

    /// <summary>Evaluates on the calling thread (the compiled executor completes there) and writes it as the CLI does.</summary>
    private static string Evaluate(CompiledCriteriaSet compiled, CommuneData data)
    {
        var run = NationalSet.Evaluator.EvaluateAsync(compiled, data);
        run.IsCompletedSuccessfully.Should().BeTrue();
        return LazyTraceTests.Write(run.Result);
    }
}

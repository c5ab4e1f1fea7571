using NtmRules.Bench.Synthetic;
using Xunit.Abstractions;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// What evaluating one commune allocates, full results and traces available (issue #19: at most
/// 8 KB; held at 6 KB since rules run whole and measure slots take 8 bytes — 5.223 B in a Debug build). Counted exactly on the evaluating thread (the compiled executor never leaves it), so the
/// figure does not depend on the machine's load or on other tests running beside this one.
/// </summary>
public class AllocationTests(ITestOutputHelper output)
{
    private const int Communes = 300;

    [Fact]
    public async Task Evaluating_a_commune_of_the_national_set_allocates_at_most_6_KB()
    {
        var (compiled, evaluator) = (NationalSet.Compiled, NationalSet.Evaluator);
        var communes = SyntheticProvince.For(compiled).Generate(Communes, seed: 1).ToArray();
        // A first pass compiles every rule past its interpreted tier and resolves every region's thresholds.
        foreach (var data in communes) await evaluator.EvaluateAsync(compiled, data);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var met = 0;
        foreach (var data in communes)
        {
            var run = evaluator.EvaluateAsync(compiled, data);
            run.IsCompletedSuccessfully.Should().BeTrue("the compiled executor runs on the caller's thread, where its allocation is counted");
            met += (await run).Summary.IndicatorsMet; // already complete: continues on this thread
        }
        var perCommune = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Communes;

        output.WriteLine($"{perCommune:F0} B per commune");
        met.Should().BePositive();
        perCommune.Should().BeLessThanOrEqualTo(6 * 1024, "issue #19 allows 8 KB per commune with full results and traces, and the evaluation holds 6");
    }
}

using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using NtmRules.Bench.Synthetic;

namespace NtmRules.Kernel.Tests;

public class BatchEvaluationTests
{
    private static string Json(EvaluationResult r)
    {
        var w = new StringWriter();
        EvaluationJsonWriter.Write(r, w);
        return w.ToString();
    }

    /// <summary>
    /// The parallel path and the one-worker path (which evaluates each commune as it is read) against the sequential
    /// single evaluation, traces made lazily when written (issue #19): two full chunks and a partial last one on three
    /// workers, one chunk and a part on one.
    /// (It was two tests, one here of a chunk and a part, one in <c>LazyTraceTests</c> of two chunks and a part; this
    /// one checks what both did.)
    /// </summary>
    [Theory]
    [InlineData(3, 2)]
    [InlineData(1, 1)] // one worker evaluates each commune as it is read: no chunk boundary to cross twice
    public async Task The_batch_gives_each_commune_exactly_its_single_evaluation_in_input_order(int workers, int fullChunks)
    {
        var (compiled, evaluator) = (NationalSet.Compiled, NationalSet.Evaluator);
        var communes = SyntheticProvince.For(compiled).Generate(BatchEvaluation.ChunkSize * fullChunks + 11, seed: 23).ToArray();
        var batch = new List<(EvaluationResult Result, string Written)>();
        // Each result written as it comes, while the workers still evaluate the communes after it.
        await foreach (var r in evaluator.EvaluateManyAsync(compiled, communes, maxDegreeOfParallelism: workers)) batch.Add((r, LazyTraceTests.Write(r)));

        batch.Should().HaveCount(communes.Length);
        for (var i = 0; i < communes.Length; i++)
        {
            var single = await evaluator.EvaluateAsync(compiled, communes[i]);
            batch[i].Result.Data.Should().BeSameAs(communes[i]);
            batch[i].Written.Should().Be(LazyTraceTests.Write(single), $"commune #{i + 1}");
        }
    }

    [Fact]
    public async Task The_three_benchmark_paths_agree_on_every_indicator_of_every_commune()
    {
        var compiled = NationalSet.Compiled;
        // 100 communes, every indicator of each: the paths' agreement needs no more (ntm bench runs them at scale).
        var communes = SyntheticProvince.For(compiled).Generate(100, seed: 1).ToArray();
        var province = PreparedProvince.Prepare(compiled, communes);
        var codes = province.IndicatorCodes;
        var (a, b, c) = (new VerdictTable(communes.Length, codes), new VerdictTable(communes.Length, codes), new VerdictTable(communes.Length, codes));

        var baseline = new PlainRulesEngineBaseline(compiled);
        await baseline.PrepareAsync(province);
        await baseline.RunAsync(province, a);
        await ProductPath.RunAsync(NationalSet.Evaluator, compiled, communes, b);
        new HandWrittenFloor(compiled).Run(province, c);

        var check = VerdictComparison.Compare(a, b, c);
        check.Examples.Should().BeEmpty();
        check.Identical.Should().BeTrue();
        check.Cells.Should().Be(100L * codes.Count);
        check.MissingData.Should().BeGreaterThan(0, "the province has missing and rejected figures");
        check.Judged.Should().BeGreaterThan(check.Cells * 9 / 10);
        (check.Judged + check.MissingData + check.NotApplicable).Should().Be(check.Cells);
    }

    [Fact]
    public async Task The_check_finds_a_path_that_disagrees()
    {
        var compiled = NationalSet.Compiled;
        var communes = SyntheticProvince.For(compiled).Generate(20, seed: 2).ToArray();
        var province = PreparedProvince.Prepare(compiled, communes);
        var (a, b) = (new VerdictTable(20, province.IndicatorCodes), new VerdictTable(20, province.IndicatorCodes));
        await ProductPath.RunAsync(NationalSet.Evaluator, compiled, communes, a);
        await ProductPath.RunSequentialAsync(NationalSet.Evaluator, compiled, communes, b);
        VerdictComparison.Compare(a, b, a).Identical.Should().BeTrue();

        b[3, 5] = b[3, 5] == Verdict.Met ? Verdict.NotMet : Verdict.Met;
        var check = VerdictComparison.Compare(a, b, a);
        check.Identical.Should().BeFalse();
        check.Differences.Should().Be(1);
        check.Examples.Should().ContainSingle().Which.Should().Contain("commune #4").And.Contain(province.IndicatorCodes[5]);
    }

    [Fact]
    public Task A_failure_while_reading_surfaces_unwrapped_after_the_results_before_it() => FailureAfter(5);

    [Fact]
    public Task A_failure_after_several_chunks_keeps_every_result_before_it() => FailureAfter(BatchEvaluation.ChunkSize * 2 + 7);

    [Fact]
    public Task With_one_worker_a_failure_while_reading_also_comes_after_every_result_before_it() => FailureAfter(BatchEvaluation.ChunkSize + 5, workers: 1);

    private static async Task FailureAfter(int count, int workers = 2)
    {
        var (compiled, evaluator) = (NationalSet.Compiled, NationalSet.Evaluator);
        var good = SyntheticProvince.For(compiled).Generate(count, seed: 3).ToArray();
        IEnumerable<CommuneData> Broken()
        {
            foreach (var c in good) yield return c;
            throw new InputException(new Problem(Severity.Error, "row 7 is broken", "p.csv", 7));
        }

        var seen = new List<EvaluationResult>();
        var run = async () =>
        {
            await foreach (var r in evaluator.EvaluateManyAsync(compiled, Broken(), maxDegreeOfParallelism: workers)) seen.Add(r);
        };
        (await run.Should().ThrowAsync<InputException>()).Which.Problems.Should().ContainSingle(p => p.Line == 7);
        seen.Select(r => r.Data).Should().Equal(good);
    }

    [Fact]
    public async Task A_consumer_may_stop_early()
    {
        var (compiled, evaluator) = (NationalSet.Compiled, NationalSet.Evaluator);
        var taken = 0;
        await foreach (var _ in evaluator.EvaluateManyAsync(compiled, SyntheticProvince.For(compiled).Generate(1000, seed: 4)))
        {
            if (++taken == 10) break;
        }
        taken.Should().Be(10);
    }

    [Fact]
    public async Task Cancellation_stops_the_batch()
    {
        var (compiled, evaluator) = (NationalSet.Compiled, NationalSet.Evaluator);
        using var cancel = new CancellationTokenSource();
        var run = async () =>
        {
            await foreach (var _ in evaluator.EvaluateManyAsync(compiled, SyntheticProvince.For(compiled).Generate(100_000, seed: 4), cancellationToken: cancel.Token))
                cancel.Cancel();
        };
        await run.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void At_least_one_worker_is_needed()
    {
        var act = () => NationalSet.Evaluator.EvaluateManyAsync(NationalSet.Compiled, [], maxDegreeOfParallelism: 0).GetAsyncEnumerator().MoveNextAsync().AsTask().GetAwaiter().GetResult();
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Warming_up_changes_no_result()
    {
        var (compiled, evaluator) = TestKit.Compile(TestKit.Fixture("mini"));
        var data = TestKit.Commune(TestKit.PassingMeasures(("hoNgheo", "71")));
        var before = Json(await evaluator.EvaluateAsync(compiled, data));
        await evaluator.WarmUpAsync();
        Json(await evaluator.EvaluateAsync(compiled, data)).Should().Be(before);
    }
}

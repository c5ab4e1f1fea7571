using System.Diagnostics;
using System.Runtime;
using NtmRules.Bench.Synthetic;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;
using NtmRules.Bench.Localization;
using static NtmRules.Bench.BenchReport;

namespace NtmRules.Bench;

/// <summary>
/// <c>ntm bench</c>'s comparison: in one run and on one seeded synthetic province, plain RulesEngine (a),
/// the product's evaluation with full results and traces (b) and hand-written comparisons (c); checks
/// that the three agree on every indicator of every commune; and ends with the one line the
/// performance goal is read from.
/// </summary>
public static class ComparisonBench
{
    /// <summary>Communes each path runs in each warm-up round, so that the JIT's tiering is over for all of them alike before timing.</summary>
    private const int WarmUpCommunes = 1_000;

    /// <summary>
    /// Warm-up rounds. One round was not enough: while the paths are first called the runtime keeps restarting its
    /// 100 ms call-counting delay, so their optimised (tier-1) code was still being compiled in the timed runs: (b)'s
    /// slowest run took 222–237 ms against a median of 78–93 ms, and 136–161 ms with that delay turned off
    /// (<c>DOTNET_TC_CallCountingDelayMs=0</c>, which doubles a cold start's CPU). In a ReadyToRun build the fifth
    /// round compiles 57–201 methods (the bench prints it), against over a thousand in the first.
    /// </summary>
    private const int WarmUpRounds = 5;

    /// <summary>
    /// Pause after a warm-up round: longer than the runtime's call-counting delay (100 ms), so that the optimised
    /// code queued by the round is compiled before the next round runs.
    /// </summary>
    private static readonly TimeSpan WarmUpPause = TimeSpan.FromMilliseconds(250);

    /// <summary>What <see cref="RunAsync"/> measured.</summary>
    /// <param name="VerdictsIdentical">Whether every path reached the same verdict on every indicator of every commune.</param>
    /// <param name="A">Times of path (a), plain RulesEngine.</param>
    /// <param name="B">Times of path (b), the product in parallel.</param>
    /// <param name="Sequential">Times of the product run sequentially.</param>
    /// <param name="BytesPerCommune">Bytes allocated per commune by (b).</param>
    public sealed record Comparison(bool VerdictsIdentical, IReadOnlyList<TimeSpan> A, IReadOnlyList<TimeSpan> B, IReadOnlyList<TimeSpan> Sequential,
        double BytesPerCommune);

    /// <summary>Times the three paths <paramref name="runs"/> times each on <paramref name="n"/> communes and writes the table to <paramref name="output"/>.</summary>
    /// <param name="host">The loaded plugins.</param>
    /// <param name="compiled">The set measured.</param>
    /// <param name="n">Synthetic communes.</param>
    /// <param name="runs">Timed runs of each path.</param>
    /// <param name="seed">Seed of the synthetic province.</param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="cancel">Stops the run.</param>
    public static async Task<Comparison> RunAsync(PluginHost host, CompiledCriteriaSet compiled, int n, int runs, int seed, TextWriter output, CancellationToken cancel)
    {
        var prep = Stopwatch.StartNew();
        var communes = SyntheticProvince.For(compiled).Generate(n, seed).ToArray();
        var province = PreparedProvince.Prepare(compiled, communes);
        var baseline = new PlainRulesEngineBaseline(compiled);
        await baseline.PrepareAsync(province, cancel);
        var floor = new HandWrittenFloor(compiled);
        var compiledInLastRound = await WarmUpAsync(host, compiled, communes, baseline, floor, cancel);
        var workers = await ChooseWorkersAsync(host, compiled, communes.Take(WarmUpCommunes).ToArray(), output, cancel);
        prep.Stop();
        output.WriteLine(MessageText.Format(BenchMessages.PreparedLine, MessageText.Count(WarmUpCommunes), Seconds(prep.Elapsed), MessageText.Count(WarmUpRounds), MessageText.Count(compiledInLastRound)));

        var codes = province.IndicatorCodes;
        var tables = (A: new VerdictTable(n, codes), B: new VerdictTable(n, codes), Seq: new VerdictTable(n, codes), Engine: new VerdictTable(n, codes), C: new VerdictTable(n, codes));
        var times = (A: new List<TimeSpan>(), B: new List<TimeSpan>(), Seq: new List<TimeSpan>(), Engine: new List<TimeSpan>(), C: new List<TimeSpan>());
        var collectionsB = (Gen0: 0, Gen1: 0, Gen2: 0);
        for (var run = 0; run < runs; run++)
        {
            times.A.Add(await TimeAsync(tables.A, () => baseline.RunAsync(province, tables.A, cancel)));
            var collections = Collections();
            // Counted from inside the timed run: the full collection before it is not (b)'s.
            times.B.Add(await TimeAsync(tables.B, () =>
            {
                collections = Collections();
                return ProductPath.RunAsync(host.Evaluator, compiled, communes, tables.B, workers, cancel);
            }));
            collectionsB = Add(collectionsB, Since(collections));
            times.Seq.Add(await TimeAsync(tables.Seq, () => ProductPath.RunSequentialAsync(host.Evaluator, compiled, communes, tables.Seq, cancel)));
            times.Engine.Add(await TimeAsync(tables.Engine, () => ProductPath.RunAsync(host.Evaluator, compiled, communes, tables.Engine, null, cancel, RuleExecution.RulesEngineExecutor)));
            times.C.Add(await TimeAsync(tables.C, () => { floor.Run(province, tables.C); return Task.CompletedTask; }));
        }

        output.WriteLine();
        HeaderRow(output, BenchMessages.ColumnMicrosPerCommune);
        PathRow(output, BenchMessages.PathPlain, times.A, n);
        PathRow(output, MessageText.Format(BenchMessages.PathProduct, MessageText.Count(workers)), times.B, n);
        PathRow(output, BenchMessages.PathSequential, times.Seq, n);
        PathRow(output, BenchMessages.PathEngine, times.Engine, n);
        PathRow(output, BenchMessages.PathFloor, times.C, n);
        output.WriteLine();
        output.WriteLine(MessageText.Format(BenchMessages.PeakHeld, Megabytes(Process.GetCurrentProcess().PeakWorkingSet64), MessageText.Count(n)));

        var check = VerdictComparison.Compare(tables.A, tables.B, tables.C);
        var sequentialAgrees = VerdictComparison.Compare(tables.A, tables.Seq, tables.C).Identical
            && VerdictComparison.Compare(tables.A, tables.Engine, tables.C).Identical;
        output.WriteLine(MessageText.Format(BenchMessages.VerdictsLine, MessageText.Count(check.Cells), MessageText.Count(check.Judged),
            MessageText.Count(check.Met), MessageText.Count(check.MissingData), MessageText.Count(check.NotApplicable), MessageText.Count(check.Differences)));
        foreach (var e in check.Examples) output.WriteLine(e);
        var identical = check.Identical && sequentialAgrees;
        var perCommune = AllocatedPerCommune(host, compiled, communes, n, cancel);
        output.WriteLine(MessageText.Format(BenchMessages.AllocatedLine, MessageText.Fixed(perCommune / 1024, 1)));
        output.WriteLine(MessageText.Format(BenchMessages.CollectionsLine, MessageText.Fixed(collectionsB.Gen0 / (double)runs, 1),
            MessageText.Fixed(collectionsB.Gen1 / (double)runs, 1), MessageText.Fixed(collectionsB.Gen2 / (double)runs, 1),
            System.Runtime.GCSettings.IsServerGC ? BenchMessages.GcServer : System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? BenchMessages.GcBlocking : BenchMessages.GcConcurrent));
        output.WriteLine(MessageText.Format(BenchMessages.SpeedupLine, Ratio(times.A.Min(), times.B.Max()), Milliseconds(Median(times.B)), Milliseconds(Median(times.Seq))));
        output.WriteLine(MessageText.Format(BenchMessages.GoalLine, Ratio(Median(times.A), Median(times.B)), Ratio(Median(times.B), Median(times.C)),
            identical ? BenchMessages.Yes : BenchMessages.No));
        return new Comparison(identical, times.A, times.B, times.Seq, perCommune);
    }

    /// <summary>
    /// Bytes the product's evaluation allocates per commune, full results and traces kept until the
    /// commune is recorded: one sequential run, warm (every expression past its IL compile in the
    /// warm-up), counted on the evaluating thread only — the process-wide count also took in the
    /// runtime's background JIT and other threads' work, which is not the evaluation's.
    /// </summary>
    private static double AllocatedPerCommune(PluginHost host, CompiledCriteriaSet compiled, CommuneData[] communes, int n, CancellationToken cancel)
    {
        var table = new VerdictTable(n, compiled.Set.Indicators.Select(i => i.Code).ToArray());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var run = ProductPath.RunSequentialAsync(host.Evaluator, compiled, communes, table, cancel);
        var after = GC.GetAllocatedBytesForCurrentThread();
        // The compiled executor never awaits: a run that did would have allocated on other threads too.
        if (!run.IsCompletedSuccessfully)
            throw new InvalidOperationException("the sequential evaluation did not complete on its own thread; its allocation cannot be counted there");
        return (after - before) / (double)n;
    }

    /// <summary>
    /// The workers path (b) runs with: one per processor, unless one alone went faster over the warm-up
    /// communes (the best of three runs each, alternated). On two busy cores the workers, the reader and the
    /// consumer can take turns so often that one worker wins, and issue #19 asks that (b) in parallel never
    /// be slower than the sequential path; with one worker the product evaluates each commune as it is read.
    /// </summary>
    private static async Task<int> ChooseWorkersAsync(PluginHost host, CompiledCriteriaSet compiled, CommuneData[] sample, TextWriter output,
        CancellationToken cancel)
    {
        var all = Environment.ProcessorCount;
        if (all == 1) return 1;
        var table = new VerdictTable(sample.Length, compiled.Set.Indicators.Select(i => i.Code).ToArray());
        var (bestAll, bestOne) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var round = 0; round < 3; round++)
        {
            var t = await TimeAsync(table, () => ProductPath.RunAsync(host.Evaluator, compiled, sample, table, all, cancel));
            if (t < bestAll) bestAll = t;
            t = await TimeAsync(table, () => ProductPath.RunAsync(host.Evaluator, compiled, sample, table, 1, cancel));
            if (t < bestOne) bestOne = t;
        }
        var workers = bestAll <= bestOne ? all : 1;
        output.WriteLine(MessageText.Format(BenchMessages.WorkersLine, MessageText.Count(workers), MessageText.Count(sample.Length),
            MessageText.Count(all), Milliseconds(bestAll), Milliseconds(bestOne)));
        return workers;
    }

    private static (int Gen0, int Gen1, int Gen2) Collections() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>Collections of each generation alone since <paramref name="start"/> (a gen1 collection also counts as a gen0 one in the runtime's counts).</summary>
    private static (int Gen0, int Gen1, int Gen2) Since((int Gen0, int Gen1, int Gen2) start)
    {
        var (g0, g1, g2) = Collections();
        var (d0, d1, d2) = (g0 - start.Gen0, g1 - start.Gen1, g2 - start.Gen2);
        return (d0 - d1, d1 - d2, d2);
    }

    private static (int Gen0, int Gen1, int Gen2) Add((int Gen0, int Gen1, int Gen2) a, (int Gen0, int Gen1, int Gen2) b) =>
        (a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2);

    /// <summary>
    /// Runs every path on the first <see cref="WarmUpCommunes"/> communes <see cref="WarmUpRounds"/> times, pausing
    /// after each round, the same for all paths, so that none is timed while its code is still being optimised.
    /// Gives the methods the JIT compiled in the last round (printed, so that a reader sees that it had settled).
    /// </summary>
    private static async Task<long> WarmUpAsync(PluginHost host, CompiledCriteriaSet compiled, CommuneData[] communes, PlainRulesEngineBaseline baseline,
        HandWrittenFloor floor, CancellationToken cancel)
    {
        var sample = communes.Take(WarmUpCommunes).ToArray();
        var province = PreparedProvince.Prepare(compiled, sample);
        var table = new VerdictTable(sample.Length, province.IndicatorCodes);
        var compiledInRound = 0L;
        for (var round = 0; round < WarmUpRounds; round++)
        {
            var compiledBefore = JitInfo.GetCompiledMethodCount();
            await baseline.RunAsync(province, table, cancel);
            await ProductPath.RunAsync(host.Evaluator, compiled, sample, table, null, cancel);
            await ProductPath.RunSequentialAsync(host.Evaluator, compiled, sample, table, cancel);
            await ProductPath.RunAsync(host.Evaluator, compiled, sample, table, null, cancel, RuleExecution.RulesEngineExecutor);
            floor.Run(province, table);
            await Task.Delay(WarmUpPause, cancel);
            compiledInRound = JitInfo.GetCompiledMethodCount() - compiledBefore;
        }
        return compiledInRound;
    }

    /// <summary>One timed run into a cleared table, after a full collection so that one path's garbage is not charged to the next.</summary>
    private static async Task<TimeSpan> TimeAsync(VerdictTable table, Func<Task> run)
    {
        table.Clear();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed;
    }

    private static void PathRow(TextWriter output, string name, List<TimeSpan> times, int communes) =>
        Row(output, name, times, MessageText.Fixed(Median(times).TotalMicroseconds / communes, 2));
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Synthetic;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm bench --communes N [--set ID] [--runs K] [--seed S] [--stream]</c>: measures, in one run
/// and on one seeded synthetic province, plain RulesEngine (a), the product's evaluation with full
/// results and traces (b) and hand-written comparisons (c); checks that the three agree on every
/// indicator of every commune; and ends with the one line the performance goal is read from.
/// <c>--stream</c> instead measures a province streamed from a CSV file to a result file, for memory;
/// <c>--draft</c> the rendering of every commune's draft plan (see <see cref="DraftBench"/>);
/// <c>--all</c> each of the five figures of issue #19 in turn, ending with one table (figure, goal, measured, held).
/// </summary>
internal static partial class BenchCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Create(Option<string?> pluginsOption)
    {
        var communes = new Option<int>("--communes") { Description = "Number of synthetic communes", DefaultValueFactory = _ => 10_000 };
        var set = new Option<string>("--set") { Description = "Criteria set id", DefaultValueFactory = _ => "vn.qd318.xa-ntm" };
        var runs = new Option<int>("--runs") { Description = "Timed runs of each path; the table shows median, min and max", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic province", DefaultValueFactory = _ => 1 };
        var stream = new Option<bool>("--stream") { Description = "Stream the province from a CSV file to a result file instead, and report memory" };
        var output = new Option<string?>("--out") { Description = "Folder for the --stream files (default: a temporary folder, removed afterwards)" };
        var draft = new Option<bool>("--draft") { Description = "Render the draft plan of every commune instead, and report drafts per second" };
        var all = new Option<bool>("--all")
        {
            Description = "Measure the five figures people wait for (cold single evaluation, speedup, province batch, web under load, drafts) and end with one table",
        };
        var webSeconds = new Option<int>("--web-seconds") { Description = "With --all: how long the 20 web clients post evaluations", DefaultValueFactory = _ => 30 };
        var command = new Command("bench", "Đo hiệu năng: RulesEngine thuần, đường đánh giá của sản phẩm và so sánh viết tay, trên một tỉnh tổng hợp")
        {
            communes, set, runs, seed, stream, output, draft, all, webSeconds,
        };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var n = parse.GetValue(communes);
            var k = parse.GetValue(runs);
            if (n < 1 || k < 1)
                throw new InputException(new Problem(Severity.Error, "--communes and --runs must be at least 1", Field: n < 1 ? "--communes" : "--runs"));
            if (new[] { parse.GetValue(stream), parse.GetValue(draft), parse.GetValue(all) }.Count(x => x) > 1)
                throw new InputException(new Problem(Severity.Error, "--stream, --draft and --all measure different things: give one", Field: parse.GetValue(all) ? "--all" : "--draft"));
            if (parse.GetValue(webSeconds) is < 1 or > 600)
                throw new InputException(new Problem(Severity.Error, "--web-seconds must be between 1 and 600", Field: "--web-seconds"));
            var cold = Stopwatch.StartNew();
            var templates = parse.GetValue(draft) || parse.GetValue(all) ? CommandRunner.LoadTemplates() : null;
            var host = CommandRunner.LoadPlugins(parse, pluginsOption, templates: templates, setId: parse.GetValue(set));
            cold.Stop();
            var compiled = host.GetSet(parse.GetValue(set)!);
            WriteHeader(compiled, n, parse.GetValue(stream) ? null : k, parse.GetValue(seed), host, cold.Elapsed);
            if (parse.GetValue(all))
                return await AllAsync(parse, host, templates!, compiled, n, k, parse.GetValue(seed), TimeSpan.FromSeconds(parse.GetValue(webSeconds)), cancel);
            if (templates is not null) return (await DraftBench.RunAsync(host, templates, compiled, n, k, parse.GetValue(seed), cancel)).Code;
            return parse.GetValue(stream)
                ? await StreamAsync(host, compiled, n, parse.GetValue(seed), parse.GetValue(output), cancel)
                : (await CompareAsync(host, compiled, n, k, parse.GetValue(seed), cancel)).Code;
        }));
        return command;
    }

    private static void WriteHeader(CompiledCriteriaSet compiled, int communes, int? runs, int seed, PluginHost host, TimeSpan cold)
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.WriteLine($"ntm bench: set {compiled.Set.Id} ({compiled.Set.Indicators.Count} indicators), {communes.ToString("N0", Invariant)} synthetic communes, seed {seed}"
            + (runs is { } k ? $", {k} run(s)" : ", streamed once"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} processor(s), {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}"
            + (Debugger.IsAttached || !IsOptimized() ? ", DEBUG BUILD (figures not meaningful)" : ""));
        Console.WriteLine($"cold start: loading {host.Sets.Count} set(s) from {host.Reports.Count} plugin(s) and compiling their workflows: {Seconds(cold)} "
            + $"(from process start: {Seconds(sinceStart)})");
    }

    /// <summary>What <see cref="CompareAsync"/> measured: the exit code, each path's times, and bytes allocated per commune by (b).</summary>
    private sealed record Comparison(int Code, List<TimeSpan> A, List<TimeSpan> B, List<TimeSpan> Sequential, double BytesPerCommune);

    private static async Task<Comparison> CompareAsync(PluginHost host, CompiledCriteriaSet compiled, int n, int runs, int seed, CancellationToken cancel)
    {
        var prep = Stopwatch.StartNew();
        var communes = SyntheticProvince.For(compiled).Generate(n, seed).ToArray();
        var province = PreparedProvince.Prepare(compiled, communes);
        var baseline = new PlainRulesEngineBaseline(compiled);
        await baseline.PrepareAsync(province, cancel);
        var floor = new HandWrittenFloor(compiled);
        await WarmUpAsync(host, compiled, communes, baseline, floor, cancel);
        prep.Stop();
        Console.WriteLine($"generated, prepared and warmed up (each path once on up to {WarmUpCommunes.ToString("N0", Invariant)} communes) in {Seconds(prep.Elapsed)}; not timed below");

        var codes = province.IndicatorCodes;
        var tables = (A: new VerdictTable(n, codes), B: new VerdictTable(n, codes), Seq: new VerdictTable(n, codes), Engine: new VerdictTable(n, codes), C: new VerdictTable(n, codes));
        var times = (A: new List<TimeSpan>(), B: new List<TimeSpan>(), Seq: new List<TimeSpan>(), Engine: new List<TimeSpan>(), C: new List<TimeSpan>());
        for (var run = 0; run < runs; run++)
        {
            times.A.Add(await TimeAsync(tables.A, () => baseline.RunAsync(province, tables.A, cancel)));
            times.B.Add(await TimeAsync(tables.B, () => ProductPath.RunAsync(host.Evaluator, compiled, communes, tables.B, null, cancel)));
            times.Seq.Add(await TimeAsync(tables.Seq, () => ProductPath.RunSequentialAsync(host.Evaluator, compiled, communes, tables.Seq, cancel)));
            times.Engine.Add(await TimeAsync(tables.Engine, () => ProductPath.RunAsync(host.Evaluator, compiled, communes, tables.Engine, null, cancel, RuleExecution.RulesEngineExecutor)));
            times.C.Add(await TimeAsync(tables.C, () => { floor.Run(province, tables.C); return Task.CompletedTask; }));
        }

        Console.WriteLine();
        Console.WriteLine($"{"path",-66}{"median",10}{"min",10}{"max",10}{"µs/commune",12}");
        Row("(a) plain RulesEngine: new ExpandoObject per commune, sequential", times.A, n);
        Row($"(b) product: full results and traces, parallel ({Environment.ProcessorCount} workers)", times.B, n);
        Row("    product: full results and traces, sequential (for reference)", times.Seq, n);
        Row("    product through RulesEngine's executor, parallel (reference)", times.Engine, n);
        Row("(c) floor: hand-written comparisons, no engine, no trace", times.C, n);
        Console.WriteLine();
        Console.WriteLine($"peak memory: {Megabytes(Process.GetCurrentProcess().PeakWorkingSet64)} working set of this process, the {n.ToString("N0", Invariant)} communes held in memory");

        var check = VerdictComparison.Compare(tables.A, tables.B, tables.C);
        var sequentialAgrees = VerdictComparison.Compare(tables.A, tables.Seq, tables.C).Identical
            && VerdictComparison.Compare(tables.A, tables.Engine, tables.C).Identical;
        Console.WriteLine($"verdicts: {check.Cells.ToString("N0", Invariant)} communes × indicators; {check.Judged.ToString("N0", Invariant)} judged by all three "
            + $"({check.Met.ToString("N0", Invariant)} met), {check.MissingData.ToString("N0", Invariant)} missing or rejected data, "
            + $"{check.NotApplicable.ToString("N0", Invariant)} not applicable; {check.Differences.ToString("N0", Invariant)} differ");
        foreach (var e in check.Examples) Console.WriteLine("  " + e);
        var identical = check.Identical && sequentialAgrees;
        var perCommune = await AllocatedPerCommuneAsync(host, compiled, communes, n, cancel);
        Console.WriteLine($"allocated by (b): {(perCommune / 1024).ToString("F1", Invariant)} KB per commune, full results and traces (one sequential run)");
        Console.WriteLine($"speedup, slowest (b) against fastest (a): {Ratio(times.A.Min(), times.B.Max())}×; parallel (b) median {Milliseconds(Median(times.B))}, sequential {Milliseconds(Median(times.Seq))}");
        Console.WriteLine($"speedup vs plain RulesEngine: {Ratio(Median(times.A), Median(times.B))}×; product/floor: {Ratio(Median(times.B), Median(times.C))}×; "
            + $"verdicts identical: {(identical ? "yes" : "no")}");
        return new Comparison(identical ? ExitCodes.Ok : ExitCodes.VerificationFailed, times.A, times.B, times.Seq, perCommune);
    }

    /// <summary>Bytes the product path allocates per commune, full results and traces kept until the commune is recorded.</summary>
    private static async Task<double> AllocatedPerCommuneAsync(PluginHost host, CompiledCriteriaSet compiled, CommuneData[] communes, int n, CancellationToken cancel)
    {
        var table = new VerdictTable(n, compiled.Set.Indicators.Select(i => i.Code).ToArray());
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await ProductPath.RunSequentialAsync(host.Evaluator, compiled, communes, table, cancel);
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)n;
    }

    /// <summary>Communes each path runs once before timing, so that the JIT's tiering is over for all of them alike.</summary>
    private const int WarmUpCommunes = 1_000;

    private static async Task WarmUpAsync(PluginHost host, CompiledCriteriaSet compiled, CommuneData[] communes, PlainRulesEngineBaseline baseline,
        HandWrittenFloor floor, CancellationToken cancel)
    {
        var sample = communes.Take(WarmUpCommunes).ToArray();
        var province = PreparedProvince.Prepare(compiled, sample);
        var table = new VerdictTable(sample.Length, province.IndicatorCodes);
        await baseline.RunAsync(province, table, cancel);
        await ProductPath.RunAsync(host.Evaluator, compiled, sample, table, null, cancel);
        await ProductPath.RunSequentialAsync(host.Evaluator, compiled, sample, table, cancel);
        await ProductPath.RunAsync(host.Evaluator, compiled, sample, table, null, cancel, RuleExecution.RulesEngineExecutor);
        floor.Run(province, table);
    }

    private static async Task<int> StreamAsync(PluginHost host, CompiledCriteriaSet compiled, int n, int seed, string? outDir, CancellationToken cancel)
    {
        var folder = outDir ?? Path.Combine(Path.GetTempPath(), "ntm-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, $"province-{seed}-{n}.csv");
            var results = Path.Combine(folder, $"results-{seed}-{n}.csv");
            var write = Stopwatch.StartNew();
            using (var csv = new StreamWriter(input, false, new System.Text.UTF8Encoding(false), 1 << 16))
                SyntheticProvince.For(compiled).WriteCsv(csv, n, seed);
            write.Stop();
            Console.WriteLine($"wrote {input} ({Megabytes(new FileInfo(input).Length)}) in {Seconds(write.Elapsed)} (not timed below)");
            GC.Collect();
            var before = Process.GetCurrentProcess().PeakWorkingSet64;

            var samples = new List<(int Done, long WorkingSet)>();
            var watch = Stopwatch.StartNew();
            var done = 0;
            await using (var file = new StreamWriter(results, false, new System.Text.UTF8Encoding(false), 1 << 16))
            {
                var writer = new ResultCsvWriter(file, compiled.Set);
                await foreach (var result in host.Evaluator.EvaluateManyAsync(compiled, CommuneCsvReader.Read(input, input), null, cancel))
                {
                    writer.Write(result);
                    if (++done % Math.Max(1, n / 10) == 0) samples.Add((done, Environment.WorkingSet));
                }
            }
            watch.Stop();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine($"streamed {done.ToString("N0", Invariant)} communes CSV → evaluation with traces → {results} ({Megabytes(new FileInfo(results).Length)}) "
                + $"in {Seconds(watch.Elapsed)} ({(watch.Elapsed.TotalMicroseconds / done).ToString("F1", Invariant)} µs/commune)");
            Console.WriteLine("working set while streaming: " + string.Join(", ", samples.Select(s => $"{s.Done.ToString("N0", Invariant)}: {Megabytes(s.WorkingSet)}")));
            Console.WriteLine($"peak memory streamed: {Megabytes(peak)} working set of this process (before streaming: {Megabytes(before)})");
            return done == n ? ExitCodes.Ok : ExitCodes.InternalError;
        }
        finally
        {
            if (outDir is null) Directory.Delete(folder, recursive: true);
        }
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

    private static void Row(string name, List<TimeSpan> times, int communes) =>
        Console.WriteLine($"{name,-66}{Milliseconds(Median(times)),10}{Milliseconds(times.Min()),10}{Milliseconds(times.Max()),10}"
            + $"{(Median(times).TotalMicroseconds / communes).ToString("F2", Invariant),12}");

    internal static TimeSpan Median(List<TimeSpan> times)
    {
        var sorted = times.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Ratio(TimeSpan slower, TimeSpan faster) => (slower / faster).ToString("F1", Invariant);

    internal static string Milliseconds(TimeSpan t) => t.TotalMilliseconds.ToString(t.TotalMilliseconds < 10 ? "F2" : "F0", Invariant) + " ms";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", Invariant) + " s";

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", Invariant) + " MB";

    private static bool IsOptimized() =>
        typeof(BenchCommand).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];
}

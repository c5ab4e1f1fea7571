using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using NtmRules.Bench.Synthetic;
using NtmRules.Drafting;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;
using NtmRules.Bench.Localization;
using static NtmRules.Bench.BenchReport;

namespace NtmRules.Bench;

/// <summary>One line of the closing table of <c>ntm bench --all</c>: what is measured, the goal, what was measured, whether it held.</summary>
/// <param name="Name">What is measured, in Vietnamese.</param>
/// <param name="Goal">The goal, as issue #19 states it.</param>
/// <param name="Measured">What this run saw.</param>
/// <param name="Held">Whether the goal held on this run.</param>
public sealed record BenchFigure(string Name, string Goal, string Measured, bool Held);

/// <summary>
/// The parts of <c>ntm bench --all</c> that run <c>ntm</c> itself as a user would — a cold single
/// evaluation, a province batch — each in a child process of this same build, timed from process
/// start to exit, with the child's peak memory read while it runs.
/// </summary>
public static class BenchProcesses
{
    /// <summary>What one child run took.</summary>
    /// <param name="ExitCode">Its exit code.</param>
    /// <param name="Wall">Wall time from start to exit.</param>
    /// <param name="PeakWorkingSet">The largest working set seen (the kernel's high-water mark, read until exit).</param>
    /// <param name="Stderr">What it wrote on standard error.</param>
    public sealed record Run(int ExitCode, TimeSpan Wall, long PeakWorkingSet, string Stderr);

    /// <summary>
    /// Runs <c>ntm</c> with <paramref name="args"/> (the executable running now, or <c>dotnet ntm.dll</c>:
    /// the entry assembly, since this library is not the program), output discarded.
    /// </summary>
    public static async Task<Run> NtmAsync(IEnumerable<string> args, CancellationToken cancel)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancel);
        var stderr = p.StandardError.ReadToEndAsync(cancel);
        long peak = 0;
        while (!p.HasExited)
        {
            try
            {
                p.Refresh();
                peak = Math.Max(peak, p.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break; // exited between the check and the read
            }
            await Task.WhenAny(p.WaitForExitAsync(cancel), Task.Delay(20, cancel));
        }
        await p.WaitForExitAsync(cancel);
        clock.Stop();
        await stdout;
        return new Run(p.ExitCode, clock.Elapsed, peak, await stderr);
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Writes one commune of <paramref name="compiled"/> (synthetic, seeded) as a one-row CSV table, as a user's data file.</summary>
    public static string WriteOneCommune(CompiledCriteriaSet compiled, string folder, int seed)
    {
        var path = Path.Combine(folder, "mot-xa.csv");
        using var csv = new StreamWriter(path, false, new UTF8Encoding(false));
        SyntheticProvince.For(compiled).WriteCsv(csv, 1, seed);
        return path;
    }

    /// <summary>A figure of the table in the session's language: "2.000", "12,5" in Vietnamese, "2,000", "12.5" in English.</summary>
    public static string Number(double value, int decimals = 2) => MessageText.InEnglish
        ? Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture)
        : VietnameseFormat.Number(value, decimals);

    /// <summary>The table, in the session's language, as <c>ntm bench --all</c> ends with it (Markdown, so that it pastes into the docs).</summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<BenchFigure> figures)
    {
        output.WriteLine(BenchMessages.TableHeader);
        output.WriteLine("|---|---|---|---|");
        foreach (var f in figures) output.WriteLine($"| {f.Name} | {f.Goal} | {f.Measured} | {(f.Held ? BenchMessages.Yes : BenchMessages.No)} |");
    }
}

/// <summary>What <c>ntm bench --all</c> needs besides the loaded plugins.</summary>
/// <param name="PassThrough">Options every child <c>ntm</c> gets (plugin folder, signature policy).</param>
/// <param name="Verifier">The signature policy in effect, for the web server started in this process.</param>
/// <param name="ChildSucceeded">Whether a child's exit code means it ran (rejected rows included), from the CLI's exit codes.</param>
/// <param name="WebDuration">How long the web clients post evaluations.</param>
public sealed record AllBenchSettings(IReadOnlyList<string> PassThrough, IPluginVerifier Verifier, Func<int, bool> ChildSucceeded, TimeSpan WebDuration);

/// <summary><c>ntm bench --all</c>: the five figures of issue #19, one after the other, and the closing table.</summary>
public static class AllBench
{
    /// <summary>Process runs of the cold single evaluation (after one untimed run that fills the file cache).</summary>
    private const int ColdRuns = 7;

    /// <summary>Concurrent web clients.</summary>
    private const int WebClients = 20;

    /// <summary>Measures the five figures and ends with their table; true when the evaluation paths' verdicts agreed.</summary>
    /// <param name="host">The loaded plugins.</param>
    /// <param name="templates">The plan templates and guidance.</param>
    /// <param name="compiled">The set measured.</param>
    /// <param name="n">Synthetic communes.</param>
    /// <param name="runs">Timed runs of the in-process figures.</param>
    /// <param name="seed">Seed of the synthetic province.</param>
    /// <param name="settings">Child-process and web settings.</param>
    /// <param name="report">Where the report goes.</param>
    /// <param name="cancel">Stops the run.</param>
    public static async Task<bool> RunAsync(PluginHost host, TemplateLibrary templates, CompiledCriteriaSet compiled,
        int n, int runs, int seed, AllBenchSettings settings, TextWriter report, CancellationToken cancel)
    {
        var work = Path.Combine(Path.GetTempPath(), "ntm-bench-all-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var figures = new List<BenchFigure>();
            var verdictsAgree = true;
            figures.AddRange(await FigureAsync(report, BenchMessages.ColdSection, async () => [await ColdAsync(compiled, settings, work, seed, report, cancel)]));
            figures.AddRange(await FigureAsync(report, BenchMessages.SpeedupSection, async () =>
            {
                report.WriteLine();
                report.WriteLine(BenchMessages.SpeedupHeading);
                var compare = await ComparisonBench.RunAsync(host, compiled, n, runs, seed, report, cancel);
                verdictsAgree = compare.VerdictsIdentical;
                return SpeedupFigures(compare);
            }));
            figures.AddRange(await FigureAsync(report, "ntm batch", () => BatchAsync(compiled, settings, work, n, seed, report, cancel)));
            figures.AddRange(await FigureAsync(report, "Web POST /api/evaluations", () => WebAsync(host, compiled, settings, work, seed, report, cancel)));
            figures.AddRange(await FigureAsync(report, BenchMessages.DraftsSection, async () =>
            {
                report.WriteLine();
                report.WriteLine(BenchMessages.DraftsHeading);
                var drafts = await DraftBench.RunAsync(host, templates, compiled, n, runs, seed, report, cancel);
                return
                [
                    new BenchFigure(BenchMessages.MarkdownFigure, BenchMessages.MarkdownGoal, BenchProcesses.Number(drafts.MarkdownPerSecond, 0), drafts.MarkdownPerSecond >= 2000),
                    new BenchFigure(BenchMessages.DocxFigure, "≥ 200", BenchProcesses.Number(drafts.DocxPerSecond, 0), drafts.DocxPerSecond >= 200),
                ];
            }));

            report.WriteLine();
            report.WriteLine(MessageText.Format(BenchMessages.ResultsTitle, Environment.ProcessorCount, LoadAverage()));
            BenchProcesses.WriteTable(report, figures);
            return verdictsAgree;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Measures one figure; a figure that fails (a child process refused, a render past its time limit on
    /// a starved machine) is one row saying so, and the others are still measured.
    /// </summary>
    private static async Task<IEnumerable<BenchFigure>> FigureAsync(TextWriter report, string name, Func<Task<IEnumerable<BenchFigure>>> measure)
    {
        try
        {
            return await measure();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var message = (e is AggregateException a ? a.InnerExceptions[0] : e).Message.ReplaceLineEndings(" ");
            report.WriteLine(MessageText.Format(BenchMessages.FailedLine, name, message));
            return [new BenchFigure(name, "—", MessageText.Format(BenchMessages.FailedCell, message.Length > 100 ? message[..100] + "…" : message), false)];
        }
    }

    private static async Task<BenchFigure> ColdAsync(CompiledCriteriaSet compiled, AllBenchSettings settings, string work, int seed, TextWriter report, CancellationToken cancel)
    {
        report.WriteLine();
        report.WriteLine(MessageText.Format(BenchMessages.ColdHeading, compiled.Set.Id, MessageText.Count(ColdRuns)));
        var data = BenchProcesses.WriteOneCommune(compiled, work, seed);
        string[] args = ["evaluate", "--set", compiled.Set.Id, "--data", data, "--format", "json", .. settings.PassThrough];
        var warm = await BenchProcesses.NtmAsync(args, cancel);
        if (!settings.ChildSucceeded(warm.ExitCode))
            throw new InvalidOperationException(MessageText.Format(BenchMessages.ChildFailed, "ntm evaluate", warm.ExitCode, warm.Stderr));
        var runs = new List<BenchProcesses.Run>();
        for (var i = 0; i < ColdRuns; i++) runs.Add(await BenchProcesses.NtmAsync(args, cancel));
        var median = BenchProcesses.Median(runs.Select(r => r.Wall.TotalSeconds));
        report.WriteLine(MessageText.Format(BenchMessages.ColdLine, Seconds(TimeSpan.FromSeconds(median)), Seconds(runs.Min(r => r.Wall)),
            Seconds(runs.Max(r => r.Wall)), Megabytes(runs.Max(r => r.PeakWorkingSet))));
        return new BenchFigure(MessageText.Format(BenchMessages.ColdFigure, MessageText.Count(ColdRuns)), BenchMessages.ColdGoal, Seconds(TimeSpan.FromSeconds(median)), median <= 0.3);
    }

    private static IEnumerable<BenchFigure> SpeedupFigures(ComparisonBench.Comparison c)
    {
        var slowestAgainstFastest = c.A.Min() / c.B.Max();
        yield return new BenchFigure(MessageText.Format(BenchMessages.SpeedupFigure, c.A.Count), BenchMessages.SpeedupGoal,
            MessageText.Fixed(slowestAgainstFastest, 1) + "×" + (c.VerdictsIdentical ? "" : BenchMessages.VerdictsDiffer), slowestAgainstFastest >= 5 && c.VerdictsIdentical);
        var parallel = Median(c.B);
        var sequential = Median(c.Sequential);
        yield return new BenchFigure(BenchMessages.ParallelFigure, BenchMessages.ParallelGoal,
            $"{Milliseconds(parallel)} / {Milliseconds(sequential)}", parallel <= sequential);
        yield return new BenchFigure(BenchMessages.AllocationFigure, "≤ 8 KB",
            MessageText.Fixed(c.BytesPerCommune / 1024, 1) + " KB", c.BytesPerCommune <= 8 * 1024);
    }

    private static async Task<IEnumerable<BenchFigure>> BatchAsync(CompiledCriteriaSet compiled, AllBenchSettings settings, string work, int n, int seed,
        TextWriter report, CancellationToken cancel)
    {
        report.WriteLine();
        report.WriteLine(MessageText.Format(BenchMessages.BatchHeading, MessageText.Count(n), MessageText.Count(10 * n)));
        var small = await OneBatchAsync(compiled, settings, work, n, seed, report, cancel);
        var large = await OneBatchAsync(compiled, settings, work, 10 * n, seed, report, cancel);
        var flat = large.Run.PeakWorkingSet <= small.Run.PeakWorkingSet * 1.25;
        return
        [
            new BenchFigure(MessageText.Format(BenchMessages.BatchFigure, BenchProcesses.Number(n)), BenchMessages.BatchGoal, Seconds(small.Run.Wall), small.Run.Wall.TotalSeconds <= 3),
            new BenchFigure(BenchMessages.BatchOutputFigure, "≤ 50 MB", Megabytes(small.Bytes), small.Bytes <= 50L * 1024 * 1024),
            new BenchFigure(BenchMessages.BatchMemoryFigure, "≤ 300 MB", Megabytes(small.Run.PeakWorkingSet), small.Run.PeakWorkingSet <= 300L * 1024 * 1024),
            new BenchFigure(MessageText.Format(BenchMessages.LargeBatchFigure, BenchProcesses.Number(10 * n)), BenchMessages.LargeBatchGoal,
                $"{Megabytes(large.Run.PeakWorkingSet)} ({Seconds(large.Run.Wall)})", flat),
        ];
    }

    private static async Task<(BenchProcesses.Run Run, long Bytes)> OneBatchAsync(CompiledCriteriaSet compiled, AllBenchSettings settings, string work, int n, int seed,
        TextWriter report, CancellationToken cancel)
    {
        var input = Path.Combine(work, $"tinh-{n}.csv");
        await using (var csv = new StreamWriter(input, false, new UTF8Encoding(false), 1 << 16))
            SyntheticProvince.For(compiled).WriteCsv(csv, n, seed);
        var outFolder = Path.Combine(work, $"lo-{n}");
        var run = await BenchProcesses.NtmAsync(["batch", "--set", compiled.Set.Id, "--data", input, "--out", outFolder, .. settings.PassThrough], cancel);
        if (!settings.ChildSucceeded(run.ExitCode))
            throw new InvalidOperationException(MessageText.Format(BenchMessages.ChildFailed, "ntm batch", run.ExitCode, run.Stderr));
        var bytes = Directory.EnumerateFiles(outFolder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        report.WriteLine(MessageText.Format(BenchMessages.BatchLine, MessageText.Count(n), Seconds(run.Wall), Megabytes(bytes),
            Megabytes(run.PeakWorkingSet), run.ExitCode));
        File.Delete(input);
        Directory.Delete(outFolder, recursive: true);
        return (run, bytes);
    }

    private static async Task<IEnumerable<BenchFigure>> WebAsync(PluginHost host, CompiledCriteriaSet compiled, AllBenchSettings settings, string work, int seed,
        TextWriter report, CancellationToken cancel)
    {
        var duration = settings.WebDuration;
        report.WriteLine();
        report.WriteLine(MessageText.Format(BenchMessages.WebHeading, MessageText.Count(WebClients), MessageText.Fixed(duration.TotalSeconds, 0)));
        var data = await File.ReadAllBytesAsync(BenchProcesses.WriteOneCommune(compiled, work, seed), cancel);
        var outcome = await WebLoad.RunAsync(host.Folder, settings.Verifier, compiled.Set.Id, data, "mot-xa.csv", WebClients, duration, cancel);
        var p95 = outcome.Percentile(0.95);
        report.WriteLine(MessageText.Format(BenchMessages.WebLine, MessageText.Count(outcome.Requests), MessageText.Fixed(outcome.Elapsed.TotalSeconds, 1),
            MessageText.Fixed(outcome.Requests / outcome.Elapsed.TotalSeconds, 0), MessageText.Count(outcome.Errors),
            MessageText.Fixed(outcome.Percentile(0.5), 1), MessageText.Fixed(p95, 1), MessageText.Fixed(outcome.Percentile(0.99), 1)));
        report.WriteLine(MessageText.Format(BenchMessages.WebWorkingSets, string.Join(", ", outcome.WorkingSets.Select(Megabytes))));
        return
        [
            new BenchFigure(MessageText.Format(BenchMessages.WebFigure, MessageText.Count(WebClients)), "≤ 50 ms", MessageText.Fixed(p95, 1) + " ms", p95 <= 50 && outcome.Requests > 0),
            new BenchFigure(BenchMessages.WebHealthFigure, BenchMessages.WebHealthGoal, $"{outcome.Errors}; {(outcome.MemoryFlat ? BenchMessages.Yes : BenchMessages.No)}", outcome.Errors == 0 && outcome.MemoryFlat),
        ];
    }

    /// <summary>The machine's load average over the last minute, as the kernel reports it (other engineers share it).</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }
}

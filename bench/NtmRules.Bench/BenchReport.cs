using System.Diagnostics;
using System.Runtime.InteropServices;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;
using NtmRules.Bench.Localization;

namespace NtmRules.Bench;

/// <summary>How <c>ntm bench</c> writes what it measured: the opening lines and the figures' units, in the session's language.</summary>
public static class BenchReport
{
    /// <summary>
    /// The opening lines: what is measured, on which machine (and whether the build is one whose figures
    /// mean anything), and how long loading and compiling the plugins took.
    /// </summary>
    /// <param name="output">Where the report goes.</param>
    /// <param name="compiled">The set measured.</param>
    /// <param name="communes">Synthetic communes.</param>
    /// <param name="runs">Timed runs, or null for a province streamed once.</param>
    /// <param name="seed">Seed of the synthetic province.</param>
    /// <param name="host">The loaded plugins.</param>
    /// <param name="cold">Time taken to load and compile them.</param>
    public static void WriteHeader(TextWriter output, CompiledCriteriaSet compiled, int communes, int? runs, int seed, PluginHost host, TimeSpan cold)
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var (id, indicators, n) = (compiled.Set.Id, MessageText.Count(compiled.Set.Indicators.Count), MessageText.Count(communes));
        output.WriteLine(runs is { } k
            ? MessageText.Format(BenchMessages.HeaderRuns, id, indicators, n, seed, MessageText.Count(k))
            : MessageText.Format(BenchMessages.HeaderStreamed, id, indicators, n, seed));
        output.WriteLine(MessageText.Format(BenchMessages.MachineLine, MessageText.Count(Environment.ProcessorCount), RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription) + (Debugger.IsAttached || !IsOptimized() ? BenchMessages.DebugBuild : ""));
        output.WriteLine(MessageText.Format(BenchMessages.ColdStartLine, MessageText.Count(host.Sets.Count), MessageText.Count(host.Reports.Count),
            Seconds(cold), Seconds(sinceStart)));
    }

    /// <summary>The median of <paramref name="times"/>.</summary>
    public static TimeSpan Median(IReadOnlyList<TimeSpan> times)
    {
        var sorted = times.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"12.34 ms" below 10 ms, "528 ms" above ("12,34 ms" in Vietnamese).</summary>
    public static string Milliseconds(TimeSpan t) => MessageText.Fixed(t.TotalMilliseconds, t.TotalMilliseconds < 10 ? 2 : 0) + " ms";

    /// <summary>"0.27 s" ("0,27 s" in Vietnamese).</summary>
    public static string Seconds(TimeSpan t) => MessageText.Fixed(t.TotalSeconds, 2) + " s";

    /// <summary>"182 MB".</summary>
    public static string Megabytes(long bytes) => MessageText.Fixed(bytes / (1024.0 * 1024), 0) + " MB";

    /// <summary>How many times <paramref name="faster"/> fits in <paramref name="slower"/>, one decimal.</summary>
    public static string Ratio(TimeSpan slower, TimeSpan faster) => MessageText.Fixed(slower / faster, 1);

    /// <summary>The heading of a table of <see cref="Row"/>s, its columns named in the session's language, <paramref name="last"/> the last one's name.</summary>
    public static void HeaderRow(TextWriter output, string last) =>
        output.WriteLine($"{BenchMessages.ColumnPath,-66}{BenchMessages.ColumnMedian,10}{BenchMessages.ColumnMin,10}{BenchMessages.ColumnMax,10}{last,12}");

    /// <summary>A table row: name, median, min, max, then the last column.</summary>
    public static void Row(TextWriter output, string name, IReadOnlyList<TimeSpan> times, string last) =>
        output.WriteLine($"{name,-66}{Milliseconds(Median(times)),10}{Milliseconds(times.Min()),10}{Milliseconds(times.Max()),10}{last,12}");

    /// <summary>Whether the measured code was compiled with optimisations (a Debug build's figures mean nothing).</summary>
    private static bool IsOptimized() =>
        typeof(BenchReport).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Bench;

/// <summary>How <c>ntm bench</c> writes what it measured: the opening lines and the figures' units (invariant, for the docs' tables).</summary>
public static class BenchReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

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
        output.WriteLine($"ntm bench: set {compiled.Set.Id} ({compiled.Set.Indicators.Count} indicators), {communes.ToString("N0", Invariant)} synthetic communes, seed {seed}"
            + (runs is { } k ? $", {k} run(s)" : ", streamed once"));
        output.WriteLine($"machine: {Environment.ProcessorCount} processor(s), {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}"
            + (Debugger.IsAttached || !IsOptimized() ? ", DEBUG BUILD (figures not meaningful)" : ""));
        output.WriteLine($"cold start: loading {host.Sets.Count} set(s) from {host.Reports.Count} plugin(s) and compiling their workflows: {Seconds(cold)} "
            + $"(from process start: {Seconds(sinceStart)})");
    }

    /// <summary>The median of <paramref name="times"/>.</summary>
    public static TimeSpan Median(IReadOnlyList<TimeSpan> times)
    {
        var sorted = times.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"12.34 ms" below 10 ms, "528 ms" above.</summary>
    public static string Milliseconds(TimeSpan t) => t.TotalMilliseconds.ToString(t.TotalMilliseconds < 10 ? "F2" : "F0", Invariant) + " ms";

    /// <summary>"0.27 s".</summary>
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", Invariant) + " s";

    /// <summary>"182 MB".</summary>
    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", Invariant) + " MB";

    /// <summary>How many times <paramref name="faster"/> fits in <paramref name="slower"/>, one decimal.</summary>
    public static string Ratio(TimeSpan slower, TimeSpan faster) => (slower / faster).ToString("F1", Invariant);

    /// <summary>A table row: name, median, min, max, then the last column.</summary>
    public static void Row(TextWriter output, string name, IReadOnlyList<TimeSpan> times, string last) =>
        output.WriteLine($"{name,-66}{Milliseconds(Median(times)),10}{Milliseconds(times.Min()),10}{Milliseconds(times.Max()),10}{last,12}");

    /// <summary>Whether the measured code was compiled with optimisations (a Debug build's figures mean nothing).</summary>
    private static bool IsOptimized() =>
        typeof(BenchReport).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];
}

using System.Diagnostics;
using NtmRules.Bench.Synthetic;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;
using NtmRules.Bench.Localization;
using static NtmRules.Bench.BenchReport;

namespace NtmRules.Bench;

/// <summary>
/// <c>ntm bench --stream</c>: a seeded synthetic province written to a CSV file, then streamed from it
/// through the evaluation with traces to a result file, reporting the working set as it goes — for memory.
/// </summary>
public static class StreamBench
{
    /// <summary>Streams <paramref name="n"/> communes; true when every one of them was evaluated and written.</summary>
    /// <param name="host">The loaded plugins.</param>
    /// <param name="compiled">The set measured.</param>
    /// <param name="n">Synthetic communes.</param>
    /// <param name="seed">Seed of the synthetic province.</param>
    /// <param name="outDir">Folder for the files, kept; null for a temporary folder removed afterwards.</param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="cancel">Stops the run.</param>
    public static async Task<bool> RunAsync(PluginHost host, CompiledCriteriaSet compiled, int n, int seed, string? outDir, TextWriter output, CancellationToken cancel)
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
            output.WriteLine(MessageText.Format(BenchMessages.StreamWrote, input, Megabytes(new FileInfo(input).Length), Seconds(write.Elapsed)));
            GC.Collect();
            var before = Process.GetCurrentProcess().PeakWorkingSet64;

            var samples = new List<(int Done, long WorkingSet)>();
            var watch = Stopwatch.StartNew();
            var done = 0;
            await using (var file = new StreamWriter(results, false, new System.Text.UTF8Encoding(false), 1 << 16))
            {
                using var writer = new ResultCsvWriter(file, compiled.Set);
                await foreach (var result in host.Evaluator.EvaluateManyAsync(compiled, CommuneCsvReader.Read(input, input), null, cancel))
                {
                    writer.Write(result);
                    if (++done % Math.Max(1, n / 10) == 0) samples.Add((done, Environment.WorkingSet));
                }
            }
            watch.Stop();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            output.WriteLine(MessageText.Format(BenchMessages.StreamLine, MessageText.Count(done), results, Megabytes(new FileInfo(results).Length),
                Seconds(watch.Elapsed), MessageText.Fixed(watch.Elapsed.TotalMicroseconds / done, 1)));
            output.WriteLine(MessageText.Format(BenchMessages.StreamWorkingSets,
                string.Join(", ", samples.Select(s => $"{MessageText.Count(s.Done)}: {Megabytes(s.WorkingSet)}"))));
            output.WriteLine(MessageText.Format(BenchMessages.StreamPeak, Megabytes(peak), Megabytes(before)));
            return done == n;
        }
        finally
        {
            if (outDir is null) Directory.Delete(folder, recursive: true);
        }
    }
}

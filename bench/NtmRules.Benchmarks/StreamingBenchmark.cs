using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Bench.Synthetic;
using NtmRules.Intake.Reports;

namespace NtmRules.Benchmarks;

/// <summary>
/// A province of 100,000 communes streamed from a CSV file through the product's evaluation (full
/// results and traces) to a result file, for memory: allocations come from the memory diagnoser, and
/// the process's peak working set is printed after the run.
/// </summary>
[BenchmarkCategory("stream")]
public class StreamingBenchmark
{
    private PluginHost _host = null!;
    private CompiledCriteriaSet _compiled = null!;
    private string _folder = null!;
    private string _input = null!;

    /// <summary>Number of communes.</summary>
    [Params(100_000)]
    public int Communes { get; set; }

    /// <summary>Loads the plugins and writes the province's CSV file.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = PluginHost.Load(PluginFolderLocator.Find());
        _compiled = _host.GetSet(ThreePathsBenchmark.SetId);
        _folder = Path.Combine(Path.GetTempPath(), "ntm-stream-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _input = Path.Combine(_folder, "province.csv");
        await using var csv = new StreamWriter(_input);
        SyntheticProvince.For(_compiled).WriteCsv(csv, Communes, seed: 1);
    }

    /// <summary>Streams the file through the evaluation into a result file; returns the number of communes.</summary>
    [Benchmark(Description = "CSV → product evaluation with traces → result CSV")]
    public async Task<int> CsvToResultFile()
    {
        var done = 0;
        await using var output = new StreamWriter(Path.Combine(_folder, "results.csv"));
        using var writer = new ResultCsvWriter(output, _compiled.Set);
        await foreach (var result in _host.Evaluator.EvaluateManyAsync(_compiled, CommuneCsvReader.Read(_input, _input)))
        {
            writer.Write(result);
            done++;
        }
        return done;
    }

    /// <summary>Prints the peak working set and removes the files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// peak working set of the benchmark process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        Directory.Delete(_folder, recursive: true);
    }
}

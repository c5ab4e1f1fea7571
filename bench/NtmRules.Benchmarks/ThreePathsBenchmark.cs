using BenchmarkDotNet.Attributes;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Bench.Synthetic;

namespace NtmRules.Benchmarks;

/// <summary>
/// The three paths of issue 7 on one seeded synthetic province of the national xã NTM set:
/// (a) plain RulesEngine, (b) the product with full results and traces, (c) hand-written
/// comparisons. Setup runs each once and refuses to measure if their verdicts differ.
/// </summary>
public abstract class ThreePathsBenchmark
{
    /// <summary>The set measured. Only the national set exists yet; provincial sets are a separate piece of work.</summary>
    public const string SetId = "vn.qd318.xa-ntm";

    private const int Seed = 1;

    private PluginHost _host = null!;
    private CompiledCriteriaSet _compiled = null!;
    private CommuneData[] _communes = null!;
    private PreparedProvince _province = null!;
    private PlainRulesEngineBaseline _baseline = null!;
    private HandWrittenFloor _floor = null!;
    private VerdictTable _a = null!, _b = null!, _c = null!;

    /// <summary>Number of communes.</summary>
    protected abstract int Count { get; }

    /// <summary>Loads the plugins, generates and prepares the province, and runs the differential check.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = PluginHost.Load(PluginFolderLocator.Find());
        _compiled = _host.GetSet(SetId);
        _communes = SyntheticProvince.For(_compiled).Generate(Count, Seed).ToArray();
        _province = PreparedProvince.Prepare(_compiled, _communes);
        _baseline = new PlainRulesEngineBaseline(_compiled);
        await _baseline.PrepareAsync(_province);
        _floor = new HandWrittenFloor(_compiled);
        (_a, _b, _c) = (new VerdictTable(Count, _province.IndicatorCodes), new VerdictTable(Count, _province.IndicatorCodes), new VerdictTable(Count, _province.IndicatorCodes));

        await PlainRulesEngine();
        await Product();
        Floor();
        var check = VerdictComparison.Compare(_a, _b, _c);
        if (!check.Identical)
            throw new InvalidOperationException($"the three paths disagree on {check.Differences} verdicts: {string.Join("; ", check.Examples)}");
    }

    /// <summary>Path (a).</summary>
    [Benchmark(Baseline = true, Description = "(a) plain RulesEngine, ExpandoObject, sequential")]
    public Task PlainRulesEngine() => _baseline.RunAsync(_province, _a);

    /// <summary>Path (b).</summary>
    [Benchmark(Description = "(b) product, full results and traces, parallel")]
    public Task Product() => ProductPath.RunAsync(_host.Evaluator, _compiled, _communes, _b);

    /// <summary>Path (c).</summary>
    [Benchmark(Description = "(c) floor, hand-written comparisons")]
    public void Floor() => _floor.Run(_province, _c);
}

/// <summary>1,000 and 10,000 communes (Vietnam has on the order of 10,000).</summary>
public class Province : ThreePathsBenchmark
{
    /// <summary>Number of communes.</summary>
    [Params(1_000, 10_000)]
    public int Communes { get; set; }

    /// <inheritdoc />
    protected override int Count => Communes;
}

/// <summary>100,000 communes, apart because one run of (a) alone takes over ten seconds here.</summary>
[BenchmarkCategory("100k")]
public class LargeProvince : ThreePathsBenchmark
{
    /// <summary>Number of communes.</summary>
    [Params(100_000)]
    public int Communes { get; set; }

    /// <inheritdoc />
    protected override int Count => Communes;
}

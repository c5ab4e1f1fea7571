using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// Macro benchmarks: each invocation evaluates a whole province, so one invocation per iteration
// (the monitoring strategy) and a few iterations are what is meaningful; `--job short` or
// `--job dry` on the command line overrides it for a quick look.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(NtmRules.Benchmarks.ThreePathsBenchmark).Assembly).Run(args, config);

using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;

/// <summary>
/// A .NET startup hook that says where a cold <c>ntm</c> process spends its time, without any code of
/// the product knowing it is measured: run
/// <c>DOTNET_STARTUP_HOOKS=/path/to/NtmRules.Bench.dll ntm evaluate …</c> and it writes to standard
/// error, at exit, the time from process start to the hook (the runtime's own start), the moment each
/// assembly was first loaded (a timeline of the phases: the schema validator, RulesEngine's parser, the
/// expression compiler each load when first used), the methods the JIT compiled and the time it took,
/// the collections, and the CPU time of the process. The runtime looks the hook up by this exact
/// name, in the global namespace.
/// </summary>
internal static class StartupHook
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static readonly List<(double At, string Name, int Jitted, double JitMs)> Loads = [];
    private static double _startToHook;

    /// <summary>Called by the runtime before <c>Main</c>.</summary>
    public static void Initialize()
    {
        _startToHook = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
        {
            lock (Loads)
                Loads.Add((Clock.Elapsed.TotalMilliseconds, e.LoadedAssembly.GetName().Name ?? "?", (int)JitInfo.GetCompiledMethodCount(),
                    JitInfo.GetCompilationTime().TotalMilliseconds));
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Report(Console.Error);
    }

    private static void Report(TextWriter output)
    {
        var process = Process.GetCurrentProcess();
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "probe: process start to hook {0:F0} ms; hook to exit {1:F0} ms; CPU user {2:F0} ms, system {3:F0} ms",
            _startToHook, Clock.Elapsed.TotalMilliseconds, process.UserProcessorTime.TotalMilliseconds, process.PrivilegedProcessorTime.TotalMilliseconds));
        output.WriteLine(string.Format(c, "probe: JIT compiled {0} methods in {1:F0} ms; {2} collections (gen0 {3}, gen1 {4}, gen2 {5}); allocated {6:F1} MB",
            JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime().TotalMilliseconds, GC.CollectionCount(0),
            GC.CollectionCount(0) - GC.CollectionCount(1), GC.CollectionCount(1) - GC.CollectionCount(2), GC.CollectionCount(2),
            GC.GetTotalAllocatedBytes() / 1048576.0));
        lock (Loads)
        {
            foreach (var (at, name, jitted, jitMs) in Loads)
                output.WriteLine(string.Format(c, "probe: {0,7:F1} ms  jit {1,5} methods {2,6:F1} ms  load {3}", at, jitted, jitMs, name));
        }
    }
}

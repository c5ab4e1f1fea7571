using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace NtmRules.Cli.Tests;

/// <summary>
/// Runs ntm's entry point inside the test process: the same argument parsing, commands, exit codes and
/// output as <c>dotnet ntm.dll</c>, without starting a runtime and compiling the plugins' workflows in a
/// new process each time. What a process owns is set for the run and put back after it, one run at a
/// time: standard output and error (captured), the working directory, the <c>NTM_*</c> environment
/// variables (<c>NTM_PLUGINS</c> unset unless given, as for a process; <c>NTM_CACHE</c> the process's own
/// cache folder unless given), the cultures the language
/// option sets, and the folder ntm finds its bundled plugins, templates and schemas in
/// (<see cref="AppContext.BaseDirectory"/>, the CLI's build folder as for the real program). The language
/// is <see cref="Cli.Run(IEnumerable{string}, IDictionary{string, string?}?, string?)"/>'s choice: English
/// (<c>NTM_LANG=en</c>) unless the test passes <c>--lang</c> or <c>NTM_LANG</c> itself; a null value unsets a variable.
/// </summary>
internal static class InProcess
{
    /// <summary>Held by an in-process run, and by a process start while it copies the environment.</summary>
    public static readonly object Gate = new();

    private const string BaseDirectoryKey = "APP_CONTEXT_BASE_DIRECTORY";

    /// <summary>
    /// The cache of schema and template passes the runs of this test process share (unless a run names its own
    /// <c>NTM_CACHE</c>): a fresh folder, so no run reads a record an earlier test process left, none is left in
    /// the user's cache, and the bundled plugins' unchanged files are validated once per process rather than once
    /// per run, as an installed ntm does with its cache. Only passes are recorded: a file with errors is always
    /// checked. Processes (<see cref="Cli.RunProcess"/>) keep the cache off.
    /// </summary>
    private static readonly string RunCache = NewRunCache();

    private static string NewRunCache()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntm-test-cache-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
        return folder;
    }

    private static readonly Lazy<MethodInfo> EntryPoint = new(() =>
        Assembly.Load("ntm").EntryPoint ?? throw new InvalidOperationException("ntm.dll has no entry point"));

    public static Cli.Result Run(string[] args, IDictionary<string, string?>? env, string workingDirectory)
    {
        lock (Gate)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var saved = Saved.Take(env);
            try
            {
                Console.SetOut(output);
                Console.SetError(error);
                Environment.CurrentDirectory = workingDirectory;
                AppContext.SetData(BaseDirectoryKey, Cli.Directory);
                Environment.SetEnvironmentVariable("NTM_PLUGINS", null);
                Environment.SetEnvironmentVariable("NTM_CACHE", RunCache);
                foreach (var (k, v) in env ?? new Dictionary<string, string?>()) Environment.SetEnvironmentVariable(k, v);
                // Off the test runner's synchronization context: the entry point waits for its own async work.
                var exit = Task.Run(() => Invoke(args)).GetAwaiter().GetResult();
                Console.Out.Flush();
                Console.Error.Flush();
                return new Cli.Result(exit, output.ToString(), error.ToString());
            }
            finally
            {
                saved.Restore();
            }
        }
    }

    private static int Invoke(string[] args)
    {
        try
        {
            return (int)EntryPoint.Value.Invoke(null, [args])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>The process-wide state a run changes.</summary>
    private sealed record Saved(
        TextWriter Out, TextWriter Error, string Directory, object? BaseDirectory, CultureInfo? Culture, CultureInfo? UiCulture,
        Dictionary<string, string?> Variables)
    {
        public static Saved Take(IDictionary<string, string?>? env)
        {
            var names = (env?.Keys ?? []).Append("NTM_PLUGINS").Append("NTM_CACHE").Distinct();
            return new Saved(Console.Out, Console.Error, Environment.CurrentDirectory, AppContext.GetData(BaseDirectoryKey),
                CultureInfo.DefaultThreadCurrentCulture, CultureInfo.DefaultThreadCurrentUICulture,
                names.ToDictionary(n => n, Environment.GetEnvironmentVariable));
        }

        public void Restore()
        {
            Console.SetOut(Out);
            Console.SetError(Error);
            Environment.CurrentDirectory = Directory;
            AppContext.SetData(BaseDirectoryKey, BaseDirectory);
            CultureInfo.DefaultThreadCurrentCulture = Culture;
            CultureInfo.DefaultThreadCurrentUICulture = UiCulture;
            foreach (var (k, v) in Variables) Environment.SetEnvironmentVariable(k, v);
        }
    }
}

using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace NtmRules.Cli.Tests;

/// <summary>Runs the built CLI (ntm.dll) in its own process, with the plugin folders built next to it.</summary>
internal static class Cli
{
    public static string Directory { get; } = typeof(Cli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NtmCliDirectory").Value!;

    public static string BuiltPlugins => Path.Combine(Directory, "plugins");

    public static string RepoRoot { get; } = Path.GetFullPath(Path.Combine(Directory, "../../../../.."));

    public static string Sample(string name) => Path.Combine(RepoRoot, "samples", name);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    /// <summary>
    /// Runs ntm with <paramref name="args"/>: in this test process (its entry point, with standard
    /// output and error captured) unless only a separate process can show the behaviour — an
    /// environment variable read by the runtime itself (<c>DOTNET_…</c>), output written to the
    /// process's own standard output stream (<c>plugin validate --format json</c>), or a command that
    /// serves or reads standard input (its help excepted). <see cref="RunProcess"/> forces a process.
    /// </summary>
    public static Result Run(IEnumerable<string> args, IDictionary<string, string?>? env = null, string? workingDirectory = null)
    {
        var list = args.ToArray();
        env = WithTestLanguage(list, env);
        return NeedsProcess(list, env) ? RunProcess(list, env, workingDirectory) : InProcess.Run(list, env, workingDirectory ?? RepoRoot);
    }

    private static bool NeedsProcess(string[] args, IDictionary<string, string?>? env) =>
        (env?.Keys.Any(k => !k.StartsWith("NTM_", StringComparison.Ordinal)) ?? false)
        || (args.Contains("validate") && args.Contains("json"))
        // Help runs no command, so serve's and users' help is shown in this process too.
        || (args.FirstOrDefault(a => !a.StartsWith('-')) is "serve" or "users" && !args.TakeWhile(a => a != "--").Any(a => a is "--help" or "-h" or "-?"));

    /// <summary>The variable that names ntm's language when <c>--lang</c> is not given.</summary>
    public const string LanguageVariable = "NTM_LANG";

    /// <summary>
    /// The tests' language. ntm speaks Vietnamese unless asked otherwise, but most tests were written when its
    /// messages were English and assert that wording: a run that passes neither <c>--lang</c> nor
    /// <c>NTM_LANG</c> gets <c>NTM_LANG=en</c>. A test of Vietnamese output says so (<c>--lang vi</c> or
    /// <c>NTM_LANG=vi</c>); a test of the product's own default passes <c>NTM_LANG</c> with a null value,
    /// which unsets it for the run (<see cref="ProductDefault"/>).
    /// </summary>
    private static IDictionary<string, string?> WithTestLanguage(string[] args, IDictionary<string, string?>? env)
    {
        var given = new Dictionary<string, string?>(env ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        var asksLanguage = args.TakeWhile(a => a != "--").Any(a => a == "--lang" || a.StartsWith("--lang=", StringComparison.Ordinal));
        if (!asksLanguage && !given.ContainsKey(LanguageVariable)) given[LanguageVariable] = "en";
        return given;
    }

    /// <summary>An environment that leaves the language to ntm's default (no <c>--lang</c>, no <c>NTM_LANG</c>): Vietnamese.</summary>
    public static Dictionary<string, string?> ProductDefault() => new(StringComparer.Ordinal) { [LanguageVariable] = null };

    /// <summary>Runs the built ntm.dll as a separate process, exactly as a user does (in English unless the test asks otherwise, see <see cref="WithTestLanguage"/>).</summary>
    public static Result RunProcess(IEnumerable<string> args, IDictionary<string, string?>? env = null, string? workingDirectory = null)
    {
        var list = args.ToArray();
        env = WithTestLanguage(list, env);
        args = list;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? RepoRoot,
        };
        psi.ArgumentList.Add(Path.Combine(Directory, "ntm.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        // The environment is copied while no in-process run has changed it.
        lock (InProcess.Gate)
        {
            psi.Environment.Remove("NTM_PLUGINS");
            // A null value unsets the variable, as in-process runs do.
            foreach (var (k, v) in env)
            {
                if (v is null) psi.Environment.Remove(k);
                else psi.Environment[k] = v;
            }
            p = Process.Start(psi)!;
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("ntm did not finish in 120 s: " + string.Join(' ', args));
            }
            return new Result(p.ExitCode, stdout.Result, stderr.Result);
        }
    }

    public static Result Run(params string[] args) => Run((IEnumerable<string>)args);

    /// <summary>A fresh folder that tests can fill with plugin folders.</summary>
    public static string TempPluginsFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ntm-plugins-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    public static string CopyPlugin(string name, string targetRoot)
    {
        var source = Path.Combine(BuiltPlugins, name);
        var target = Path.Combine(targetRoot, name);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }
}

using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace NtmRules.Cli.Tests;

/// <summary>
/// ntm as an installed .NET tool: the CLI built for these tests is packed (no rebuild, so the other
/// tests' ntm.dll is left alone), installed into a temporary tool path from a temporary NuGet source,
/// and run from an unrelated folder, where it must find its bundled plugins next to itself.
/// </summary>
public class ToolInstallTests
{
    private static string Configuration { get; } = typeof(ToolInstallTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NtmConfiguration").Value!;

    [Fact]
    public void The_packed_tool_installs_into_a_tool_path_and_evaluates_from_another_folder_with_its_bundled_plugins()
    {
        var root = Path.Combine(Path.GetTempPath(), "ntm-tool-" + Guid.NewGuid().ToString("N"));
        var feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(root, "somewhere-else")).FullName;
        // A version no earlier run used, and a package cache of its own: a stale package can never be picked.
        var version = "0.1.0-test-" + Guid.NewGuid().ToString("N");
        try
        {
            var config = Path.Combine(root, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="ntm-artifacts" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var env = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") };

            // Published into a folder of its own: the package holds this publish only, never files an earlier one left.
            var pack = Run("dotnet", ["pack", Path.Combine(Cli.RepoRoot, "kernel", "NtmRules.Cli"), "--no-build", "--no-restore", "-c", Configuration,
                "-o", feed, $"-p:PackageVersion={version}", $"-p:PublishDir={Path.Combine(root, "publish")}{Path.DirectorySeparatorChar}"], Cli.RepoRoot, env);
            pack.ExitCode.Should().Be(0, pack.ToString());
            var package = Path.Combine(feed, $"NtmRules.Cli.{version}.nupkg");
            File.Exists(package).Should().BeTrue(pack.ToString());
            NativeRuntimes(package).Should().BeEquivalentTo(DesktopRuntimes, "the tool carries native libraries only for the platforms a .NET tool runs on");

            var tools = Path.Combine(root, "tools");
            var install = Run("dotnet", ["tool", "install", "NtmRules.Cli", "--tool-path", tools, "--configfile", config, "--version", version], root, env);
            install.ExitCode.Should().Be(0, install.ToString());

            var ntm = Path.Combine(tools, OperatingSystem.IsWindows() ? "ntm.exe" : "ntm");
            var r = Run(ntm, ["evaluate", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json")], elsewhere, env);
            r.ExitCode.Should().Be(0, r.ToString());
            r.Stdout.Should().Contain("Kết quả: đạt 11/19 tiêu chí, 47/57 chỉ tiêu")
                .And.Contain("Chữ ký plugin: đi kèm chương trình ntm", "the plugins in the package are the tool's bundled plugins");
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The platforms .NET runs a tool on: Linux (glibc and musl), Windows and macOS, on x64 and Arm.</summary>
    private static readonly string[] DesktopRuntimes =
        ["linux-x64", "linux-arm64", "linux-arm", "linux-musl-x64", "linux-musl-arm64", "linux-musl-arm", "win-x64", "win-x86", "win-arm64", "osx-x64", "osx-arm64"];

    /// <summary>The runtime identifiers under the package's <c>runtimes/</c> folder.</summary>
    private static IEnumerable<string> NativeRuntimes(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName.Split('/')).Where(p => p.Length > 5 && p[3] == "runtimes").Select(p => p[4]).Distinct().ToList();
    }

    private static Cli.Result Run(string program, IEnumerable<string> args, string workingDirectory, IDictionary<string, string?> env)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process started;
        // The environment is copied while no in-process run has changed it (as Cli.RunProcess does): an in-process run
        // sets NTM_LANG=en for its duration, and a tool started then spoke English (the test's one-off failures).
        lock (InProcess.Gate)
        {
            psi.Environment.Remove("NTM_PLUGINS");
            psi.Environment["DOTNET_NOLOGO"] = "1";
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var (k, v) in env) psi.Environment[k] = v;
            started = Process.Start(psi)!;
        }
        using var p = started;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(300_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 300 s: {string.Join(' ', args)}");
        }
        return new Cli.Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}

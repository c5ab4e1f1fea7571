namespace NtmRules.Benchmarks;

/// <summary>
/// Finds the built plugin folder the benchmarks load the national set from: <c>NTM_PLUGINS</c> if
/// set, else the folder built next to the CLI (Release, then Debug), else <c>artifacts/plugins</c>.
/// BenchmarkDotNet runs each benchmark in a process of its own, built under this project's output,
/// so the repository is found by walking up to <c>NtmRules.sln</c>.
/// </summary>
internal static class PluginFolderLocator
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("NTM_PLUGINS") is { Length: > 0 } env) return Path.GetFullPath(env);
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "NtmRules.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("NtmRules.sln not found above " + AppContext.BaseDirectory + "; set NTM_PLUGINS");
        string[] candidates =
        [
            Path.Combine(root.FullName, "kernel", "NtmRules.Cli", "bin", "Release", "net10.0", "plugins"),
            Path.Combine(root.FullName, "kernel", "NtmRules.Cli", "bin", "Debug", "net10.0", "plugins"),
            Path.Combine(root.FullName, "artifacts", "plugins"),
        ];
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException("no built plugin folder: build the CLI first (dotnet build -c Release kernel/NtmRules.Cli), or set NTM_PLUGINS");
    }
}

namespace NtmRules.Kernel.Tests;

/// <summary>Finds files of the repository (schemas, samples) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NtmRules.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NtmRules.sln not found above " + AppContext.BaseDirectory);
    }
}

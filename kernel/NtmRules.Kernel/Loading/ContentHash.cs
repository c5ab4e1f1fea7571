using System.Security.Cryptography;
using System.Text;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// The SHA-256 that identifies a plugin's content for auditors: over its data files (manifest,
/// sets, workflows, templates) by relative path. Compiled assemblies are left out because their
/// bytes differ between otherwise identical builds on different machines. The plugin's own test
/// cases (<c>tests/</c>, see <c>docs/plugin-tests.md</c>) are left out too: they never change a
/// verdict, and a record saved before a case was added must still verify against the same plugin.
/// So is the package manifest an install leaves in the folder: installed or copied, the same files
/// are the same plugin.
/// </summary>
internal static class ContentHash
{
    private static readonly string[] Extensions = [".json", ".scriban", ".sbn"];

    /// <summary>Where a plugin keeps its test cases and their data: not part of its content.</summary>
    private const string TestsFolder = Testing.PluginTestCaseReader.Folder + "/";

    public static string Of(string folder)
    {
        // A list of records, not LINQ over (Relative, Full) tuples: LINQ over a value type is JIT-compiled on
        // every cold start (a ReadyToRun build cannot carry it). Relative paths are unique, so the order is total.
        var files = new List<FileEntry>();
        foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, f).Replace('\\', '/');
            if (!Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)
                || f.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase)
                || relative == PluginPackageFiles.Manifest
                || relative.StartsWith(TestsFolder, StringComparison.Ordinal)) continue;
            files.Add(new FileEntry(relative, f));
        }
        files.Sort(static (a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file.Relative + "\0" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.Full))) + "\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private sealed record FileEntry(string Relative, string Full);
}

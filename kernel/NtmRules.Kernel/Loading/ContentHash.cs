using System.Security.Cryptography;
using System.Text;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// The SHA-256 that identifies a plugin's content for auditors: over its data files (manifest,
/// sets, workflows, templates) by relative path. Compiled assemblies are left out because their
/// bytes differ between otherwise identical builds on different machines. The package manifest an
/// install leaves in the folder is left out too: installed or copied, the same files are the same plugin.
/// </summary>
internal static class ContentHash
{
    private static readonly string[] Extensions = [".json", ".scriban", ".sbn"];

    public static string Of(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)
                        && !f.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
                        && !f.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase))
            .Where(f => !string.Equals(Path.GetRelativePath(folder, f), PluginPackageFiles.Manifest, StringComparison.Ordinal))
            .Select(f => (Relative: Path.GetRelativePath(folder, f).Replace('\\', '/'), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, full) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(full))) + "\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

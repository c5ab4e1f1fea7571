using System.CommandLine;
using NtmRules.Packaging;

namespace NtmRules.Cli;

/// <summary>
/// The plugin a command works on, given as a folder or as a <c>.ntmplugin</c> package. A package is
/// verified (signature against the trust store, every file's hash, safe paths, size caps — refused
/// unless signed by a trusted key or <c>--allow-unsigned</c>) and unpacked into a temporary folder
/// that is deleted when the target is disposed.
/// </summary>
internal sealed class PluginTarget : IDisposable
{
    /// <summary>Extension of a packed plugin.</summary>
    public const string PackageExtension = ".ntmplugin";

    private readonly string? _temporary;

    private PluginTarget(string folder, string? temporary, string? package)
    {
        Folder = folder;
        _temporary = temporary;
        Package = package;
    }

    /// <summary>The plugin folder to load (the unpacked package, for a package).</summary>
    public string Folder { get; }

    /// <summary>The package file, when the target was a package.</summary>
    public string? Package { get; }

    /// <summary>Whether <paramref name="path"/> names a package file rather than a folder.</summary>
    public static bool IsPackage(string path) =>
        path.EndsWith(PackageExtension, StringComparison.OrdinalIgnoreCase) && !Directory.Exists(path);

    /// <summary>Opens <paramref name="path"/>: a folder as is, a package verified and unpacked.</summary>
    /// <exception cref="Kernel.Diagnostics.PluginException">The package is refused (tampered, unsigned, untrusted, unsafe, too large).</exception>
    public static PluginTarget Open(ParseResult parse, string path)
    {
        if (!IsPackage(path)) return new PluginTarget(path, null, null);
        var temporary = Path.Combine(Path.GetTempPath(), "ntm-package-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        try
        {
            var extracted = PluginPackage.ExtractVerified(path, Path.Combine(temporary, "plugin"), SigningOptions.PackageOptions(parse));
            return new PluginTarget(extracted.Folder, temporary, Path.GetFullPath(path));
        }
        catch
        {
            Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_temporary is not null && Directory.Exists(_temporary)) Directory.Delete(_temporary, recursive: true);
    }
}

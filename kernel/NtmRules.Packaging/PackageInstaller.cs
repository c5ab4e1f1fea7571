using NtmRules.Kernel.Localization;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>What an install did.</summary>
/// <param name="Folder">The installed plugin folder (named after the plugin id).</param>
/// <param name="Package">The verified package.</param>
/// <param name="Replaced">Folders of the same plugin that it replaced (with <c>--replace</c>).</param>
public sealed record InstallResult(string Folder, ExtractedPackage Package, IReadOnlyList<string> Replaced);

/// <summary>
/// Installs a verified package into a plugins folder, atomically: it is unpacked into a hidden
/// folder beside the target (same file system) and renamed into place only when complete, so a
/// refused or interrupted install leaves the plugins folder as it was.
/// </summary>
public static class PackageInstaller
{
    /// <summary>Prefix of the hidden work folders; the host skips folders starting with a dot.</summary>
    private const string WorkPrefix = ".ntm-install-";

    /// <summary>Verifies and installs <paramref name="packagePath"/> under <paramref name="pluginsRoot"/>.</summary>
    /// <param name="packagePath">The <c>.ntmplugin</c> file.</param>
    /// <param name="pluginsRoot">The plugins folder in effect.</param>
    /// <param name="options">Trust store, <c>--allow-unsigned</c>.</param>
    /// <param name="replace">Replace an installed plugin with the same id; otherwise that is refused.</param>
    /// <exception cref="PluginException">The package is refused, or the plugin is installed already.</exception>
    public static InstallResult Install(string packagePath, string pluginsRoot, PackageOptions options, bool replace)
    {
        var root = Path.GetFullPath(pluginsRoot);
        Directory.CreateDirectory(root);
        var work = Path.Combine(root, WorkPrefix + Guid.NewGuid().ToString("N"));
        var extracted = PluginPackage.ExtractVerified(packagePath, work, options);
        var moved = new List<(string From, string To)>();
        try
        {
            var id = extracted.Manifest.PluginId;
            var target = Path.Combine(root, id);
            // The same plugin may sit in a folder of another name (a copied build folder): two
            // folders with one id would both be refused at load, so it counts as installed too.
            var existing = Directory.GetDirectories(root)
                .Where(d => !Path.GetFileName(d).StartsWith('.'))
                .Where(d => Path.GetFileName(d) == id || PluginManifest.PeekId(d) == id)
                .Order(StringComparer.Ordinal).ToArray();
            if (existing.Length > 0 && !replace)
                throw new PluginException(new Problem(Severity.Error,
                    MessageText.Format(PackagingMessages.AlreadyInstalled, id, string.Join(", ", existing.Select(Path.GetFileName)), extracted.Manifest.Version),
                    packagePath));
            foreach (var old in existing)
            {
                var aside = Path.Combine(root, WorkPrefix + "old-" + Guid.NewGuid().ToString("N"));
                Directory.Move(old, aside);
                moved.Add((old, aside));
            }
            Directory.Move(work, target);
            foreach (var (_, aside) in moved) TryDelete(aside);
            return new InstallResult(target, extracted with { Folder = target }, existing);
        }
        catch
        {
            // Put back what was moved aside; the new files go.
            foreach (var (from, aside) in moved.AsEnumerable().Reverse())
            {
                if (Directory.Exists(aside) && !Directory.Exists(from)) Directory.Move(aside, from);
            }
            TryDelete(work);
            throw;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden folder is harmless: the host skips folders starting with a dot.
        }
    }
}

using NtmRules.Kernel.Localization;
using System.IO.Compression;
using System.Security.Cryptography;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>
/// Writes a <c>.ntmplugin</c> package: a zip of <c>package.json</c>, <c>package.sig</c> and every
/// file of the plugin folder. Deterministic: files sorted by path, fixed entry timestamps and
/// attributes, and Ed25519 signatures are deterministic, so the same folder and key give the
/// same bytes (a publisher can rebuild a package and compare it).
/// </summary>
public static class PackageWriter
{
    /// <summary>The timestamp of every entry (zip's DOS dates start in 1980; any fixed date will do).</summary>
    public static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Packs <paramref name="pluginDir"/>, signed with <paramref name="key"/>, into <paramref name="outputPath"/>.</summary>
    /// <returns>The manifest written.</returns>
    /// <exception cref="PluginException">The folder is not a plugin (no readable <c>plugin.json</c> with id and version) or holds a file whose name a package cannot carry.</exception>
    /// <exception cref="InputException">The folder is missing, or the output would land inside it.</exception>
    public static PackageManifest Pack(string pluginDir, SigningKey key, string outputPath)
    {
        var dir = Path.GetFullPath(pluginDir).TrimEnd(Path.DirectorySeparatorChar);
        var output = Path.GetFullPath(outputPath);
        if (!Directory.Exists(dir)) throw new InputException(new Problem(Severity.Error, PackagingMessages.PluginFolderNotFound, dir));
        if (output.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InputException(new Problem(Severity.Error, PackagingMessages.PackageInsideFolder, output, Field: "--out"));

        var plainFiles = PlainFiles(dir); // links first: plugin.json itself may be one
        var (id, version) = ReadIdentity(dir);
        var files = new List<(PackageFile File, string Full)>();
        foreach (var full in plainFiles)
        {
            var relative = Path.GetRelativePath(dir, full).Replace(Path.DirectorySeparatorChar, '/');
            // An installed plugin folder carries the manifest and signature of its package: a new package gets new ones.
            if (relative is PluginPackage.ManifestEntry or PluginPackage.SignatureEntry) continue;
            if (PackagePaths.Problem(relative) is { } bad)
                throw new PluginException(new Problem(Severity.Error, MessageText.Format(PackagingMessages.CannotCarryFile, bad), full));
            var bytes = File.ReadAllBytes(full);
            files.Add((new PackageFile(relative, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), full));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.File.Path, b.File.Path));
        var manifest = new PackageManifest(id, version, files.Select(f => f.File).ToArray());
        var manifestBytes = manifest.ToBytes();
        var signature = new PackageSignatureFile(key.PublicKey.KeyId, key.Sign(manifestBytes)).ToBytes();

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var temp = output + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                Add(zip, PluginPackage.ManifestEntry, manifestBytes);
                Add(zip, PluginPackage.SignatureEntry, signature);
                foreach (var (file, full) in files) Add(zip, file.Path, File.ReadAllBytes(full));
            }
            File.Move(temp, output, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return manifest;
    }

    /// <summary>
    /// Every regular file under <paramref name="dir"/>, refusing symbolic links (and junctions):
    /// a link to <c>/etc/passwd</c> or to a folder elsewhere would be read through and signed as if
    /// it were the plugin's own file. All links are listed at once, so one run shows what to remove.
    /// </summary>
    /// <exception cref="PluginException">The folder holds links.</exception>
    private static List<string> PlainFiles(string dir)
    {
        var files = new List<string>();
        var links = new List<Problem>();
        var pending = new Stack<string>([dir]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null || entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
                    links.Add(new Problem(Severity.Error, MessageText.Format(PackagingMessages.SymbolicLink, entry.LinkTarget ?? PackagingMessages.LinkElsewhere), entry.FullName));
                else if (entry is DirectoryInfo) pending.Push(entry.FullName);
                else files.Add(entry.FullName);
            }
        }
        if (links.Count > 0) throw new PluginException(links.OrderBy(p => p.File, StringComparer.Ordinal).ToArray());
        return files;
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        entry.ExternalAttributes = 0; // no owner permissions of the packing machine in the package
        using var s = entry.Open();
        s.Write(bytes);
    }

    /// <summary>The plugin's id and version, from its manifest read and checked by the one manifest reader.</summary>
    private static (string Id, string Version) ReadIdentity(string dir)
    {
        var manifest = PluginManifest.ReadFolder(dir);
        return (manifest.Id, manifest.Version);
    }
}

using NtmRules.Kernel.Localization;
using System.IO.Compression;
using System.Security.Cryptography;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>
/// Caps on what a package may unpack to. Sizes are counted on the bytes actually decompressed,
/// never on what the zip's headers claim, so a "zip bomb" stops at the cap.
/// </summary>
/// <param name="MaxPackageBytes">Largest package file read at all.</param>
/// <param name="MaxEntries">Most zip entries.</param>
/// <param name="MaxUnpackedBytes">Most bytes unpacked, all files together.</param>
/// <param name="MaxManifestBytes">Largest <c>package.json</c>.</param>
public sealed record PackageLimits(long MaxPackageBytes, int MaxEntries, long MaxUnpackedBytes, int MaxManifestBytes)
{
    /// <summary>64 MiB package, 10.000 entries, 256 MiB unpacked, 4 MiB manifest: far above any criteria-set plugin.</summary>
    public static PackageLimits Default { get; } = new(64L << 20, 10_000, 256L << 20, 4 << 20);
}

/// <summary>How to open a package: whose signatures count, whether to accept an unsigned one, the caps.</summary>
/// <param name="Trust">The trust store, opened when a signature needs it.</param>
/// <param name="AllowUnsigned">Accept an unsigned package or an untrusted signer (recorded as unsigned-allowed); never a tampered one.</param>
public sealed record PackageOptions(Func<TrustStore> Trust, bool AllowUnsigned)
{
    /// <summary>Caps; <see cref="PackageLimits.Default"/> unless a caller needs others.</summary>
    public PackageLimits Limits { get; init; } = PackageLimits.Default;
}

/// <summary>A package unpacked and verified: its folder (with <c>package.json</c> and <c>package.sig</c> kept), manifest and signature status.</summary>
public sealed record ExtractedPackage(string Folder, PackageManifest Manifest, PluginSignature Signature);

/// <summary>
/// Opens <c>.ntmplugin</c> packages. Everything is checked before a byte of plugin content is
/// written — entry names (no "../", absolute paths, backslashes, drive letters), entry count, the
/// signature against the trust store, that every entry is listed and every listed file present —
/// and then each file is unpacked while counting its real bytes and hashing them.
/// <c>ntm plugin install</c> uses it, and so can any command that needs a package's content
/// (validate, test): extract to a folder of your own, use it, delete it.
/// </summary>
public static class PluginPackage
{
    /// <summary>File name extension of a package.</summary>
    public const string Extension = ".ntmplugin";

    /// <summary>The manifest entry.</summary>
    public const string ManifestEntry = PluginPackageFiles.Manifest;

    /// <summary>The signature entry.</summary>
    public const string SignatureEntry = PluginPackageFiles.Signature;

    private const int MaxSignatureBytes = 4096;

    /// <summary>
    /// Verifies <paramref name="packagePath"/> and unpacks it into <paramref name="destination"/>,
    /// which must not exist yet; on any refusal nothing is left there.
    /// </summary>
    /// <exception cref="PluginException">The package is refused; the problems say why (tampered, unsigned, untrusted, unsafe path, too large).</exception>
    /// <exception cref="InputException">The package file does not exist, or the destination does.</exception>
    public static ExtractedPackage ExtractVerified(string packagePath, string destination, PackageOptions options)
    {
        var package = Path.GetFullPath(packagePath);
        var target = Path.GetFullPath(destination);
        if (!File.Exists(package)) throw new InputException(new Problem(Severity.Error, PackagingMessages.PackageNotFound, package));
        if (Directory.Exists(target) || File.Exists(target)) throw new InputException(new Problem(Severity.Error, PackagingMessages.DestinationExists, target));
        try
        {
            return Extract(package, target, options);
        }
        catch (InvalidDataException e)
        {
            // The zip reader reads the central directory and headers lazily: damage shows up here as well.
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            throw Refused(package, MessageText.Format(PackagingMessages.NotZip, e.Message));
        }
        catch
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The checks and the unpacking in their order: the package's size, the zip's entry count and names,
    /// the manifest and signature, the listing against the entries and the declared size; only then are
    /// files written, and the unpacked plugin must carry the id the manifest names.
    /// </summary>
    private static ExtractedPackage Extract(string package, string target, PackageOptions options)
    {
        var limits = options.Limits;
        var length = new FileInfo(package).Length;
        if (length > limits.MaxPackageBytes) throw Refused(package, MessageText.Format(PackagingMessages.PackageTooLarge, MessageText.Count(length), MessageText.Count(limits.MaxPackageBytes)));
        using var stream = File.OpenRead(package);
        using var zip = OpenZip(package, stream);
        var byName = SafeEntries(package, zip, limits);
        if (!byName.TryGetValue(ManifestEntry, out var manifestEntry))
            throw Refused(package, MessageText.Format(PackagingMessages.NoManifest, ManifestEntry));
        var manifestBytes = ReadCapped(package, manifestEntry, limits.MaxManifestBytes);
        var signatureBytes = byName.TryGetValue(SignatureEntry, out var sigEntry) ? ReadCapped(package, sigEntry, MaxSignatureBytes) : null;
        var (manifest, errors) = PackageManifest.Parse(manifestBytes);
        if (manifest is null) throw new PluginException(errors.Select(e => RefusedProblem(package, MessageText.Format(PackagingMessages.ManifestRefused, e), ManifestEntry)).ToArray());

        var signature = SignatureCheck.Decide(manifestBytes, signatureBytes, options.Trust, options.AllowUnsigned, out var refusal)
            ?? throw Refused(package, refusal!);
        CheckListing(package, manifest, byName, limits);

        UnpackAll(package, target, manifest, byName, limits);
        File.WriteAllBytes(Path.Combine(target, ManifestEntry), manifestBytes);
        if (signatureBytes is not null) File.WriteAllBytes(Path.Combine(target, SignatureEntry), signatureBytes);

        var pluginId = PluginManifest.PeekId(target);
        if (pluginId != manifest.PluginId)
            throw Refused(package, MessageText.Format(PackagingMessages.PluginIdMismatch, manifest.PluginId, pluginId), "plugin.json");
        return new ExtractedPackage(target, manifest, signature);
    }

    private static ZipArchive OpenZip(string package, Stream stream)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw Refused(package, MessageText.Format(PackagingMessages.NotZip, e.Message));
        }
    }

    /// <summary>The entries by name, once the count is under the cap and every name is safe and unique (ignoring case); every unsafe name is reported together.</summary>
    private static Dictionary<string, ZipArchiveEntry> SafeEntries(string package, ZipArchive zip, PackageLimits limits)
    {
        if (zip.Entries.Count > limits.MaxEntries)
            throw Refused(package, MessageText.Format(PackagingMessages.TooManyEntries, MessageText.Count(zip.Entries.Count), MessageText.Count(limits.MaxEntries)));
        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var folded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unsafeNames = new List<Problem>();
        foreach (var entry in zip.Entries)
        {
            if (PackagePaths.Problem(entry.FullName) is { } bad) unsafeNames.Add(RefusedProblem(package, MessageText.Format(PackagingMessages.UnsafeEntryName, bad), entry.FullName));
            else if (!folded.Add(entry.FullName)) unsafeNames.Add(RefusedProblem(package, PackagingMessages.EntryNameTwice, entry.FullName));
            else byName[entry.FullName] = entry;
        }
        if (unsafeNames.Count > 0) throw new PluginException(unsafeNames);
        return byName;
    }

    /// <summary>Every entry listed and every listed file present (all mismatches reported together), the declared size under the cap, a <c>plugin.json</c> listed.</summary>
    private static void CheckListing(string package, PackageManifest manifest, Dictionary<string, ZipArchiveEntry> byName, PackageLimits limits)
    {
        var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var mismatch = new List<Problem>();
        foreach (var name in byName.Keys.Where(n => n is not (ManifestEntry or SignatureEntry) && !listed.Contains(n)).Order(StringComparer.Ordinal))
            mismatch.Add(RefusedProblem(package, PackagingMessages.EntryNotListed, name));
        foreach (var f in manifest.Files.Where(f => !byName.ContainsKey(f.Path)))
            mismatch.Add(RefusedProblem(package, PackagingMessages.EntryMissing, f.Path));
        if (mismatch.Count > 0) throw new PluginException(mismatch);
        var declared = manifest.Files.Sum(f => f.Size);
        if (declared > limits.MaxUnpackedBytes)
            throw Refused(package, MessageText.Format(PackagingMessages.UnpackedTooLarge, MessageText.Count(declared), MessageText.Count(limits.MaxUnpackedBytes)));
        if (!listed.Contains("plugin.json")) throw Refused(package, PackagingMessages.NoPluginJson);
    }

    private static void UnpackAll(string package, string target, PackageManifest manifest, Dictionary<string, ZipArchiveEntry> byName, PackageLimits limits)
    {
        Directory.CreateDirectory(target);
        long total = 0;
        foreach (var file in manifest.Files)
        {
            var path = PackagePaths.Under(target, file.Path) ?? throw Refused(package, PackagingMessages.UnsafeEntryOutside, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            total = Unpack(package, byName[file.Path], file, path, total, limits.MaxUnpackedBytes);
        }
    }

    /// <summary>Copies one entry, hashing and counting the bytes actually decompressed: stops at the file's listed size and at the package's cap.</summary>
    private static long Unpack(string package, ZipArchiveEntry entry, PackageFile file, string path, long total, long cap)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long written = 0;
        try
        {
            using var input = entry.Open();
            using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            var buffer = new byte[81920];
            int n;
            while ((n = input.Read(buffer)) > 0)
            {
                written += n;
                total += n;
                if (written > file.Size) throw Refused(package, MessageText.Format(PackagingMessages.EntryLongerThanListed, MessageText.Count(file.Size)), file.Path);
                if (total > cap) throw Refused(package, MessageText.Format(PackagingMessages.UnpackOverLimit, MessageText.Count(cap)), file.Path);
                hash.AppendData(buffer, 0, n);
                output.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException e)
        {
            throw Refused(package, MessageText.Format(PackagingMessages.EntryDamaged, e.Message), file.Path);
        }
        if (written != file.Size) throw Refused(package, MessageText.Format(PackagingMessages.EntryWrongSize, MessageText.Count(written), MessageText.Count(file.Size)), file.Path);
        if (Convert.ToHexStringLower(hash.GetHashAndReset()) != file.Sha256) throw Refused(package, PackagingMessages.EntryShaDiffers, file.Path);
        return total;
    }

    private static byte[] ReadCapped(string package, ZipArchiveEntry entry, int cap)
    {
        try
        {
            using var input = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int n;
            while ((n = input.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > cap) throw Refused(package, MessageText.Format(PackagingMessages.EntryTooLarge, MessageText.Count(cap)), entry.FullName);
            }
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw Refused(package, MessageText.Format(PackagingMessages.EntryDamaged, e.Message), entry.FullName);
        }
    }

    internal static Problem RefusedProblem(string package, string message, string? entry = null) =>
        new(Severity.Error, MessageText.Format(PackagingMessages.Refused, message), package, Field: entry);

    private static PluginException Refused(string package, string message, string? entry = null) => new(RefusedProblem(package, message, entry));
}

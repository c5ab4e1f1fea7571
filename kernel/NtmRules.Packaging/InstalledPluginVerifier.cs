using NtmRules.Kernel.Localization;
using System.Security.Cryptography;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>
/// The host's load policy, run on every plugin folder at every load:
/// a folder installed from a package (<c>package.json</c>, and <c>package.sig</c> unless installed
/// unsigned) is re-verified — signature against the trust store as it is now, every file unchanged
/// since install, nothing added; a folder without them is <see cref="PluginSignatureStatus.Bundled"/>
/// only in the plugin folder built next to ntm, and elsewhere unsigned. Unsigned folders and
/// untrusted signers load only with <c>--allow-unsigned</c>; a tampered folder never does.
/// </summary>
public sealed class InstalledPluginVerifier : IPluginVerifier
{
    private readonly Lazy<TrustStore> _trust;
    private readonly string _bundledRoot;
    private readonly bool _allowUnsigned;

    /// <summary>Creates the policy.</summary>
    /// <param name="trust">Opens the trust store (only when a signed folder needs it).</param>
    /// <param name="bundledRoot">The plugin folder that ships with ntm (<c>AppContext.BaseDirectory/plugins</c>).</param>
    /// <param name="allowUnsigned">The user passed <c>--allow-unsigned</c>.</param>
    public InstalledPluginVerifier(Func<TrustStore> trust, string bundledRoot, bool allowUnsigned)
    {
        _trust = new Lazy<TrustStore>(trust);
        _bundledRoot = Path.GetFullPath(bundledRoot).TrimEnd(Path.DirectorySeparatorChar);
        _allowUnsigned = allowUnsigned;
    }

    /// <inheritdoc/>
    public PluginSignature? Verify(string pluginFolder, ICollection<Problem> problems)
    {
        var dir = Path.GetFullPath(pluginFolder).TrimEnd(Path.DirectorySeparatorChar);
        var manifestPath = Path.Combine(dir, PluginPackage.ManifestEntry);
        var signaturePath = Path.Combine(dir, PluginPackage.SignatureEntry);
        var hasManifest = File.Exists(manifestPath);
        var hasSignature = File.Exists(signaturePath);
        if (!hasManifest && !hasSignature) return Unpackaged(dir, problems);
        if (!hasManifest)
        {
            problems.Add(new Problem(Severity.Error, PackagingMessages.SigWithoutManifest, signaturePath));
            return null;
        }

        if (new FileInfo(manifestPath).Length > PackageLimits.Default.MaxManifestBytes)
        {
            problems.Add(new Problem(Severity.Error, MessageText.Format(PackagingMessages.InstalledManifestTooLarge, MessageText.Count(PackageLimits.Default.MaxManifestBytes)), manifestPath));
            return null;
        }
        var manifestBytes = File.ReadAllBytes(manifestPath);
        var (manifest, errors) = PackageManifest.Parse(manifestBytes);
        if (manifest is null)
        {
            foreach (var e in errors) problems.Add(new Problem(Severity.Error, MessageText.Format(PackagingMessages.InstalledManifestBad, e), manifestPath));
            return null;
        }
        var signature = SignatureCheck.Decide(manifestBytes, hasSignature ? File.ReadAllBytes(signaturePath) : null, () => _trust.Value, _allowUnsigned, out var refusal);
        if (signature is null)
        {
            problems.Add(new Problem(Severity.Error, refusal!, hasSignature ? signaturePath : dir));
            return null;
        }
        return FilesUnchanged(dir, manifest, problems) ? signature : null;
    }

    /// <summary>A folder not installed from a package: bundled with ntm, or unsigned.</summary>
    private PluginSignature? Unpackaged(string dir, ICollection<Problem> problems)
    {
        if (string.Equals(Path.GetDirectoryName(dir), _bundledRoot, StringComparison.Ordinal)) return PluginSignature.Bundled;
        // The reason is recorded with every result (and hashed into saved records), so it stays one text in every language.
        if (_allowUnsigned) return PluginSignature.UnsignedAllowed("unsigned: a plugin folder not installed from a signed package and not bundled with ntm");
        problems.Add(new Problem(Severity.Error, PackagingMessages.UnsignedFolder, dir));
        return null;
    }

    /// <summary>Every file listed, with its size and hash, and nothing else: what the signature vouched for is what will load.</summary>
    private static bool FilesUnchanged(string dir, PackageManifest manifest, ICollection<Problem> problems)
    {
        var before = problems.Count;
        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var full in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(dir, full).Replace(Path.DirectorySeparatorChar, '/');
            if (relative is PluginPackage.ManifestEntry or PluginPackage.SignatureEntry) continue;
            if (!listed.Remove(relative, out var file))
            {
                problems.Add(new Problem(Severity.Error, PackagingMessages.FileAdded, full));
                continue;
            }
            var info = new FileInfo(full);
            if (info.Length != file.Size || HashOf(full) != file.Sha256)
                problems.Add(new Problem(Severity.Error, PackagingMessages.FileChanged, full));
        }
        foreach (var missing in listed.Keys.Order(StringComparer.Ordinal))
            problems.Add(new Problem(Severity.Error, PackagingMessages.FileRemoved, Path.Combine(dir, missing)));
        return problems.Count == before;
    }

    private static string HashOf(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}

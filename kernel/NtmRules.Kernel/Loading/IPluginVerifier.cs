using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Decides, before the host reads a plugin folder's manifest or loads its assembly, whether the
/// folder may be loaded at all and records why (signed, bundled, allowed unsigned). The kernel
/// defines only this contract; signature checking lives outside it (NtmRules.Packaging), so the
/// kernel does not depend on a cryptography library.
/// </summary>
public interface IPluginVerifier
{
    /// <summary>
    /// Verifies <paramref name="pluginFolder"/> (absolute). Returns the status to record, or null
    /// when the folder is refused, after adding the reasons (errors) to <paramref name="problems"/>.
    /// </summary>
    PluginSignature? Verify(string pluginFolder, ICollection<Problem> problems);
}

/// <summary>Names of the files a package install leaves in a plugin folder; the host keeps them out of the content hash.</summary>
public static class PluginPackageFiles
{
    /// <summary>The package manifest: format, plugin id, version, each file's path, size and SHA-256.</summary>
    public const string Manifest = "package.json";

    /// <summary>The Ed25519 signature over the exact bytes of <see cref="Manifest"/>, with the signing key's id.</summary>
    public const string Signature = "package.sig";
}

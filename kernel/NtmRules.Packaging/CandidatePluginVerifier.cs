using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;

namespace NtmRules.Packaging;

/// <summary>
/// The load policy for a plugin folder being authored (<c>ntm plugin new</c>, <c>validate</c>,
/// <c>test</c>): the installed plugins it builds on are verified as on every load, and the candidate
/// itself is examined unsigned when it is data-only — no code of it runs, and a publisher must be
/// able to check a folder before signing it. A candidate with an assembly would run its code, so
/// it goes through the normal policy (signed, bundled, or <c>--allow-unsigned</c>).
/// </summary>
public sealed class CandidatePluginVerifier : IPluginVerifier
{
    private readonly IPluginVerifier _installed;
    private readonly string _candidate;

    /// <summary>Creates the policy for <paramref name="candidateFolder"/>, with <paramref name="installed"/> for every other folder.</summary>
    public CandidatePluginVerifier(IPluginVerifier installed, string candidateFolder)
    {
        _installed = installed;
        _candidate = Path.GetFullPath(candidateFolder).TrimEnd(Path.DirectorySeparatorChar);
    }

    /// <inheritdoc/>
    public PluginSignature? Verify(string pluginFolder, ICollection<Problem> problems)
    {
        var dir = Path.GetFullPath(pluginFolder).TrimEnd(Path.DirectorySeparatorChar);
        if (!string.Equals(dir, _candidate, StringComparison.Ordinal)) return _installed.Verify(pluginFolder, problems);
        var packaged = File.Exists(Path.Combine(dir, PluginPackage.ManifestEntry)) || File.Exists(Path.Combine(dir, PluginPackage.SignatureEntry));
        var hasCode = Directory.EnumerateFiles(dir, "*.dll", SearchOption.AllDirectories).Any();
        if (packaged || hasCode) return _installed.Verify(pluginFolder, problems);
        return PluginSignature.UnsignedAllowed("data-only folder examined before publishing (no plugin code runs)");
    }
}

using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading.Pipeline;

/// <summary>Stage 4: the plugin's <c>plugin.json</c>, read into its identity and the set files it ships.</summary>
internal static class ManifestStage
{
    /// <summary>Reads the manifest of <paramref name="candidate"/>; false, with the reasons, when it cannot be read at all.</summary>
    public static bool Read(PluginCandidate candidate)
    {
        var dir = candidate.Folder;
        string manifestPath;
        try
        {
            candidate.ManifestFile = candidate.EntryPoint!.ManifestFile;
            manifestPath = Path.GetFullPath(Path.Combine(dir, candidate.ManifestFile));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            candidate.Problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.ManifestFileFailed, e.Message), candidate.EntryFile));
            return false;
        }
        if (!manifestPath.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            candidate.Problems.Add(new Problem(Severity.Error, LoadingMessages.ManifestOutside, candidate.EntryFile));
            return false;
        }
        if (PluginManifest.Read(manifestPath, manifestPath, candidate.Problems) is not { } manifest) return false;
        // A manifest with errors refuses the plugin (its errors are in the report), but its sets are
        // still read and checked, so that one run lists every problem of the plugin. An unusable id
        // is left empty: the plugin then claims no id and prefixes no set id.
        candidate.Info = new PluginInfo(manifest.Id, manifest.Name, manifest.Version, manifest.Publisher, dir, ContentHash.Of(dir)) { Signature = candidate.Signature };
        candidate.Manifest = manifest;
        return true;
    }
}

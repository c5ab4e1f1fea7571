using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

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
            candidate.Problems.Add(new Problem(Severity.Error, $"the plugin's ManifestFile failed: {e.Message}", candidate.EntryFile));
            return false;
        }
        if (!manifestPath.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            candidate.Problems.Add(new Problem(Severity.Error, "the manifest must be inside the plugin folder", candidate.EntryFile));
            return false;
        }
        var token = JsonDocumentReader.Load(manifestPath, manifestPath, candidate.Problems);
        if (token is null) return false;
        var f = new JsonFields(manifestPath, candidate.Problems);
        if (f.Object(token, "plugin.json") is not { } o) return false;
        var id = f.String(o, "id");
        if (id is not null && !PluginId.IsValid(id))
        {
            f.Error(JsonFields.Get(o, "id"), $"plugin id \"{id}\" must be lowercase ASCII words separated by dots, e.g. vn.thanh-hoa.2022-2025");
            id = null;
        }
        var title = f.String(o, "name");
        var version = f.String(o, "version");
        var publisher = f.String(o, "publisher");
        var setFiles = ReadSetFiles(o, f);
        // A manifest with errors refuses the plugin (its errors are in the report), but its sets are
        // still read and checked, so that one run lists every problem of the plugin. An unusable id
        // is left empty: the plugin then claims no id and prefixes no set id.
        candidate.Info = new PluginInfo(id ?? "", title ?? "", version ?? "", publisher ?? "", dir, ContentHash.Of(dir)) { Signature = candidate.Signature };
        candidate.Manifest = new PluginManifest(candidate.Info.Id, candidate.Info.Name, candidate.Info.Version, candidate.Info.Publisher, setFiles);
        return true;
    }

    /// <summary>The manifest's <c>sets</c>: file paths, at least one.</summary>
    private static List<string> ReadSetFiles(JObject manifest, JsonFields f)
    {
        var setFiles = new List<string>();
        if (f.Array(manifest, "sets") is not { } arr) return setFiles;
        foreach (var s in arr)
        {
            if (s.Type == JTokenType.String) setFiles.Add((string)s!);
            else f.Error(s, "sets entries must be file paths (strings)");
        }
        if (arr.Count == 0) f.Error(arr, "a plugin ships at least one set");
        return setFiles;
    }
}

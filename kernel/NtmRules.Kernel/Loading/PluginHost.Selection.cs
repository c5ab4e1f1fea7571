using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading.Pipeline;

namespace NtmRules.Kernel.Loading;

public sealed partial class PluginHost
{
    /// <summary>
    /// Loads what evaluating the set <paramref name="setId"/> needs: the plugin folders that provide it
    /// and, transitively, the bases of their sets — with the same checks, signature policy and
    /// messages as <see cref="Load(string, IEnumerable{IPluginCheck}?, IPluginVerifier?)"/> — and
    /// compiles only that set and its bases. A command that judges one commune then reads, verifies
    /// and loads one or two plugins, not all of them, and compiles one chain of sets (compiling is
    /// most of a cold start). The other sets of those plugins are read and checked by the reader but
    /// not compiled, and the host offers only <paramref name="setId"/> and its bases.
    /// </summary>
    /// <remarks>
    /// Whenever the narrow load is not clean — the set is unknown, a plugin it needs is refused or
    /// a folder cannot be told apart without loading it — every plugin is loaded
    /// instead, so that every refusal and every message is exactly what a full load gives. Plugins
    /// the set does not depend on are neither loaded nor reported, and a rule that would fail to
    /// compile in a set not compiled here is found by <c>ntm plugins</c>, <c>ntm plugin validate</c>
    /// and <c>ntm serve</c>, which load everything.
    /// </remarks>
    /// <param name="folder">The folder of plugin folders.</param>
    /// <param name="setId">The set to be evaluated.</param>
    /// <param name="checks">Extra checks, as for <see cref="Load(string, IEnumerable{IPluginCheck}?, IPluginVerifier?)"/>.</param>
    /// <param name="verifier">Signature policy, as for <see cref="Load(string, IEnumerable{IPluginCheck}?, IPluginVerifier?)"/>.</param>
    /// <exception cref="PluginException">The folder itself does not exist.</exception>
    public static PluginHost LoadFor(string folder, string setId, IEnumerable<IPluginCheck>? checks = null, IPluginVerifier? verifier = null)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) return Load(folder, checks, verifier); // says that the folder is missing
        var all = PluginDirectories(root).Select(d => Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar)).ToArray();
        var checkList = checks?.ToArray();
        var peeked = all.Select(PeekSets).ToArray();
        if (FoldersNeededBy(peeked, setId) is { } needed && needed.Count < all.Length)
        {
            var otherKeys = peeked.Where(p => !needed.Contains(p.Folder)).SelectMany(p => p.Sets ?? []).SelectMany(s => s.MeasureKeys).ToHashSet(StringComparer.Ordinal);
            var narrow = LoadingPipeline.Run(root, needed, checkList, verifier, onlySet: setId, otherMeasureKeys: otherKeys);
            if (narrow._sets.ContainsKey(setId) && narrow.Reports.All(r => r.Loaded)) return narrow;
        }
        return LoadingPipeline.Run(root, all, checkList, verifier);
    }

    /// <summary>
    /// The folders providing <paramref name="setId"/>, the sets it extends, the sets their other
    /// sets extend, and every folder claiming one of their plugin ids (a clash refuses all claimants);
    /// plus any folder whose <c>plugin.json</c> cannot be read without loading it. Null when no
    /// folder declares the set (a full load then explains why).
    /// </summary>
    private static IReadOnlyList<string>? FoldersNeededBy(IReadOnlyList<PeekedFolder> peeked, string setId)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var wanted = new Queue<string>([setId]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = false;
        while (wanted.TryDequeue(out var id))
        {
            if (!seen.Add(id)) continue;
            foreach (var p in peeked)
            {
                if (p.Sets is null || !p.Sets.Any(s => s.Id == id)) continue;
                found |= id == setId;
                if (!needed.Add(p.Folder)) continue;
                foreach (var s in p.Sets) if (s.Base is { } b) wanted.Enqueue(b);
            }
        }
        if (!found) return null;
        var ids = peeked.Where(p => needed.Contains(p.Folder) && p.Id is not null).Select(p => p.Id!).ToHashSet(StringComparer.Ordinal);
        foreach (var p in peeked)
        {
            if (p.Sets is null || (p.Id is not null && ids.Contains(p.Id))) needed.Add(p.Folder);
        }
        return peeked.Select(p => p.Folder).Where(needed.Contains).ToArray();
    }

    /// <summary>What a folder's files say without loading it: its plugin id and its sets (null when unreadable).</summary>
    private sealed record PeekedFolder(string Folder, string? Id, PeekedSet[]? Sets);

    /// <summary>A set file's id, the set it extends, and the measure keys it declares.</summary>
    private sealed record PeekedSet(string? Id, string? Base, IReadOnlyList<string> MeasureKeys);

    /// <summary>A folder's plugin id and, for each set file its <c>plugin.json</c> lists, the set's id and base; null sets when unreadable.</summary>
    private static PeekedFolder PeekSets(string dir)
    {
        try
        {
            if (PluginManifest.Peek(dir) is not { } manifest) return new(dir, null, null);
            var sets = manifest.SetFiles
                .Select(f => Path.GetFullPath(Path.Combine(dir, f)))
                .Where(File.Exists)
                .Select(PeekSet)
                .ToArray();
            return new(dir, manifest.Id.Length > 0 ? manifest.Id : null, sets);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or IOException or UnauthorizedAccessException or InvalidCastException or FormatException or ArgumentException)
        {
            return new(dir, null, null);
        }
    }

    private static PeekedSet PeekSet(string path)
    {
        var root = JObject.Parse(File.ReadAllText(path));
        string? Text(JToken? t) => t?.Type == JTokenType.String ? (string)t! : null;
        var keys = root["measures"] is JArray measures ? measures.OfType<JObject>().Select(m => Text(m["key"])).OfType<string>().ToArray() : [];
        return new PeekedSet(Text(root["id"]), Text((root["extends"] as JObject)?["set"]), keys);
    }
}

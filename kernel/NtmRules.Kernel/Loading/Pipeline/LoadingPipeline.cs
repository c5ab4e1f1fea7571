using NtmRules.Kernel.Evaluation;

namespace NtmRules.Kernel.Loading.Pipeline;

/// <summary>
/// Loading as named stages, each passing the same <see cref="PluginCandidate"/> per folder:
/// discover → verify signature → open entry point → read manifest → check claims (id clashes, extra
/// checks, set files) → resolve inheritance (read sets, bases first) → compile → propagate refusals.
/// See <c>docs/architecture-loading.md</c>.
/// </summary>
internal static class LoadingPipeline
{
    /// <summary>Runs every stage over <paramref name="pluginDirs"/> and returns the host.</summary>
    /// <param name="root">The folder searched (messages name set files relative to it).</param>
    /// <param name="pluginDirs">The plugin folders to load.</param>
    /// <param name="checks">Extra checks.</param>
    /// <param name="verifier">Signature policy.</param>
    /// <param name="onlySet">When given, only this set and its bases are compiled (<see cref="PluginHost.LoadFor"/>); every set is still read and checked by the reader.</param>
    /// <param name="otherMeasureKeys">With <paramref name="onlySet"/>: the measure keys of the sets in folders not loaded, which data may
    /// carry without being warned that they are unknown (as when every set is loaded).</param>
    public static PluginHost Run(string root, IEnumerable<string> pluginDirs, IEnumerable<IPluginCheck>? checks, IPluginVerifier? verifier,
        string? onlySet = null, IReadOnlySet<string>? otherMeasureKeys = null)
    {
        var candidates = Discover(pluginDirs);
        // A folder refused by its signature, its entry point or its manifest goes no further.
        var admitted = candidates.Where(c => SignatureStage.Verify(c, verifier) && EntryPointStage.Open(c) && ManifestStage.Read(c)).ToArray();
        foreach (var plugin in admitted) EntryPointStage.TakeFunctions(plugin);
        // The engine's settings need every plugin's function classes before any rule compiles.
        var settings = Evaluator.CreateSettings(admitted.SelectMany(p => p.FunctionTypes).ToArray());
        var setFiles = ClaimStage.Run(admitted, root, checks?.ToArray() ?? []);
        InheritanceStage.ReadSets(setFiles, root);
        CompileStage.Run(admitted, settings, onlySet);
        RefusalStage.Propagate(admitted);

        var loaded = admitted.Where(p => p.Loaded).ToArray();
        var sets = new Dictionary<string, CompiledCriteriaSet>(StringComparer.Ordinal);
        foreach (var compiled in loaded.SelectMany(p => p.Compiled)) sets[compiled.Set.Id] = compiled;
        // Sets read but not compiled still make their measures known, as a full load would.
        var knownKeys = onlySet is null ? null
            : loaded.SelectMany(p => p.Sets).SelectMany(s => s.Measures).Select(m => m.Key).Concat(otherMeasureKeys ?? new HashSet<string>());
        var evaluator = new Evaluator(settings, sets.Values.OrderBy(s => s.Set.Id, StringComparer.Ordinal), knownKeys);
        return new PluginHost(root, candidates.Select(c => c.Report()).ToArray(), sets, evaluator);
    }

    /// <summary>Stage 1: one candidate per folder, by absolute path in ordinal order (the order of every report and message).</summary>
    private static PluginCandidate[] Discover(IEnumerable<string> pluginDirs) =>
        pluginDirs.Select(d => Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar)).OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => new PluginCandidate(d)).ToArray();
}

using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Loading.Pipeline;

/// <summary>
/// Stage 6: every set file read, a base before the sets that extend it (possibly in another
/// plugin), so that an extending set is resolved against its base into a flat set. A set whose
/// base never becomes available is refused by the reader, saying why (missing, refused, a cycle).
/// </summary>
internal sealed class InheritanceStage
{
    private readonly string _root;
    private readonly IReadOnlyList<SetFile> _files;
    private readonly List<SetFile> _pending;
    private readonly Dictionary<string, SetSource> _read = new(StringComparer.Ordinal);

    private InheritanceStage(string root, IReadOnlyList<SetFile> files)
    {
        _root = root;
        _files = files;
        _pending = files.ToList();
    }

    /// <summary>Reads <paramref name="files"/> into their plugins' <see cref="PluginCandidate.Sets"/> (or partial sets), adding the reader's problems.</summary>
    public static void ReadSets(IReadOnlyList<SetFile> files, string root) => new InheritanceStage(root, files).Run();

    private void Run()
    {
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var file in _pending.ToArray())
            {
                if (file.Base is not null && !_read.ContainsKey(file.Base)) continue;
                _pending.Remove(file);
                ReadOne(file);
                progress = true;
            }
        }
        foreach (var file in _pending) ReadOne(file); // bases missing, refused or in a cycle: the reader reports it
    }

    private void ReadOne(SetFile file)
    {
        var plugin = file.Plugin;
        var set = CriteriaSetReader.Read(file.Path, plugin.Info!, plugin.Problems, FindBase, WhyMissing, plugin.PartialSets);
        if (set is null) return;
        plugin.Sets.Add(set);
        // A refused claimant of a clashing id is not offered as a base to other sets.
        if (!plugin.ClaimsClashingId && _files.Count(x => x.Id == set.Id) == 1)
            _read[set.Id] = set;
    }

    private SetSource? FindBase(string id) => _read.GetValueOrDefault(id);

    /// <summary>Why the base set <paramref name="id"/> is not available, for the reader's message.</summary>
    private string WhyMissing(string id)
    {
        var providers = _files.Where(f => f.Id == id).ToArray();
        if (providers.Length == 0)
            return MessageText.Format(LoadingMessages.NoInstalledProvider, string.Join(", ", _files.Select(f => f.Id).OfType<string>().Distinct().Order(StringComparer.Ordinal)));
        if (providers.Length > 1 || providers.Any(p => p.Plugin.ClaimsClashingId))
            return LoadingMessages.SeveralProviders;
        var provider = providers[0];
        if (!_pending.Contains(provider))
            return MessageText.Format(LoadingMessages.BaseHasErrors, Path.GetRelativePath(_root, provider.Path), provider.Plugin.Info!.Id);
        // Its own base never became available: either a cycle, or a missing base further down.
        var chain = new List<string> { id };
        var next = provider.Base;
        while (next is not null && !chain.Contains(next))
        {
            chain.Add(next);
            next = _files.FirstOrDefault(f => f.Id == next)?.Base;
        }
        return next is not null
            ? MessageText.Format(LoadingMessages.BaseCycle, string.Join(" → ", chain), next)
            : MessageText.Format(LoadingMessages.BaseChainBroken, string.Join(" → ", chain));
    }
}

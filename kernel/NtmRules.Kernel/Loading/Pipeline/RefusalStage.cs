using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading.Pipeline;

/// <summary>
/// Stage 8: which plugins load. A plugin with an error is refused; and a set resolved against a
/// base whose plugin is refused cannot stand either — the flat set would carry rules and figures
/// the host refused to load — so its plugin is refused too, repeating until nothing changes.
/// </summary>
internal static class RefusalStage
{
    /// <summary>Decides <see cref="PluginCandidate.Loaded"/> for every plugin whose manifest was read.</summary>
    public static void Propagate(IReadOnlyList<PluginCandidate> plugins)
    {
        foreach (var plugin in plugins) plugin.Loaded = !plugin.HasErrors;
        var told = new HashSet<(PluginCandidate, string)>();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var plugin in plugins)
            {
                foreach (var set in plugin.Sets)
                {
                    foreach (var b in set.Bases)
                    {
                        var owner = plugins.FirstOrDefault(p => p.Folder == b.Plugin.Folder);
                        if (owner is null || owner == plugin || owner.Loaded || !told.Add((plugin, b.SetId))) continue;
                        // Said even when the set failed on its own: its inherited rules are the base's broken ones.
                        plugin.Problems.Insert(0, new Problem(Severity.Error,
                            MessageText.Format(LoadingMessages.BaseRefused, set.Id, b.SetId, b.Plugin.Id, Path.GetFileName(b.Plugin.Folder)), set.DefinitionFile));
                        changed |= plugin.Loaded;
                        plugin.Loaded = false;
                    }
                }
            }
        }
    }
}

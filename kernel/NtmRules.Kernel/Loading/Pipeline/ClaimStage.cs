using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading.Pipeline;

/// <summary>
/// Stage 5: what each plugin claims — its plugin id, the set files it lists and the set ids they
/// declare — checked against the others, and the host's extra checks run. Two plugins with one id,
/// or two set files with one set id: the host refuses every claimant rather than pick one by folder
/// order, because which text judged a commune must not depend on how folders happen to be named.
/// The message names each claimant so the user can remove one.
/// </summary>
internal static class ClaimStage
{
    /// <summary>Runs the stage over every plugin whose manifest was read; returns their set files, in plugin then manifest order.</summary>
    public static IReadOnlyList<SetFile> Run(IReadOnlyList<PluginCandidate> plugins, string root, IReadOnlyList<IPluginCheck> checks)
    {
        RefuseClashingPluginIds(plugins);
        foreach (var plugin in plugins)
        {
            RunChecks(plugin, checks);
            ListSetFiles(plugin);
        }
        var setFiles = plugins.SelectMany(p => p.SetFiles).ToArray();
        RefuseClashingSetIds(setFiles, root);
        return setFiles;
    }

    private static void RefuseClashingPluginIds(IReadOnlyList<PluginCandidate> plugins)
    {
        foreach (var clash in plugins.Where(p => p.Info!.Id.Length > 0).GroupBy(p => p.Info!.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var who = string.Join(", ", clash.Select(c => MessageText.Format(LoadingMessages.FolderVersion, Path.GetFileName(c.Folder), c.Info!.Version)));
            foreach (var c in clash)
            {
                c.ClaimsClashingId = true;
                c.Problems.Add(new Problem(Severity.Error,
                    MessageText.Format(LoadingMessages.PluginIdClash, clash.Key, clash.Count(), who),
                    Path.Combine(c.Folder, c.ManifestFile)));
            }
        }
    }

    private static void RunChecks(PluginCandidate plugin, IReadOnlyList<IPluginCheck> checks)
    {
        foreach (var check in checks)
        {
            try
            {
                plugin.Problems.AddRange(check.Check(plugin.Info!));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                plugin.Problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.CheckFailed, check.GetType().Name, e.Message), plugin.Folder));
            }
        }
    }

    /// <summary>The manifest's set files that are inside the folder, each peeked for its id and base; the others are errors.</summary>
    private static void ListSetFiles(PluginCandidate plugin)
    {
        foreach (var rel in plugin.Manifest!.SetFiles)
        {
            var path = Path.GetFullPath(Path.Combine(plugin.Folder, rel));
            if (!path.StartsWith(plugin.Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                plugin.Problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.SetFileOutside, rel), Path.Combine(plugin.Folder, plugin.ManifestFile)));
                continue;
            }
            var (id, baseId) = SetInheritance.Peek(path);
            plugin.SetFiles.Add(new SetFile(plugin, path, id, baseId));
        }
    }

    private static void RefuseClashingSetIds(IReadOnlyList<SetFile> setFiles, string root)
    {
        foreach (var clash in setFiles.Where(s => s.Id is not null).GroupBy(s => s.Id!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // The same plugin installed twice is already explained by its plugin id; say it once.
            if (clash.Select(c => c.Plugin.Info!.Id).Distinct(StringComparer.Ordinal).Count() == 1 && clash.All(c => c.Plugin.ClaimsClashingId)) continue;
            var who = string.Join(", ", clash.Select(c => $"{c.Plugin.Info!.Id} {c.Plugin.Info!.Version} ({Path.GetRelativePath(root, c.Path)})"));
            foreach (var c in clash)
                c.Plugin.Problems.Add(new Problem(Severity.Error,
                    MessageText.Format(LoadingMessages.SetIdClash, clash.Key, clash.Count(), who), c.Path));
        }
    }
}

using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using RulesEngine.Models;

namespace NtmRules.Kernel.Loading.Pipeline;

/// <summary>
/// Stage 7: the sets read compiled. Sets compile independently, so on all processors (compiling
/// is most of a cold start); results and problems are then taken in plugin and set order, as if
/// compiled one by one. A partial set (of a set file with errors) is compiled only for the
/// problems of its rules, and never offered.
/// </summary>
internal static class CompileStage
{
    /// <summary>One set to compile, and how it went.</summary>
    private sealed class Job(PluginCandidate plugin, SetSource set, bool partial)
    {
        public PluginCandidate Plugin { get; } = plugin;

        public CompiledCriteriaSet? Compiled { get; private set; }

        public IReadOnlyList<Problem> Problems { get; private set; } = [];

        public void Run(ReSettings settings)
        {
            try
            {
                var compiled = CompiledCriteriaSet.Compile(set, settings, Plugin.Functions);
                if (!partial) Compiled = compiled;
            }
            catch (PluginException e)
            {
                Problems = e.Problems;
            }
            catch (Exception) when (partial)
            {
                // a best-effort check of a set already refused: its own errors say why
            }
        }
    }

    /// <summary>Compiles every set of <paramref name="plugins"/> (with <paramref name="onlySet"/>, only it and its bases) into <see cref="PluginCandidate.Compiled"/>.</summary>
    public static void Run(IReadOnlyList<PluginCandidate> plugins, ReSettings settings, string? onlySet)
    {
        var compiledIds = onlySet is null ? null : CompiledFor(onlySet, plugins.SelectMany(p => p.Sets));
        var jobs = plugins.SelectMany(p => p.Sets.Where(set => compiledIds?.Contains(set.Id) ?? true).Select(set => new Job(p, set, false))
            .Concat(p.PartialSets.Select(set => new Job(p, set, true)))).ToArray();
        // One job (a cold `ntm evaluate` of a set without bases) runs here: starting the parallel loop (its
        // library, its event source, a worker thread) would cost more than it could save.
        if (jobs.Length == 1) jobs[0].Run(settings);
        else Parallel.ForEach(jobs, job => job.Run(settings));
        foreach (var job in jobs)
        {
            if (job.Compiled is { } compiled) job.Plugin.Compiled.Add(compiled);
            else job.Plugin.Problems.AddRange(job.Problems);
        }
    }

    /// <summary>The ids of <paramref name="setId"/> and of the sets it extends, when it was read.</summary>
    private static HashSet<string> CompiledFor(string setId, IEnumerable<CriteriaSet> read)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { setId };
        foreach (var set in read.Where(s => s.Id == setId)) ids.UnionWith(set.Bases.Select(b => b.SetId));
        return ids;
    }
}

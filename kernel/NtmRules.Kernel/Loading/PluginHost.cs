using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading.Pipeline;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>How one plugin folder fared at load.</summary>
/// <param name="Folder">Absolute path of the folder.</param>
/// <param name="Plugin">Identity, when the manifest could be read.</param>
/// <param name="Loaded">Whether its sets are available.</param>
/// <param name="Problems">Why it was refused, and warnings.</param>
/// <param name="SetIds">Ids of the sets it provides, when loaded.</param>
public sealed record PluginLoadReport(string Folder, PluginInfo? Plugin, bool Loaded, IReadOnlyList<Problem> Problems, IReadOnlyList<string> SetIds)
{
    /// <summary>True for a plugin folder without an assembly (data only: no plugin code was loaded or run).</summary>
    public bool DataOnly { get; init; }
}

/// <summary>
/// Discovers criteria-set plugins in a folder (one sub-folder per plugin: data-only, or with its
/// assembly <c>Name/Name.dll</c> loaded in its own load context sharing only <c>NtmRules.Contracts</c>),
/// reads and compiles their sets, and refuses — with reasons — any plugin that fails a check, while
/// the others load. The stages are in <see cref="LoadingPipeline"/>.
/// </summary>
public sealed partial class PluginHost
{
    private readonly Dictionary<string, CompiledCriteriaSet> _sets;

    internal PluginHost(string folder, IReadOnlyList<PluginLoadReport> reports, Dictionary<string, CompiledCriteriaSet> sets, Evaluator evaluator)
    {
        Folder = folder;
        Reports = reports;
        _sets = sets;
        Evaluator = evaluator;
    }

    /// <summary>The folder searched.</summary>
    public string Folder { get; }

    /// <summary>One report per plugin folder, loaded or not, ordered by folder name.</summary>
    public IReadOnlyList<PluginLoadReport> Reports { get; }

    /// <summary>All loaded sets, ordered by id.</summary>
    public IReadOnlyList<CompiledCriteriaSet> Sets => _sets.Values.OrderBy(s => s.Set.Id, StringComparer.Ordinal).ToArray();

    /// <summary>The shared evaluator, with every loaded set registered.</summary>
    public Evaluator Evaluator { get; }

    /// <summary>
    /// The set with <paramref name="id"/>. An unknown id is an input error listing the known ones,
    /// unless a plugin was refused at load: then the set may be in it, and it is a plugin problem.
    /// </summary>
    public CompiledCriteriaSet GetSet(string id)
    {
        if (_sets.TryGetValue(id, out var s)) return s;
        var known = _sets.Keys.Order(StringComparer.Ordinal).ToArray();
        var refused = Reports.Where(r => !r.Loaded).ToArray();
        var message = MessageText.Format(LoadingMessages.UnknownSet, id, (known.Length == 0 ? LoadingMessages.NoSets : string.Join(", ", known)));
        if (refused.Length == 0) throw new InputException(new Problem(Severity.Error, message, Field: "--set"));
        var problems = new List<Problem>
        {
            new(Severity.Error, message + MessageText.Format(LoadingMessages.MaybeRefused, string.Join(", ", refused.Select(r => Path.GetFileName(r.Folder)))), Field: "--set"),
        };
        problems.AddRange(refused.SelectMany(r => r.Problems.Where(p => p.Severity == Severity.Error)));
        throw new PluginException(problems);
    }

    /// <summary>
    /// Loads every plugin under <paramref name="folder"/>, running <paramref name="checks"/> on each.
    /// When <paramref name="verifier"/> is given, it decides first, for each folder, whether the folder
    /// may be loaded at all (before its assembly runs any code) and what signature status to record;
    /// without one, every plugin's status is <see cref="PluginSignatureStatus.NotChecked"/>.
    /// </summary>
    /// <exception cref="PluginException">The folder itself does not exist.</exception>
    public static PluginHost Load(string folder, IEnumerable<IPluginCheck>? checks = null, IPluginVerifier? verifier = null)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
            throw new PluginException(new Problem(Severity.Error, LoadingMessages.PluginRootMissing, root));
        return LoadingPipeline.Run(root, PluginDirectories(root), checks, verifier);
    }

    /// <summary>
    /// Loads one plugin folder that is not (or not yet) installed — to validate or test it before
    /// publishing — with the plugins installed under <paramref name="installedRoot"/> available as
    /// the bases its sets extend. An installed plugin with the candidate's id is left out, so the
    /// candidate stands in for the version installed. The candidate's report is <see cref="Candidate"/>.
    /// </summary>
    /// <param name="pluginDir">The candidate plugin folder (built, or data-only).</param>
    /// <param name="installedRoot">Folder of installed plugin folders; null or missing for none.</param>
    /// <param name="checks">Extra checks, as for <see cref="Load(string, IEnumerable{IPluginCheck}?, IPluginVerifier?)"/>.</param>
    /// <param name="verifier">Signature policy for every folder, candidate included, as for <see cref="Load(string, IEnumerable{IPluginCheck}?, IPluginVerifier?)"/>.</param>
    /// <exception cref="PluginException">The candidate folder does not exist.</exception>
    public static PluginHost LoadCandidate(string pluginDir, string? installedRoot, IEnumerable<IPluginCheck>? checks = null, IPluginVerifier? verifier = null)
    {
        var candidate = Path.GetFullPath(pluginDir).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(candidate))
            throw new PluginException(new Problem(Severity.Error, LoadingMessages.PluginFolderMissing, candidate));
        var candidateId = PluginManifest.PeekId(candidate);
        var dirs = new List<string> { candidate };
        if (installedRoot is not null && Directory.Exists(installedRoot))
        {
            foreach (var dir in PluginDirectories(Path.GetFullPath(installedRoot)))
            {
                if (string.Equals(Path.GetFullPath(dir), candidate, StringComparison.Ordinal)) continue;
                if (candidateId is not null && PluginManifest.PeekId(dir) == candidateId) continue;
                dirs.Add(dir);
            }
        }
        var host = LoadingPipeline.Run(Path.GetDirectoryName(candidate)!, dirs, checks, verifier);
        host.Candidate = host.Reports.Single(r => r.Folder == candidate);
        return host;
    }

    /// <summary>
    /// The plugin folders under <paramref name="root"/>. Hidden folders (name starting with a dot)
    /// are not plugins: an install unpacks into one and renames it only when complete.
    /// </summary>
    private static IEnumerable<string> PluginDirectories(string root) =>
        Directory.GetDirectories(root).Where(d => !Path.GetFileName(d).StartsWith('.'));

    /// <summary>For a host made by <see cref="LoadCandidate"/>, the candidate plugin's report; otherwise null.</summary>
    public PluginLoadReport? Candidate { get; private set; }
}

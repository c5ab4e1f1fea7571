using System.Reflection;
using McMaster.NETCore.Plugins;
using Newtonsoft.Json.Linq;
using NtmRules.Contracts;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;

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

/// <summary>The entry point the host uses for a data-only plugin folder: the manifest at its usual place, no functions.</summary>
internal sealed class DataOnlyPlugin : ICriteriaPlugin
{
    /// <summary>The manifest file a data-only plugin must have.</summary>
    public const string Manifest = "plugin.json";

    public static readonly DataOnlyPlugin Instance = new();

    public string BuiltAgainstContracts => ContractsInfo.Version;

    public string ManifestFile => Manifest;

    public IReadOnlyList<Type> ExpressionFunctions => [];
}

/// <summary>
/// Discovers criteria-set plugins in a folder (one sub-folder per plugin, <c>Name/Name.dll</c>),
/// loads each in its own load context sharing only <c>NtmRules.Contracts</c>, reads and compiles
/// its sets, and refuses — with reasons — any plugin that fails a check, while the others load.
/// </summary>
public sealed partial class PluginHost
{
    private readonly Dictionary<string, CompiledCriteriaSet> _sets;

    private PluginHost(string folder, IReadOnlyList<PluginLoadReport> reports, Dictionary<string, CompiledCriteriaSet> sets, Evaluator evaluator)
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
        var message = $"unknown criteria set \"{id}\". Known sets: {(known.Length == 0 ? "none" : string.Join(", ", known))}";
        if (refused.Length == 0) throw new InputException(new Problem(Severity.Error, message, Field: "--set"));
        var problems = new List<Problem>
        {
            new(Severity.Error, message + $". It may be in a plugin refused at load: {string.Join(", ", refused.Select(r => Path.GetFileName(r.Folder)))}", Field: "--set"),
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
            throw new PluginException(new Problem(Severity.Error, "plugin folder does not exist (build the solution, or pass --plugins DIR / set NTM_PLUGINS)", root));
        return Load(root, PluginDirectories(root), checks, verifier);
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
            throw new PluginException(new Problem(Severity.Error, "plugin folder does not exist", candidate));
        var candidateId = PeekPluginId(candidate);
        var dirs = new List<string> { candidate };
        if (installedRoot is not null && Directory.Exists(installedRoot))
        {
            foreach (var dir in PluginDirectories(Path.GetFullPath(installedRoot)))
            {
                if (string.Equals(Path.GetFullPath(dir), candidate, StringComparison.Ordinal)) continue;
                if (candidateId is not null && PeekPluginId(dir) == candidateId) continue;
                dirs.Add(dir);
            }
        }
        var host = Load(Path.GetDirectoryName(candidate)!, dirs, checks, verifier);
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

    /// <summary>The id in a folder's <c>plugin.json</c>, without reporting anything; null when unreadable.</summary>
    private static string? PeekPluginId(string dir)
    {
        try
        {
            var path = Path.Combine(dir, DataOnlyPlugin.Manifest);
            return File.Exists(path) ? JObject.Parse(File.ReadAllText(path))["id"]?.Value<string>() : null;
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or IOException or UnauthorizedAccessException or InvalidCastException or FormatException)
        {
            return null;
        }
    }

    /// <param name="root">The folder searched.</param>
    /// <param name="pluginDirs">The plugin folders to load.</param>
    /// <param name="checks">Extra checks.</param>
    /// <param name="verifier">Signature policy.</param>
    /// <param name="onlySet">When given, only this set and its bases are compiled (<see cref="LoadFor"/>); every set is still read and checked by the reader.</param>
    /// <param name="otherMeasureKeys">With <paramref name="onlySet"/>: the measure keys of the sets in folders not loaded, which data may
    /// carry without being warned that they are unknown (as when every set is loaded).</param>
    private static PluginHost Load(string root, IEnumerable<string> pluginDirs, IEnumerable<IPluginCheck>? checks, IPluginVerifier? verifier, string? onlySet = null,
        IReadOnlySet<string>? otherMeasureKeys = null)
    {
        var extraChecks = checks?.ToArray() ?? [];
        var candidates = pluginDirs.Select(d => Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar)).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        var staged = new List<(string Dir, PluginInfo Info, PluginManifest Manifest, ICriteriaPlugin Plugin, List<Problem> Problems)>();
        var reports = new List<PluginLoadReport>();
        foreach (var dir in candidates)
        {
            var problems = new List<Problem>();
            var loaded = TryLoadEntryPoint(dir, problems, verifier);
            if (loaded is null)
            {
                reports.Add(new PluginLoadReport(dir, null, false, problems, []));
                continue;
            }
            staged.Add((dir, loaded.Value.Info, loaded.Value.Manifest, loaded.Value.Plugin, problems));
        }

        // The engine's settings need every plugin's function classes before any rule compiles.
        var functionTypes = staged.SelectMany(s => SafeFunctions(s.Plugin, s.Problems, s.Dir)).ToArray();
        var settings = Evaluator.CreateSettings(functionTypes);
        var sets = new Dictionary<string, CompiledCriteriaSet>(StringComparer.Ordinal);

        // Two plugins with one id, or two set files with one set id: the host refuses every claimant
        // rather than pick one by folder order, because which text judged a commune must not depend
        // on how folders happen to be named. The message names each claimant so the user can remove one.
        var clashingPlugin = new bool[staged.Count];
        foreach (var clash in staged.Where(s => s.Info.Id.Length > 0).GroupBy(s => s.Info.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var c in clash) clashingPlugin[staged.IndexOf(c)] = true;
            var who = string.Join(", ", clash.Select(c => $"{Path.GetFileName(c.Dir)} (version {c.Info.Version})"));
            foreach (var c in clash)
                c.Problems.Add(new Problem(Severity.Error, $"plugin id \"{clash.Key}\" is claimed by {clash.Count()} plugin folders: {who}. The host refuses all of them rather than choose by folder name; keep only one", Path.Combine(c.Dir, c.Plugin.ManifestFile)));
        }
        var setFiles = new List<(int Plugin, string Path, string? Id, string? Base)>();
        for (var n = 0; n < staged.Count; n++)
        {
            var (dir, info, manifest, plugin, problems) = staged[n];
            foreach (var check in extraChecks)
            {
                try
                {
                    problems.AddRange(check.Check(info));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    problems.Add(new Problem(Severity.Error, $"{check.GetType().Name} failed: {e.Message}", dir));
                }
            }
            foreach (var rel in manifest.SetFiles)
            {
                var path = Path.GetFullPath(Path.Combine(dir, rel));
                if (!path.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
                {
                    problems.Add(new Problem(Severity.Error, $"set file \"{rel}\" is not in the plugin folder", Path.Combine(dir, plugin.ManifestFile)));
                    continue;
                }
                var (id, baseId) = SetInheritance.Peek(path);
                setFiles.Add((n, path, id, baseId));
            }
        }
        foreach (var clash in setFiles.Where(s => s.Id is not null).GroupBy(s => s.Id!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // The same plugin installed twice is already explained by its plugin id; say it once.
            if (clash.Select(c => staged[c.Plugin].Info.Id).Distinct(StringComparer.Ordinal).Count() == 1 && clash.All(c => clashingPlugin[c.Plugin])) continue;
            var who = string.Join(", ", clash.Select(c => $"{staged[c.Plugin].Info.Id} {staged[c.Plugin].Info.Version} ({Path.GetRelativePath(root, c.Path)})"));
            foreach (var c in clash)
                staged[c.Plugin].Problems.Add(new Problem(Severity.Error, $"set id \"{clash.Key}\" is provided {clash.Count()} times: {who}. The host refuses every plugin that provides it rather than choose one", c.Path));
        }

        // Read sets so that a base is read before the sets that extend it (possibly in another
        // plugin); a set whose base never becomes available is refused by the reader, saying so.
        var read = new Dictionary<string, CriteriaSet>(StringComparer.Ordinal);
        var setsOfPlugin = staged.Select(_ => new List<CriteriaSet>()).ToArray();
        // What read cleanly of a broken set file: compiled only to report its rules' problems too, never registered.
        var partialOfPlugin = staged.Select(_ => new List<CriteriaSet>()).ToArray();
        var pending = setFiles.ToList();
        CriteriaSet? FindBase(string id) => read.GetValueOrDefault(id);
        string WhyMissing(string id)
        {
            var providers = setFiles.Where(f => f.Id == id).ToArray();
            if (providers.Length == 0)
                return $"no installed plugin provides it (sets found: {string.Join(", ", setFiles.Select(f => f.Id).OfType<string>().Distinct().Order(StringComparer.Ordinal))})";
            if (providers.Length > 1 || providers.Any(p => clashingPlugin[p.Plugin]))
                return "more than one plugin folder claims it, and the host refused them all (see their errors)";
            var provider = providers[0];
            if (!pending.Contains(provider))
                return $"it has errors in {Path.GetRelativePath(root, provider.Path)} (plugin {staged[provider.Plugin].Info.Id})";
            // Its own base never became available: either a cycle, or a missing base further down.
            var chain = new List<string> { id };
            var next = provider.Base;
            while (next is not null && !chain.Contains(next))
            {
                chain.Add(next);
                next = setFiles.FirstOrDefault(f => f.Id == next).Base;
            }
            return next is not null
                ? $"the sets extend each other in a cycle: {string.Join(" → ", chain)} → {next}"
                : $"its chain of bases {string.Join(" → ", chain)} ends in a set no loaded plugin provides";
        }
        void ReadOne((int Plugin, string Path, string? Id, string? Base) file)
        {
            var s = staged[file.Plugin];
            var set = CriteriaSetReader.Read(file.Path, s.Info, s.Problems, FindBase, WhyMissing, partialOfPlugin[file.Plugin]);
            if (set is null) return;
            setsOfPlugin[file.Plugin].Add(set);
            // A refused claimant of a clashing id is not offered as a base to other sets.
            if (!clashingPlugin[file.Plugin] && setFiles.Count(x => x.Id == set.Id) == 1)
                read[set.Id] = set;
        }
        for (var progress = true; progress;)
        {
            progress = false;
            foreach (var file in pending.ToArray())
            {
                if (file.Base is not null && !read.ContainsKey(file.Base)) continue;
                pending.Remove(file);
                ReadOne(file);
                progress = true;
            }
        }
        foreach (var file in pending) ReadOne(file); // bases missing, refused or in a cycle: the reader reports it

        // Sets compile independently, so on all processors (compiling is most of a cold start);
        // results and problems are then taken in plugin and set order, as if compiled one by one.
        var compiledOf = staged.Select(_ => new List<CompiledCriteriaSet>()).ToArray();
        var functionsOf = staged.Select(st => FunctionMap(SafeFunctions(st.Plugin, [], st.Dir))).ToArray();
        var compiledIds = onlySet is null ? null : CompiledFor(onlySet, setsOfPlugin.SelectMany(s => s));
        var work = staged.SelectMany((_, n) => setsOfPlugin[n].Where(set => compiledIds?.Contains(set.Id) ?? true).Select(set => (Plugin: n, Set: set, Partial: false))
            .Concat(partialOfPlugin[n].Select(set => (Plugin: n, Set: set, Partial: true)))).ToArray();
        var outcomes = new (CompiledCriteriaSet? Compiled, IReadOnlyList<Problem> Problems)[work.Length];
        Parallel.For(0, work.Length, k =>
        {
            try
            {
                var compiled = CompiledCriteriaSet.Compile(work[k].Set, settings, functionsOf[work[k].Plugin]);
                outcomes[k] = work[k].Partial ? (null, []) : (compiled, []);
            }
            catch (PluginException e)
            {
                outcomes[k] = (null, e.Problems);
            }
            catch (Exception) when (work[k].Partial)
            {
                outcomes[k] = (null, []); // a best-effort check of a set already refused: its own errors say why
            }
        });
        for (var k = 0; k < work.Length; k++)
        {
            if (outcomes[k].Compiled is { } compiled) compiledOf[work[k].Plugin].Add(compiled);
            else staged[work[k].Plugin].Problems.AddRange(outcomes[k].Problems);
        }

        // A set resolved against a base whose plugin is refused cannot stand either: the flat set
        // would carry rules and figures the host refused to load. Repeat until nothing changes.
        var ok = staged.Select(s => !s.Problems.Any(p => p.Severity == Severity.Error)).ToArray();
        var told = new HashSet<(int, string)>();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var n = 0; n < staged.Count; n++)
            {
                foreach (var set in setsOfPlugin[n])
                {
                    foreach (var b in set.Bases)
                    {
                        var owner = staged.FindIndex(s => s.Dir == b.Plugin.Folder);
                        if (owner < 0 || owner == n || ok[owner] || !told.Add((n, b.SetId))) continue;
                        // Said even when the set failed on its own: its inherited rules are the base's broken ones.
                        staged[n].Problems.Insert(0, new Problem(Severity.Error,
                            $"set {set.Id} extends {b.SetId} of plugin {b.Plugin.Id} ({Path.GetFileName(b.Plugin.Folder)}), which was refused at load", set.DefinitionFile));
                        changed |= ok[n];
                        ok[n] = false;
                    }
                }
            }
        }
        for (var n = 0; n < staged.Count; n++)
        {
            var (dir, info, _, _, problems) = staged[n];
            if (ok[n]) foreach (var c in compiledOf[n]) sets[c.Set.Id] = c;
            reports.Add(new PluginLoadReport(dir, info.Id.Length == 0 ? null : info, ok[n], problems, ok[n] ? compiledOf[n].Select(c => c.Set.Id).ToArray() : [])
            {
                DataOnly = staged[n].Plugin is DataOnlyPlugin,
            });
        }

        var ordered = reports.OrderBy(r => r.Folder, StringComparer.Ordinal).ToArray();
        // Sets read but not compiled still make their measures known, as a full load would.
        var knownKeys = onlySet is null ? null
            : staged.SelectMany((_, n) => ok[n] ? setsOfPlugin[n] : []).SelectMany(s => s.Measures).Select(m => m.Key).Concat(otherMeasureKeys ?? new HashSet<string>());
        return new PluginHost(root, ordered, sets, new Evaluator(settings, sets.Values.OrderBy(s => s.Set.Id, StringComparer.Ordinal), knownKeys));
    }

    /// <summary>The ids of <paramref name="setId"/> and of the sets it extends, when it was read.</summary>
    private static HashSet<string> CompiledFor(string setId, IEnumerable<CriteriaSet> read)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { setId };
        foreach (var set in read.Where(s => s.Id == setId)) ids.UnionWith(set.Bases.Select(b => b.SetId));
        return ids;
    }

    private static (PluginInfo Info, PluginManifest Manifest, ICriteriaPlugin Plugin)? TryLoadEntryPoint(string dir, List<Problem> problems, IPluginVerifier? verifier)
    {
        // The signature is checked before anything else: loading an assembly runs its code, and a
        // refused folder must not get that far.
        var signature = PluginSignature.NotChecked;
        if (verifier is not null)
        {
            PluginSignature? verified;
            try
            {
                verified = verifier.Verify(dir, problems);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problems.Add(new Problem(Severity.Error, $"signature check failed: {e.GetType().Name}: {e.Message}", dir));
                return null;
            }
            if (verified is null)
            {
                if (!problems.Any(p => p.Severity == Severity.Error))
                    problems.Add(new Problem(Severity.Error, "refused by the signature check", dir));
                return null;
            }
            signature = verified;
        }
        var name = Path.GetFileName(dir);
        var dll = EntryAssembly(dir);
        ICriteriaPlugin plugin;
        if (!File.Exists(dll))
        {
            // A data-only plugin (manifest, sets, workflows, templates; no assembly) runs no code of
            // its own: the preferred form for a province that only publishes figures and rules.
            if (!File.Exists(Path.Combine(dir, DataOnlyPlugin.Manifest)))
            {
                problems.Add(new Problem(Severity.Error, $"neither a plugin assembly ({name}.dll) nor a {DataOnlyPlugin.Manifest} (a data-only plugin) in the folder", dir));
                return null;
            }
            plugin = DataOnlyPlugin.Instance;
        }
        else if (LoadAssemblyEntryPoint(dll, problems) is { } fromAssembly) plugin = fromAssembly;
        else return null;

        string manifestPath;
        try
        {
            manifestPath = Path.GetFullPath(Path.Combine(dir, plugin.ManifestFile));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add(new Problem(Severity.Error, $"the plugin's ManifestFile failed: {e.Message}", dll));
            return null;
        }
        if (!manifestPath.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problems.Add(new Problem(Severity.Error, "the manifest must be inside the plugin folder", dll));
            return null;
        }
        var token = JsonDocumentReader.Load(manifestPath, manifestPath, problems);
        if (token is null) return null;
        var f = new JsonFields(manifestPath, problems);
        if (f.Object(token, "plugin.json") is not { } o) return null;
        var id = f.String(o, "id");
        if (id is not null && !PluginId.IsValid(id))
        {
            f.Error(JsonFields.Get(o, "id"), $"plugin id \"{id}\" must be lowercase ASCII words separated by dots, e.g. vn.thanh-hoa.2022-2025");
            id = null;
        }
        var title = f.String(o, "name");
        var version = f.String(o, "version");
        var publisher = f.String(o, "publisher");
        var setFiles = new List<string>();
        if (f.Array(o, "sets") is { } arr)
        {
            foreach (var s in arr)
            {
                if (s.Type == JTokenType.String) setFiles.Add((string)s!);
                else f.Error(s, "sets entries must be file paths (strings)");
            }
            if (arr.Count == 0) f.Error(arr, "a plugin ships at least one set");
        }
        // A manifest with errors refuses the plugin (its errors are in the report), but its sets are
        // still read and checked, so that one run lists every problem of the plugin. An unusable id
        // is left empty: the plugin then claims no id and prefixes no set id.
        var info = new PluginInfo(id ?? "", title ?? "", version ?? "", publisher ?? "", dir, ContentHash.Of(dir)) { Signature = signature };
        return (info, new PluginManifest(info.Id, info.Name, info.Version, info.Publisher, setFiles), plugin);
    }

    /// <summary>
    /// The plugin's entry assembly: <c>&lt;Folder&gt;.dll</c> in a build folder; in a folder named
    /// otherwise (an installed package is named after its plugin id) the one assembly with a
    /// <c>.deps.json</c> beside it, as the build of a plugin project writes. A missing file means data-only.
    /// </summary>
    private static string EntryAssembly(string dir)
    {
        var byFolder = Path.Combine(dir, Path.GetFileName(dir) + ".dll");
        if (File.Exists(byFolder)) return byFolder;
        var deps = Directory.GetFiles(dir, "*.deps.json");
        return deps.Length == 1 ? deps[0][..^".deps.json".Length] + ".dll" : byFolder;
    }

    /// <summary>Loads a plugin assembly in its own load context and creates its one <see cref="ICriteriaPlugin"/>; null, with the reason, when it cannot.</summary>
    private static ICriteriaPlugin? LoadAssemblyEntryPoint(string dll, List<Problem> problems)
    {
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(dll, sharedTypes: [typeof(ICriteriaPlugin)], config => config.PreferSharedTypes = true);
            var assembly = loader.LoadDefaultAssembly();
            var contractsRef = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == typeof(ICriteriaPlugin).Assembly.GetName().Name);
            Type[] types;
            try { types = assembly.GetTypes(); }
            catch (ReflectionTypeLoadException e) { types = e.Types.Where(t => t is not null).ToArray()!; }
            var entry = types.Where(t => typeof(ICriteriaPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsPublic: true }).ToArray();
            if (entry.Length != 1)
            {
                var hint = contractsRef is null
                    ? "it does not reference NtmRules.Contracts"
                    : $"it was built against NtmRules.Contracts {contractsRef.Version}, the host has {typeof(ICriteriaPlugin).Assembly.GetName().Version}";
                problems.Add(new Problem(Severity.Error, entry.Length == 0
                    ? $"no public class implements ICriteriaPlugin ({hint})"
                    : $"{entry.Length} classes implement ICriteriaPlugin; a plugin has exactly one", dll));
                return null;
            }
            var plugin = (ICriteriaPlugin)Activator.CreateInstance(entry[0])!;
            if (plugin.BuiltAgainstContracts != ContractsInfo.Version)
            {
                problems.Add(new Problem(Severity.Error, $"built against contracts {plugin.BuiltAgainstContracts}, the host speaks {ContractsInfo.Version}: rebuild the plugin", dll));
                return null;
            }
            return plugin;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add(new Problem(Severity.Error, $"cannot load the plugin assembly: {e.GetType().Name}: {e.Message}", dll));
            return null;
        }

    }

    private static IReadOnlyList<Type> SafeFunctions(ICriteriaPlugin plugin, List<Problem> problems, string dir)
    {
        IReadOnlyList<Type> types;
        try
        {
            types = plugin.ExpressionFunctions ?? [];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add(new Problem(Severity.Error, $"ExpressionFunctions failed: {e.Message}", dir));
            return [];
        }
        var allowed = new HashSet<Type> { typeof(double), typeof(int), typeof(long), typeof(decimal), typeof(bool), typeof(string) };
        var ok = new List<Type>();
        foreach (var t in types)
        {
            var methods = t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
            if (!(t.IsAbstract && t.IsSealed))
                problems.Add(new Problem(Severity.Error, $"function class {t.FullName} must be a static class", dir));
            else if (methods.FirstOrDefault(m => !allowed.Contains(m.ReturnType) || m.GetParameters().Any(p => !allowed.Contains(p.ParameterType))) is { } bad)
                problems.Add(new Problem(Severity.Error, $"function {t.Name}.{bad.Name} takes or returns a type other than numbers, booleans and strings", dir));
            else ok.Add(t);
        }
        return ok;
    }

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> FunctionMap(IEnumerable<Type> pluginTypes)
    {
        var map = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            [nameof(Functions.Ntm)] = Methods(typeof(Functions.Ntm)),
            ["Math"] = new HashSet<string>(StringComparer.Ordinal) { "Min", "Max", "Round", "Abs", "Floor", "Ceiling" },
        };
        foreach (var t in pluginTypes) map[t.Name] = Methods(t);
        return map;
    }

    private static HashSet<string> Methods(Type t) =>
        t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
}

using System.Reflection;
using McMaster.NETCore.Plugins;
using NtmRules.Contracts;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading.Pipeline;

/// <summary>The entry point the host uses for a data-only plugin folder: the manifest at its usual place, no functions.</summary>
internal sealed class DataOnlyPlugin : ICriteriaPlugin
{
    public static readonly DataOnlyPlugin Instance = new();

    public string BuiltAgainstContracts => ContractsInfo.Version;

    public string ManifestFile => PluginManifest.FileName;

    public IReadOnlyList<Type> ExpressionFunctions => [];
}

/// <summary>
/// Stage 3: the plugin's entry point. A folder with a plugin assembly has it loaded in its own
/// load context sharing only <c>NtmRules.Contracts</c> (the only stage that runs a plugin's code);
/// a folder without one is data-only. The function classes an assembly brings are checked here.
/// </summary>
internal static class EntryPointStage
{
    /// <summary>Opens the entry point of <paramref name="candidate"/>; false, with the reason, when it cannot.</summary>
    public static bool Open(PluginCandidate candidate)
    {
        var dir = candidate.Folder;
        candidate.EntryFile = EntryAssembly(dir);
        if (!File.Exists(candidate.EntryFile))
        {
            // A data-only plugin (manifest, sets, workflows, templates; no assembly) runs no code of
            // its own: the preferred form for a province that only publishes figures and rules.
            if (!File.Exists(Path.Combine(dir, PluginManifest.FileName)))
            {
                candidate.Problems.Add(new Problem(Severity.Error,
                    MessageText.Format(LoadingMessages.NoEntryPoint, Path.GetFileName(dir), PluginManifest.FileName), dir));
                return false;
            }
            candidate.EntryPoint = DataOnlyPlugin.Instance;
            return true;
        }
        candidate.EntryPoint = LoadAssemblyEntryPoint(candidate.EntryFile, candidate.Problems);
        return candidate.EntryPoint is not null;
    }

    /// <summary>
    /// The function classes the plugin brings that may be exposed to expressions (static classes of
    /// methods over numbers, booleans and strings); each refused class is a problem of the plugin.
    /// </summary>
    public static void TakeFunctions(PluginCandidate candidate)
    {
        candidate.FunctionTypes = SafeFunctions(candidate.EntryPoint!, candidate.Problems, candidate.Folder);
        candidate.Functions = FunctionMap(candidate.FunctionTypes);
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
            var entry = EntryTypes(assembly);
            if (entry.Length != 1)
            {
                problems.Add(new Problem(Severity.Error, entry.Length == 0
                    ? MessageText.Format(LoadingMessages.NoPluginClass, ContractsHint(assembly))
                    : MessageText.Format(LoadingMessages.SeveralPluginClasses, entry.Length), dll));
                return null;
            }
            var plugin = (ICriteriaPlugin)Activator.CreateInstance(entry[0])!;
            if (plugin.BuiltAgainstContracts != ContractsInfo.Version)
            {
                problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.ContractsMismatch, plugin.BuiltAgainstContracts, ContractsInfo.Version), dll));
                return null;
            }
            return plugin;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.AssemblyLoadFailed, e.GetType().Name, e.Message), dll));
            return null;
        }
    }

    /// <summary>The public, concrete classes of <paramref name="assembly"/> that implement the contract (as the host's contracts see it).</summary>
    private static Type[] EntryTypes(Assembly assembly)
    {
        Type[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { types = e.Types.Where(t => t is not null).ToArray()!; }
        return types.Where(t => typeof(ICriteriaPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsPublic: true }).ToArray();
    }

    /// <summary>Why no class matched: a plugin built against other contracts sees another <see cref="ICriteriaPlugin"/>, silently.</summary>
    private static string ContractsHint(Assembly assembly)
    {
        var contractsRef = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == typeof(ICriteriaPlugin).Assembly.GetName().Name);
        return contractsRef is null
            ? LoadingMessages.NoContractsReference
            : MessageText.Format(LoadingMessages.ContractsVersion, contractsRef.Version, typeof(ICriteriaPlugin).Assembly.GetName().Version);
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
            problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.FunctionsFailed, e.Message), dir));
            return [];
        }
        var allowed = new HashSet<Type> { typeof(double), typeof(int), typeof(long), typeof(decimal), typeof(bool), typeof(string) };
        var ok = new List<Type>();
        foreach (var t in types)
        {
            var methods = t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
            if (!(t.IsAbstract && t.IsSealed))
                problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.FunctionClassStatic, t.FullName), dir));
            else if (methods.FirstOrDefault(m => !allowed.Contains(m.ReturnType) || m.GetParameters().Any(p => !allowed.Contains(p.ParameterType))) is { } bad)
                problems.Add(new Problem(Severity.Error, MessageText.Format(LoadingMessages.FunctionTypes, t.Name, bad.Name), dir));
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

using NtmRules.Contracts;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Kernel.Loading.Pipeline;

/// <summary>
/// One plugin folder on its way through the loading pipeline: what each stage found about it and
/// every problem so far, in the order the stages met them. A stage that refuses the folder outright
/// (signature, entry point, manifest) leaves <see cref="Info"/> null and no later stage sees it;
/// any other error refuses the plugin at the end, after every stage has had its say, so that one
/// load lists every problem of the plugin.
/// </summary>
internal sealed class PluginCandidate(string folder)
{
    /// <summary>Absolute path of the folder, without a trailing separator.</summary>
    public string Folder { get; } = folder;

    /// <summary>Why the plugin is refused, and warnings; the report shows them in this order.</summary>
    public List<Problem> Problems { get; } = [];

    /// <summary>What the signature stage recorded (<see cref="PluginSignature.NotChecked"/> without a verifier).</summary>
    public PluginSignature Signature { get; set; } = PluginSignature.NotChecked;

    /// <summary>The plugin's entry point: its assembly's <see cref="ICriteriaPlugin"/>, or the data-only one.</summary>
    public ICriteriaPlugin? EntryPoint { get; set; }

    /// <summary>The entry assembly's path (also named for a data-only plugin, where messages about the entry point point at it).</summary>
    public string EntryFile { get; set; } = "";

    /// <summary>The manifest's path relative to the folder, as the entry point gave it.</summary>
    public string ManifestFile { get; set; } = "";

    /// <summary>The function classes the plugin brings that passed the host's checks.</summary>
    public IReadOnlyList<Type> FunctionTypes { get; set; } = [];

    /// <summary>Function class → callable method names (kernel's and the plugin's), for the expression allow-list.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Functions { get; set; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>Identity, once the manifest is read; null when the folder was refused before.</summary>
    public PluginInfo? Info { get; set; }

    /// <summary>The manifest, once read.</summary>
    public PluginManifest? Manifest { get; set; }

    /// <summary>Whether another folder claims the same plugin id (every claimant is refused).</summary>
    public bool ClaimsClashingId { get; set; }

    /// <summary>The set files the manifest lists that are inside the folder, in manifest order.</summary>
    public List<SetFile> SetFiles { get; } = [];

    /// <summary>Sets read cleanly, in the order they were read.</summary>
    public List<SetSource> Sets { get; } = [];

    /// <summary>Best-effort sets of broken set files: compiled only to report their rules' problems too.</summary>
    public List<SetSource> PartialSets { get; } = [];

    /// <summary>Sets compiled, in plugin and set order.</summary>
    public List<CompiledCriteriaSet> Compiled { get; } = [];

    /// <summary>Whether the plugin's sets are offered; decided by the last stage.</summary>
    public bool Loaded { get; set; }

    /// <summary>Whether some problem so far is an error.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == Severity.Error);

    /// <summary>How the folder fared, as the host reports it.</summary>
    public PluginLoadReport Report() => Info is null
        ? new PluginLoadReport(Folder, null, false, Problems, [])
        : new PluginLoadReport(Folder, Info.Id.Length == 0 ? null : Info, Loaded, Problems, Loaded ? Compiled.Select(c => c.Set.Id).ToArray() : [])
        {
            DataOnly = EntryPoint is DataOnlyPlugin,
        };
}

/// <summary>A set file a plugin's manifest lists, with the id and base its file names before it is read.</summary>
/// <param name="Plugin">The plugin listing it.</param>
/// <param name="Path">Absolute path.</param>
/// <param name="Id">The set id the file declares, when readable.</param>
/// <param name="Base">The id of the set it extends, if any.</param>
internal sealed record SetFile(PluginCandidate Plugin, string Path, string? Id, string? Base);

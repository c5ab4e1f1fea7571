using System.Reflection;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// Everything needed to reproduce an evaluation and to trust it has not changed: the plugin's
/// identity and content hash, the engine and kernel versions, the data file's hash, and when.
/// </summary>
/// <param name="PluginId">Plugin id.</param>
/// <param name="PluginVersion">Plugin version.</param>
/// <param name="PluginContentSha256">SHA-256 over the plugin's manifest, set, workflow and template files.</param>
/// <param name="SetId">Criteria set id.</param>
/// <param name="RulesEngineVersion">Microsoft RulesEngine assembly version.</param>
/// <param name="KernelVersion">NtmRules.Kernel version.</param>
/// <param name="DataSha256">SHA-256 of the data file's bytes.</param>
/// <param name="EvaluatedAt">When the evaluation ran (UTC).</param>
public sealed record Provenance(string PluginId, string PluginVersion, string PluginContentSha256, string SetId,
    string RulesEngineVersion, string KernelVersion, string DataSha256, DateTimeOffset EvaluatedAt)
{
    /// <summary>
    /// The sets the evaluated set extends, nearest first, each with its plugin's id, version and
    /// content SHA-256: a provincial result depends on the national plugin's files too.
    /// </summary>
    public IReadOnlyList<BaseSet> Bases { get; init; } = [];

    /// <summary>Why the evaluated set's plugin files were trusted: signed (by whom), bundled, or allowed unsigned.</summary>
    public PluginSignature PluginSignature { get; init; } = PluginSignature.NotChecked;

    /// <summary>The provenance of <paramref name="result"/>, evaluated at <paramref name="at"/>.</summary>
    public static Provenance Of(EvaluationResult result, DateTimeOffset at) => new(
        result.Set.Plugin.Id, result.Set.Plugin.Version, result.Set.Plugin.ContentHash, result.Set.Id,
        VersionOf(typeof(RulesEngine.RulesEngine).Assembly), VersionOf(typeof(Provenance).Assembly),
        result.Data.ContentSha256, at.ToUniversalTime())
    {
        Bases = result.Set.Bases,
        PluginSignature = result.Set.Plugin.Signature,
    };

    private static string VersionOf(Assembly a) =>
        a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? a.GetName().Version?.ToString() ?? "unknown";
}

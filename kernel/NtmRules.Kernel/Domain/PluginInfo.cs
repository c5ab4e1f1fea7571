namespace NtmRules.Kernel.Domain;

/// <summary>Identity of a loaded plugin, as an auditor needs it to reproduce a result.</summary>
/// <param name="Id">Stable id, e.g. <c>vn.qd318</c>.</param>
/// <param name="Name">Vietnamese title.</param>
/// <param name="Version">Version the publisher gave it.</param>
/// <param name="Publisher">Issuing authority.</param>
/// <param name="Folder">Absolute path of the plugin folder.</param>
/// <param name="ContentHash">SHA-256 (hex) over the plugin's manifest, set, workflow and template files, by relative path.</param>
public sealed record PluginInfo(string Id, string Name, string Version, string Publisher, string Folder, string ContentHash)
{
    /// <summary>Why the host trusted the plugin's files: signed (by whom), bundled with ntm, or allowed unsigned.</summary>
    public PluginSignature Signature { get; init; } = PluginSignature.NotChecked;
}

namespace NtmRules.Kernel.Loading;

/// <summary>A plugin's <c>plugin.json</c>: identity and the set files it ships.</summary>
/// <param name="Id">Stable id, e.g. <c>vn.qd318</c>; every set id starts with it.</param>
/// <param name="Name">Vietnamese title.</param>
/// <param name="Version">Publisher's version.</param>
/// <param name="Publisher">Issuing authority.</param>
/// <param name="SetFiles">Set files, relative to the plugin folder.</param>
internal sealed record PluginManifest(string Id, string Name, string Version, string Publisher, IReadOnlyList<string> SetFiles);

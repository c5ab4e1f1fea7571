using Newtonsoft.Json.Linq;

namespace NtmRules.Kernel.Loading;

/// <summary>A plugin's <c>plugin.json</c>: identity and the set files it ships.</summary>
/// <param name="Id">Stable id, e.g. <c>vn.qd318</c>; every set id starts with it.</param>
/// <param name="Name">Vietnamese title.</param>
/// <param name="Version">Publisher's version.</param>
/// <param name="Publisher">Issuing authority.</param>
/// <param name="SetFiles">Set files, relative to the plugin folder.</param>
public sealed record PluginManifest(string Id, string Name, string Version, string Publisher, IReadOnlyList<string> SetFiles)
{
    /// <summary>
    /// The manifest of the plugin in <paramref name="folder"/> read leniently, reporting nothing (to say which
    /// installed plugin a folder stands in for): null when there is none, it is not JSON or its id is not a string.
    /// </summary>
    public static PluginManifest? Peek(string folder)
    {
        try
        {
            var path = Path.Combine(folder, DataOnlyPlugin.Manifest);
            if (!File.Exists(path) || JToken.Parse(File.ReadAllText(path)) is not JObject o || o["id"] is not { Type: JTokenType.String } id) return null;
            var sets = o["sets"] is JArray a ? a.Where(t => t.Type == JTokenType.String).Select(t => (string)t!).ToArray() : [];
            return new PluginManifest((string)id!, o["name"]?.ToString() ?? "", o["version"]?.ToString() ?? "", o["publisher"]?.ToString() ?? "", sets);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

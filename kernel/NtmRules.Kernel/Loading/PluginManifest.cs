using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// A plugin's <c>plugin.json</c>: identity and the set files it ships. The one reader of that file
/// (the host, packaging, threshold export and import, the CLI all read it here), validated against
/// <c>docs/schemas/plugin-manifest.schema.json</c> with the id rule of <see cref="PluginId"/>.
/// </summary>
/// <param name="Id">Stable id, e.g. <c>vn.qd318</c>; every set id starts with it. Empty when the file's id is unusable.</param>
/// <param name="Name">Vietnamese title.</param>
/// <param name="Version">Publisher's version.</param>
/// <param name="Publisher">Issuing authority.</param>
/// <param name="SetFiles">Set files, relative to the plugin folder.</param>
public sealed record PluginManifest(string Id, string Name, string Version, string Publisher, IReadOnlyList<string> SetFiles)
{
    /// <summary>The manifest's file name in a plugin folder.</summary>
    public const string FileName = "plugin.json";

    /// <summary>
    /// Reads and checks the manifest at <paramref name="path"/>, adding every problem (with line,
    /// column and field) to <paramref name="problems"/>. A manifest with errors is still returned, its
    /// unusable fields empty, so that a caller can go on checking the plugin's sets and list every
    /// problem at once; null only when the file cannot be read as a JSON object.
    /// </summary>
    /// <param name="path">The manifest file.</param>
    /// <param name="displayPath">How to name the file in problems (defaults to <paramref name="path"/>).</param>
    /// <param name="problems">Where problems are added.</param>
    public static PluginManifest? Read(string path, string? displayPath, List<Problem> problems)
    {
        var file = displayPath ?? path;
        var start = problems.Count;
        var token = JsonDocumentReader.Load(path, file, problems);
        if (token is null) return null;
        var f = new JsonFields(file, problems);
        if (f.Object(token, FileName) is not { } o) return null;
        var id = f.String(o, "id");
        if (id is not null && !PluginId.IsValid(id))
        {
            f.Error(JsonFields.Get(o, "id"), MessageText.Format(LoadingMessages.PluginIdForm, id));
            id = null;
        }
        var name = f.String(o, "name");
        var version = f.String(o, "version");
        var publisher = f.String(o, "publisher");
        var setFiles = new List<string>();
        if (f.Array(o, "sets") is { } arr)
        {
            foreach (var s in arr)
            {
                if (s.Type == JTokenType.String) setFiles.Add((string)s!);
                else f.Error(s, LoadingMessages.SetsEntries);
            }
            if (arr.Count == 0) f.Error(arr, LoadingMessages.PluginNeedsSet);
        }
        FormatSchemas.Merge(FormatSchemas.Validate(FormatSchema.PluginManifest, o, file), problems, file, start);
        return new PluginManifest(id ?? "", name ?? "", version ?? "", publisher ?? "", setFiles);
    }

    /// <summary>
    /// Reads the manifest of the plugin folder <paramref name="folder"/>; throws
    /// <see cref="PluginException"/> with every problem when it is missing or has errors.
    /// </summary>
    /// <param name="folder">The plugin folder.</param>
    /// <exception cref="PluginException">No <c>plugin.json</c>, or one with errors.</exception>
    public static PluginManifest ReadFolder(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new PluginException(new Problem(Severity.Error, MessageText.Format(LoadingMessages.NotPluginFolder, FileName), folder));
        var problems = new List<Problem>();
        var manifest = Read(path, null, problems);
        if (manifest is null || problems.Any(p => p.Severity == Severity.Error)) throw new PluginException(problems.Where(p => p.Severity == Severity.Error).ToList());
        return manifest;
    }

    /// <summary>
    /// The manifest a folder claims, read without checking or reporting anything (to find which folder
    /// holds which plugin before loading it): fields that are not text are empty, set entries that are
    /// not text are left out. Null when there is no manifest or it is not a readable JSON object.
    /// </summary>
    /// <param name="folder">The plugin folder.</param>
    public static PluginManifest? Peek(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path) || JsonDocumentReader.Load(path, path, []) is not JObject o) return null;
        string Text(string name) => JsonFields.Get(o, name) is { Type: JTokenType.String } t ? (string)t! : "";
        var sets = JsonFields.Get(o, "sets") is JArray a ? a.Where(s => s.Type == JTokenType.String).Select(s => (string)s!).ToList() : [];
        return new PluginManifest(Text("id"), Text("name"), Text("version"), Text("publisher"), sets);
    }

    /// <summary>The id a folder's manifest claims, as <see cref="Peek"/> reads it; null when there is none.</summary>
    /// <param name="folder">The plugin folder.</param>
    public static string? PeekId(string folder) => Peek(folder)?.Id is { Length: > 0 } id ? id : null;

    /// <summary>
    /// The manifest as JSON, fields in the order every writer of <c>plugin.json</c> uses (id, name,
    /// version, publisher, sets), so generated plugins stay byte-identical.
    /// </summary>
    public JObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["version"] = Version,
        ["publisher"] = Publisher,
        ["sets"] = new JArray(SetFiles),
    };
}

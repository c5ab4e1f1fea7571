using NtmRules.Kernel.Localization;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Packaging.Localization;

namespace NtmRules.Packaging;

/// <summary>One file of a package: relative path (forward slashes), size in bytes, SHA-256 (lower-case hex).</summary>
public sealed record PackageFile(string Path, long Size, string Sha256);

/// <summary>
/// <c>package.json</c>: what a package holds. The signature covers its exact bytes, and it lists
/// every other file with its size and hash, so one signature vouches for every byte of the plugin.
/// </summary>
/// <param name="PluginId">Id from the plugin's <c>plugin.json</c>; also the installed folder's name.</param>
/// <param name="Version">Version from <c>plugin.json</c>.</param>
/// <param name="Files">Every file, sorted by path (ordinal).</param>
public sealed record PackageManifest(string PluginId, string Version, IReadOnlyList<PackageFile> Files)
{
    /// <summary>The format tag.</summary>
    public const string Format = "ntm.package/1";

    /// <summary>The manifest's bytes: UTF-8 without BOM, fixed field order, "\n" line ends, so the same files give the same bytes.</summary>
    public byte[] ToBytes()
    {
        var sb = new StringBuilder();
        using (var sw = new StringWriter(sb, CultureInfo.InvariantCulture) { NewLine = "\n" })
        using (var w = new JsonTextWriter(sw) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            w.WriteStartObject();
            w.WritePropertyName("format"); w.WriteValue(Format);
            w.WritePropertyName("pluginId"); w.WriteValue(PluginId);
            w.WritePropertyName("version"); w.WriteValue(Version);
            w.WritePropertyName("files");
            w.WriteStartArray();
            foreach (var f in Files)
            {
                w.WriteStartObject();
                w.WritePropertyName("path"); w.WriteValue(f.Path);
                w.WritePropertyName("size"); w.WriteValue(f.Size);
                w.WritePropertyName("sha256"); w.WriteValue(f.Sha256);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        sb.Append('\n');
        return new UTF8Encoding(false).GetBytes(sb.ToString().Replace("\r\n", "\n"));
    }

    /// <summary>Parses and checks a manifest; the reasons it is unusable otherwise.</summary>
    public static (PackageManifest? Manifest, IReadOnlyList<string> Errors) Parse(byte[] bytes)
    {
        var errors = new List<string>();
        JObject o;
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 8 };
            o = JObject.Load(reader);
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException or InvalidCastException)
        {
            return (null, [MessageText.Format(PackagingMessages.ManifestNotJson, e.Message)]);
        }
        if ((string?)o["format"] != Format) errors.Add(MessageText.Format(PackagingMessages.ManifestFormat, Format));
        var id = o["pluginId"]?.Type == JTokenType.String ? (string)o["pluginId"]! : null;
        if (id is null || !PackagePaths.IsSafePluginId(id)) errors.Add(PackagingMessages.ManifestPluginId);
        var version = o["version"]?.Type == JTokenType.String ? (string)o["version"]! : null;
        if (string.IsNullOrWhiteSpace(version)) errors.Add(PackagingMessages.ManifestVersionMissing);
        var files = new List<PackageFile>();
        if (o["files"] is not JArray array) errors.Add(PackagingMessages.ManifestFilesNotArray);
        else
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in array)
            {
                if (item is not JObject f || f["path"]?.Type != JTokenType.String || f["size"]?.Type != JTokenType.Integer || f["sha256"]?.Type != JTokenType.String)
                {
                    errors.Add(PackagingMessages.ManifestFileEntry);
                    continue;
                }
                var path = (string)f["path"]!;
                var size = (long)f["size"]!;
                var sha = (string)f["sha256"]!;
                if (PackagePaths.Problem(path) is { } bad) errors.Add(MessageText.Format(PackagingMessages.ManifestFileBadPath, path, bad));
                else if (path is PluginPackage.ManifestEntry or PluginPackage.SignatureEntry) errors.Add(MessageText.Format(PackagingMessages.ManifestFileReserved, path));
                else if (!seen.Add(path)) errors.Add(MessageText.Format(PackagingMessages.ManifestFileTwice, path));
                if (size < 0) errors.Add(MessageText.Format(PackagingMessages.ManifestFileNegativeSize, path));
                if (sha.Length != 64 || !sha.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f')) errors.Add(MessageText.Format(PackagingMessages.ManifestFileSha, path));
                files.Add(new PackageFile(path, size, sha));
            }
        }
        return errors.Count > 0 ? (null, errors) : (new PackageManifest(id!, version!, files), errors);
    }
}

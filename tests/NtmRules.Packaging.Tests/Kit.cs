using System.IO.Compression;
using System.Text;
using NtmRules.Packaging;

namespace NtmRules.Packaging.Tests;

/// <summary>Temporary folders, a small data-only plugin, keys, trust stores and hand-made zips for the tests.</summary>
internal static class Kit
{
    public static string TempDir(string prefix = "ntm-pkg-test-")
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A data-only plugin folder: manifest, one set and one workflow (the packaging layer does not read them).</summary>
    public static string DataOnlyPlugin(string root, string id = "vn.test.2025", string version = "1.0.0")
    {
        var dir = Path.Combine(root, "src-" + id);
        Directory.CreateDirectory(Path.Combine(dir, "sets"));
        Directory.CreateDirectory(Path.Combine(dir, "rules"));
        File.WriteAllText(Path.Combine(dir, "plugin.json"), $$"""{ "id": "{{id}}", "name": "Bộ thử", "version": "{{version}}", "publisher": "Sở thử", "sets": ["sets/a.json"] }""");
        File.WriteAllText(Path.Combine(dir, "sets", "a.json"), """{ "id": "vn.test.a", "name": "Bộ tiêu chí thử" }""");
        File.WriteAllText(Path.Combine(dir, "rules", "a.json"), """[{ "WorkflowName": "vn.test.a", "Rules": [] }]""");
        return dir;
    }

    public static SigningKey Key() => SigningKey.Generate();

    /// <summary>A trust store file trusting <paramref name="keys"/> under their names.</summary>
    public static string Trust(string root, params (SigningKey Key, string Name)[] keys)
    {
        var path = Path.Combine(root, "trust-" + Guid.NewGuid().ToString("N") + ".json");
        var store = TrustStore.Open(path);
        foreach (var (key, name) in keys) store.Add(key.PublicKey, name, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return path;
    }

    public static PackageOptions Options(string trustPath, bool allowUnsigned = false, PackageLimits? limits = null) =>
        new(() => TrustStore.Open(trustPath), allowUnsigned) { Limits = limits ?? PackageLimits.Default };

    /// <summary>The entries of a zip, in order, as name and bytes.</summary>
    public static List<(string Name, byte[] Data)> Entries(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.Select(e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return (e.FullName, m.ToArray());
        }).ToList();
    }

    /// <summary>Writes a zip with exactly these entries (names as given, not normalised: the hostile cases need that).</summary>
    public static string Zip(string path, IEnumerable<(string Name, byte[] Data)> entries)
    {
        using var stream = File.Create(path);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var (name, data) in entries)
        {
            using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            s.Write(data);
        }
        return path;
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}

using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace NtmRules.Drafting.Output;

/// <summary>
/// Makes an Open XML package byte-identical across runs. The Open XML SDK names the relationships
/// it creates with random ids ("R3f2a…") and System.IO.Packaging stamps every zip entry with the
/// current time; both change the bytes of the same document from one run to the next. This
/// rewrites the package with each random id replaced by a numbered one (in order of first
/// appearance, so the same document always gets the same ids) and every entry stamped 1980-01-01,
/// the earliest time a zip entry can hold, in the entries' original order.
/// </summary>
public static partial class DeterministicPackage
{
    /// <summary>The time every entry is stamped with.</summary>
    public static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GeneratedRegex("\"(R[0-9a-f]{16})\"")]
    private static partial Regex RandomId();

    /// <summary>Rewrites the package in <paramref name="package"/> to <paramref name="output"/>.</summary>
    public static void Normalize(byte[] package, Stream output)
    {
        var entries = new List<(string Name, byte[] Content)>();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        {
            foreach (var entry in source.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                entries.Add((entry.FullName, copy.ToArray()));
            }
        }
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, content) in entries.Where(e => e.Name.EndsWith(".rels", StringComparison.Ordinal)))
        {
            foreach (Match m in RandomId().Matches(Encoding.UTF8.GetString(content)))
                ids.TryAdd(m.Groups[1].Value, "rIdNtm" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, content) in entries)
        {
            var entry = target.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTime;
            using var stream = entry.Open();
            stream.Write(ids.Count == 0 || !IsXml(name) ? content : Replace(content, ids));
        }
    }

    private static bool IsXml(string name) => name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".rels", StringComparison.Ordinal);

    private static byte[] Replace(byte[] content, Dictionary<string, string> ids) =>
        Encoding.UTF8.GetBytes(RandomId().Replace(Encoding.UTF8.GetString(content), m => ids.TryGetValue(m.Groups[1].Value, out var id) ? $"\"{id}\"" : m.Value));
}

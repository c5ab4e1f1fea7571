using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NtmRules.Cli.Tests;

/// <summary>
/// Every message resource of the repository (<c>kernel/**/Localization/*Messages.resx</c> and the CLI's
/// <c>Texts.resx</c>) is written in both languages: its <c>.en.resx</c> exists with the same keys and the same
/// placeholders, and no Vietnamese text is the English one or reads as English (<see cref="EnglishText"/>).
/// </summary>
public class ResourceScanTests
{
    /// <summary>Texts that are the same in both languages because they hold only codes a person types.</summary>
    private static readonly HashSet<string> SameInBothLanguages = new(StringComparer.Ordinal)
    {
        "ServeMessages.RoleDescription", // "xa | tinh | kiem-toan | quan-tri": the role codes
        "RecordMessages.TriggerGuardsTruncate", // "TRUNCATE": the SQL statement a trigger refuses, named in the message
        "DomainMessages.FieldProblem", // "'{0}': {1}": a field name and a message, no words of its own
    };

    private static readonly string Kernel = Path.Combine(Cli.RepoRoot, "kernel");

    public static TheoryData<string> VietnameseResources()
    {
        var data = new TheoryData<string>();
        foreach (var path in ResourcePaths()) data.Add(path);
        return data;
    }

    /// <summary>The Vietnamese resources, relative to the repository.</summary>
    private static List<string> ResourcePaths()
    {
        var paths = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Kernel, "*.resx", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "Localization")
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
                     .Where(f => Path.GetFileName(f) is var n && (n.EndsWith("Messages.resx", StringComparison.Ordinal) || n == "Texts.resx"))
                     .Order(StringComparer.Ordinal))
            paths.Add(Path.GetRelativePath(Cli.RepoRoot, file));
        return paths;
    }

    [Fact]
    public void The_scan_finds_the_resources_of_the_cli_the_application_and_the_web()
    {
        var found = ResourcePaths().Select(Path.GetFileName).ToList();
        found.Should().Contain(["Texts.resx", "RunMessages.resx", "PluginMessages.resx", "ServeMessages.resx", "ApplicationMessages.resx", "WebMessages.resx"]);
    }

    [Theory]
    [MemberData(nameof(VietnameseResources))]
    public void Each_text_has_its_English_with_the_same_placeholders_and_reads_as_Vietnamese(string resource)
    {
        var vietnamesePath = Path.Combine(Cli.RepoRoot, resource);
        var englishPath = Path.ChangeExtension(vietnamesePath, null) + ".en.resx";
        File.Exists(englishPath).Should().BeTrue($"{resource} needs its English beside it");
        var vietnamese = Texts(vietnamesePath);
        var english = Texts(englishPath);
        var area = Path.GetFileNameWithoutExtension(resource);
        var problems = new List<string>();
        foreach (var key in english.Keys.Except(vietnamese.Keys)) problems.Add($"{key}: only in English");
        foreach (var (key, vi) in vietnamese)
        {
            if (!english.TryGetValue(key, out var en))
            {
                problems.Add($"{key}: no English");
                continue;
            }
            if (!Placeholders(vi).SequenceEqual(Placeholders(en))) problems.Add($"{key}: placeholders {string.Join(' ', Placeholders(vi))} in Vietnamese, {string.Join(' ', Placeholders(en))} in English");
            if (vi.Trim().Length == 0) problems.Add($"{key}: empty Vietnamese");
            if (SameInBothLanguages.Contains($"{area}.{key}")) continue;
            if (vi == en) problems.Add($"{key}: the Vietnamese is the English \"{vi}\"");
            else if (EnglishText.In(vi) is { Count: > 0 } words) problems.Add($"{key}: English words ({string.Join(", ", words)}) in \"{vi}\"");
        }
        problems.Should().BeEmpty($"{resource} is complete in both languages");
    }

    [Fact]
    public void The_heuristic_finds_English_and_passes_ids_quotes_and_Vietnamese()
    {
        EnglishText.In("error: file not found").Should().Equal("error", "file", "not", "found");
        EnglishText.In("lỗi: không có tệp /data/nope.json (--data)").Should().BeEmpty();
        EnglishText.In("bộ \"the set\" có mã vn.qd318.xa-ntm; ghi {0} hoặc NAME.key").Should().BeEmpty();
    }

    private static Dictionary<string, string> Texts(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    private static List<string> Placeholders(string text) =>
        Regex.Matches(text, @"\{(\d+)(?:[,:][^}]*)?\}").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
}

using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace NtmRules.Cli.Tests;

/// <summary>
/// Under <c>--lang en</c> what <c>evaluate</c>, <c>trace</c>, <c>batch</c> (and its report), <c>history</c>, <c>compare</c>,
/// <c>verify</c> and <c>measures</c> print says nothing in Vietnamese (#17) except the data it shows: names, units and
/// quotes from the criteria set and the commune's figures. Two checks tell labels from data: no Vietnamese
/// template of the output resources (its literal parts between placeholders) appears, and every word with a
/// Vietnamese letter is a word of the set's files or of the sample.
/// </summary>
public partial class EnglishOutputTests
{
    private const string Set = "vn.qd318.xa-ntm";

    private static string Golden(string name) => Path.Combine(Cli.RepoRoot, "tests", "NtmRules.Cli.Tests", "Golden", name);

    [GeneratedRegex("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();

    [GeneratedRegex(@"[\p{L}\p{M}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void The_evaluate_table_of_the_sample_in_English_matches_its_golden()
    {
        var r = Cli.Run("evaluate", "--set", Set, "--data", "samples/cam-thanh-2023.json", "--lang", "en");
        r.ExitCode.Should().Be(0, r.ToString());
        if (Environment.GetEnvironmentVariable("NTM_UPDATE_GOLDEN") == "1") File.WriteAllText(Golden("evaluate-cam-thanh-2023.en.txt"), r.Stdout);
        r.Stdout.Should().Be(File.ReadAllText(Golden("evaluate-cam-thanh-2023.en.txt")), "the English table must match evaluate-cam-thanh-2023.en.txt byte for byte (NTM_UPDATE_GOLDEN=1 rewrites it)");
        r.Stdout.Should().Contain("Criteria set: ").And.Contain("Result: ").And.Contain("criteria met").And.Contain("Thresholds used: ");
    }

    [Fact]
    public void The_text_outputs_say_nothing_in_Vietnamese_but_the_data_under_lang_en()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ntm-en-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var outputs = Outputs(dir);
            var data = DataTexts();
            // A label that is also part of a name in the data ("Bộ tiêu chí", "Tỷ lệ") cannot tell; the word check still holds.
            var templates = VietnameseTemplates().Where(t => !data.Any(d => d.Contains(t, StringComparison.Ordinal))).ToList();
            var vocabulary = data.SelectMany(d => Word().Matches(d).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
            var failures = new List<string>();
            foreach (var (name, text) in outputs)
            {
                var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\r', '│', '|'], StringSplitOptions.RemoveEmptyEntries));
                foreach (var t in templates.Where(t => flat.Contains(t, StringComparison.Ordinal))) failures.Add($"{name}: the Vietnamese label \"{t}\"");
                var words = Word().Matches(text.Normalize(NormalizationForm.FormC)).Select(m => m.Value)
                    .Where(w => VietnameseLetter().IsMatch(w) && !vocabulary.Contains(w)).Distinct().ToList();
                if (words.Count > 0) failures.Add($"{name}: Vietnamese words not from the data: {string.Join(", ", words)}");
            }
            failures.Should().BeEmpty("under --lang en only data stays Vietnamese; outputs:\n" + string.Join("\n", outputs.Select(o => $"--- {o.Name} ---\n{o.Text}")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Each command's standard output and error under <c>--lang en</c>, and the batch's report.</summary>
    private static List<(string Name, string Text)> Outputs(string dir)
    {
        var outputs = new List<(string Name, string Text)>();
        var store = Path.Combine(dir, "records.db");
        void Run(string name, params string[] args)
        {
            var r = Cli.Run([.. args, "--lang", "en"]);
            r.ExitCode.Should().Be(0, $"{name}: {r}");
            outputs.Add((name, r.Stdout + "\n" + r.Stderr));
        }
        Run("evaluate", "evaluate", "--set", Set, "--data", Cli.Sample("cam-thanh-2023.json"), "--save", "--store", store);
        Run("evaluate another commune", "evaluate", "--set", Set, "--data", Cli.Sample("son-bang-2023.json"), "--save", "--store", store);
        Run("trace", "trace", "--set", Set, "--data", Cli.Sample("cam-thanh-2023.json"), "--evaluated-at", "2026-11-22T09:00:00Z");
        var batch = Path.Combine(dir, "batch");
        Run("batch", "batch", "--set", Set, "--data", Cli.Sample("cam-thanh-2023.json"), "--out", batch);
        outputs.Add(("batch report.md", File.ReadAllText(Path.Combine(batch, "report.md"))));
        Run("history", "history", "--store", store);
        Run("compare", "compare", "1", "2", "--store", store);
        Run("verify", "verify", "--all", "--store", store);
        Run("measures", "measures", "--set", Set);
        return outputs;
    }

    /// <summary>
    /// The literal parts of the Vietnamese texts of the outputs' resources that hold a Vietnamese letter and two
    /// words or more (one word alone, "đạt", may well be part of a name), e.g. "Tiêu chí số", "không thỏa".
    /// </summary>
    private static List<string> VietnameseTemplates()
    {
        string[] resources =
        [
            "kernel/NtmRules.Kernel/Localization/OutputMessages.resx", "kernel/NtmRules.Kernel/Localization/DomainMessages.resx",
            "kernel/NtmRules.Intake/Localization/ReportMessages.resx", "kernel/NtmRules.Records/Localization/RecordMessages.resx",
            "kernel/NtmRules.Cli/Localization/RunMessages.resx",
        ];
        return resources
            .SelectMany(r => XDocument.Load(Path.Combine(Cli.RepoRoot, r)).Root!.Elements("data").Select(d => (string)d.Element("value")!))
            .SelectMany(v => Placeholder().Split(v))
            .Select(part => string.Join(' ', part.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim(' ', ',', ';', ':', '.', '(', ')', '—', '"', '\''))
            .Where(part => VietnameseLetter().IsMatch(part) && part.Contains(' '))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every text of the set's files and of the samples run (spaces made single): the names, units and quotes the outputs show.</summary>
    private static List<string> DataTexts()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Cli.RepoRoot, "plugins", "NtmRules.Plugins.Qd318", "sets"), "*.json", SearchOption.AllDirectories)
            .Append(Path.Combine(Cli.RepoRoot, "plugins", "NtmRules.Plugins.Qd318", "plugin.json"))
            .Append(Cli.Sample("cam-thanh-2023.json")).Append(Cli.Sample("son-bang-2023.json"));
        return files.SelectMany(file => JToken.Parse(File.ReadAllText(file)).SelectTokens("$..*").Where(t => t.Type == JTokenType.String))
            .Select(value => string.Join(' ', ((string)value!).Normalize(NormalizationForm.FormC).Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
    }
}

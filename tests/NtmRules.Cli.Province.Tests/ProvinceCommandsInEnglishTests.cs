using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;
using NtmRules.Intake.Forms;

namespace NtmRules.Cli.Tests;

/// <summary>
/// Under <c>--lang en</c> the province-side commands (plugin new, plugins, plugin test, plugin thresholds, plugin
/// export, form, annex-template) report their success in English. What stays Vietnamese in their lines is data: the
/// names, reasons and cases a plugin holds, the province typed, and the sheet names of the workbooks people fill in.
/// </summary>
public class ProvinceCommandsInEnglishTests
{
    private const string Province = "Tỉnh Mới";

    [Fact]
    public void The_province_side_commands_succeed_in_English_with_only_data_left_in_Vietnamese()
    {
        var root = Cli.TempPluginsFolder();
        var plugin = Path.Combine(root, "vn.tinh-moi");
        var qd318 = Cli.CopyPlugin("NtmRules.Plugins.Qd318", root);
        var outputs = new List<(string Command, string Text)>();
        void Ok(params string[] args)
        {
            var r = Cli.Run([.. args, "--lang", "en"], workingDirectory: root);
            r.ExitCode.Should().Be(0, r.ToString());
            outputs.Add((string.Join(' ', args.Take(3)), r.Stdout + r.Stderr));
        }

        Ok("plugin", "new", "--id", "vn.tinh-moi", "--province", Province, "--decision", "QĐ 12/2026/QĐ-UBND", "--date", "2026-03-15", "--out", plugin);
        Ok("plugins", "--plugins", root, "--allow-unsigned", "--unverified", "--on", "2026-06-30");
        Ok("plugin", "test", "--plugins", root, "--allow-unsigned", plugin);
        Ok("plugin", "thresholds", "vn.qd318.xa-ntm", "--out", Path.Combine(root, "nguong.xlsx"));
        Ok("plugin", "export", "vn.qd318.xa-ntm", "--annex", Path.Combine(root, "qd318.csv"));
        Ok("form", "--set", "vn.qd318.xa-ntm", "--out", Path.Combine(root, "bieu-mau.xlsx"));
        Ok("plugin", "annex-template", "--period", "2026-2030", "--out", Path.Combine(root, "phu-luc.xlsx"));

        var data = DataTexts([plugin, qd318]).Append(Province)
            .Concat([FormLayout.DetailsSheet, FormLayout.MeasuresSheet, FormLayout.NarrativeSheet, "Thông tin", "QĐ", "MÃ", "THƯ-MỤC"]).ToList();
        var dataWords = data.SelectMany(d => VietnameseLetters.In(d)).ToHashSet(StringComparer.Ordinal);
        var fragments = VietnameseFragments().Where(f => !data.Any(d => d.Contains(f, StringComparison.Ordinal))).ToList();
        fragments.Should().Contain("chỉ tiêu đúng như mong đợi", "the check knows the Vietnamese wording of the reports");
        foreach (var (command, text) in outputs)
        {
            // A table's cells hold the plugins' names and reasons (some composed by the kernel when a set inherits), wrapped
            // anywhere: its headings and labels are checked by the assertions below.
            var lines = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith('│')));
            VietnameseLetters.In(lines).Where(w => !dataWords.Contains(w)).Should().BeEmpty($"'ntm {command} --lang en' writes English:\n{text}");
            fragments.Where(f => lines.Contains(f, StringComparison.Ordinal)).Should().BeEmpty($"'ntm {command} --lang en' uses no Vietnamese message:\n{text}");
        }
        outputs[0].Text.Should().Contain("Created plugin vn.tinh-moi (data only) in ").And.Contain("of the sample commune: met.");
        outputs[1].Text.Should().Contain("Plugin folder: ").And.Contain("loaded").And.Contain("(data only)").And.Contain("in force on 2026-06-30")
            .And.Contain("Criteria set").And.Contain("Source or reason").And.Contain("signature NOT verified").And.Contain("thresholds not confirmed by a quotation");
        outputs[2].Text.Should().MatchRegex(@"\d+ test cases: \d+ passed, 0 failed; coverage \d+\.\d% \(\d+/\d+ indicators\)");
        outputs[3].Text.Should().MatchRegex(@"Wrote \d+ thresholds of set vn\.qd318\.xa-ntm \(\d+ confirmed, \d+ reported, \d+ assumed\)");
        outputs[6].Text.Should().Contain("Wrote an empty annex sheet for the period 2026-2030");
    }

    /// <summary>Every text a plugin holds (its JSON files' string values): the names, reasons and quotes its reports may show.</summary>
    private static IEnumerable<string> DataTexts(IEnumerable<string> folders) =>
        folders.SelectMany(f => Directory.EnumerateFiles(f, "*.json", SearchOption.AllDirectories))
            .SelectMany(file => JToken.Parse(File.ReadAllText(file)).SelectTokens("$..*").OfType<JValue>())
            .Where(v => v.Type == JTokenType.String)
            .Select(v => (string)v!);

    /// <summary>The fixed words of the province-side Vietnamese messages: each text between placeholders that has Vietnamese letters.</summary>
    private static IEnumerable<string> VietnameseFragments() =>
        new[] { "kernel/NtmRules.Cli/Localization/PluginMessages.resx", "kernel/NtmRules.Intake/Localization/AnnexMessages.resx" }
            .SelectMany(p => XDocument.Load(Path.Combine(Cli.RepoRoot, p)).Root!.Elements("data"))
            .SelectMany(d => Regex.Split((string)d.Element("value")!, @"\{\d+\}|\[/?[a-z]+\]"))
            .Select(f => f.Trim(' ', ':', ';', ',', '.', '(', ')', '"'))
            .Where(f => f.Length >= 8 && VietnameseLetters.In(f).Count > 0)
            .Distinct();
}

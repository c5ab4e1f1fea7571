using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace NtmRules.Cli.Tests;

/// <summary>End-to-end: `ntm draft` on the bundled samples, compared with reviewed golden files.</summary>
public class DraftCommandTests
{
    private static string Golden(string name) => Path.Combine(Cli.RepoRoot, "tests", "NtmRules.Cli.Tests", "Golden", name);

    /// <summary>Compares with the golden file; NTM_UPDATE_GOLDEN=1 rewrites it instead (then review the diff).</summary>
    private static void MatchesGolden(string actual, string name)
    {
        if (Environment.GetEnvironmentVariable("NTM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Golden(name), actual);
            return;
        }
        actual.Should().Be(File.ReadAllText(Golden(name)), $"the draft must match {name} byte for byte (NTM_UPDATE_GOLDEN=1 rewrites it)");
    }

    [Theory]
    [InlineData("vn.qd318.xa-ntm", "cam-thanh-2023.json", "cam-thanh-2023.xa-ntm.md")]
    [InlineData("vn.qd318.xa-ntm", "tan-lap-2024.json", "tan-lap-2024.xa-ntm.md")]
    [InlineData("vn.qd318.xa-ntm-nang-cao", "tan-lap-2024.json", "tan-lap-2024.xa-ntm-nang-cao.md")]
    public void Draft_matches_the_golden_file(string set, string sample, string golden)
    {
        var r = Cli.Run("draft", "--set", set, "--data", "samples/" + sample);
        r.ExitCode.Should().Be(0, r.ToString());
        MatchesGolden(r.Stdout, golden);
    }

    [Fact]
    public void Draft_is_identical_without_icu_culture_data()
    {
        var r = Cli.Run(["draft", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json"],
            new Dictionary<string, string?> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" });
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Be(File.ReadAllText(Golden("cam-thanh-2023.xa-ntm.md")));
    }

    [Fact]
    public void Cam_thanh_draft_reads_like_seed_001()
    {
        var md = File.ReadAllText(Golden("cam-thanh-2023.xa-ntm.md"));
        md.Should().Contain("# KẾ HOẠCH")
            .And.Contain("| Số:       /KH-UBND | *Cẩm Thành, ngày 15 tháng 7 năm 2023* |")
            .And.Contain("xã Cẩm Thành đạt 11/19 tiêu chí, 47/57 chỉ tiêu")
            .And.Contain("##### 1.2.1. Tiêu chí số 5: Trường học")
            .And.Contain("Kinh phí ước khoảng 7 tỷ đồng")
            .And.Contain("tỷ lệ hộ nghèo và cận nghèo đa chiều là 12,23%, cao hơn ngưỡng ≤ 6,5% là 5,73 điểm phần trăm")
            .And.Contain("## V. PHÂN CÔNG TRÁCH NHIỆM")
            .And.Contain("## VII. KINH PHÍ THỰC HIỆN")
            .And.Contain("**Cao Tiến Dũng**");
    }

    [Fact]
    public void Docx_is_an_administrative_document()
    {
        var path = Path.Combine(Path.GetTempPath(), "ntm-draft-" + Guid.NewGuid().ToString("N"), "ke-hoach.docx");
        var r = Cli.Run("draft", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json", "--out", path);
        r.ExitCode.Should().Be(0, r.ToString());
        using var doc = WordprocessingDocument.Open(path, false);
        var body = doc.MainDocumentPart!.Document.Body!;

        var section = body.Elements<SectionProperties>().Single();
        section.GetFirstChild<PageSize>()!.Width!.Value.Should().Be(11906U, "A4");
        section.GetFirstChild<PageMargin>()!.Left!.Value.Should().Be(1701U, "30 mm left margin");
        var defaults = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        defaults.RunFonts!.Ascii!.Value.Should().Be("Times New Roman");
        defaults.FontSize!.Val!.Value.Should().Be("26", "13 pt");

        var header = body.Elements<Table>().First();
        header.InnerText.Should().Contain("UBND XÃ CẨM THÀNH").And.Contain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").And.Contain("Độc lập - Tự do - Hạnh phúc")
            .And.Contain("Cẩm Thành, ngày 15 tháng 7 năm 2023");
        header.GetFirstChild<TableProperties>()!.GetFirstChild<TableBorders>()!.TopBorder!.Val!.Value.Should().Be(BorderValues.None);

        var paragraphs = body.Elements<Paragraph>().ToArray();
        var title = paragraphs.First(p => p.InnerText == "KẾ HOẠCH");
        title.ParagraphProperties!.Justification!.Val!.Value.Should().Be(JustificationValues.Center);
        title.Descendants<Bold>().Should().NotBeEmpty();
        string? Style(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        paragraphs.Where(p => Style(p) == "Heading5").Select(p => p.InnerText).Should().Contain("1.2.1. Tiêu chí số 5: Trường học");
        paragraphs.Where(p => Style(p) == "Heading2").Select(p => p.InnerText).Should().Contain("IV. MỤC TIÊU VÀ NHIỆM VỤ");
        body.InnerText.Should().Contain("Cao Tiến Dũng");
    }

    [Fact]
    public void Html_is_a_complete_page()
    {
        var path = Path.Combine(Path.GetTempPath(), "ntm-draft-" + Guid.NewGuid().ToString("N"), "ke-hoach.html");
        var r = Cli.Run("draft", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json", "--out", path);
        r.ExitCode.Should().Be(0, r.ToString());
        var html = File.ReadAllText(path);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<html lang=\"vi\">").And.Contain("<table class=\"layout layout-header\">")
            .And.Contain("<h1>KẾ HOẠCH</h1>").And.Contain("Times New Roman");
    }

    [Fact]
    public void Unknown_output_type_is_bad_input()
    {
        var r = Cli.Run("draft", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json", "--out", "/tmp/x.pdf");
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("unknown output type \".pdf\"");
    }

    [Fact]
    public void Plugin_template_with_a_syntax_error_refuses_the_plugin_naming_file_line_and_column()
    {
        var dir = Cli.TempPluginsFolder();
        var plugin = Cli.CopyPlugin("NtmRules.Plugins.Qd318", dir);
        Directory.CreateDirectory(Path.Combine(plugin, "templates"));
        File.WriteAllText(Path.Combine(plugin, "templates", "indicator.md.scriban"), "Nội dung {{ indicator.code }}\n{{ for x in }}\n");
        var r = Cli.Run("draft", "--plugins", dir, "--allow-unsigned", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json");
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stderr.Should().MatchRegex(@"indicator\.md\.scriban\(2,\d+\): error: template ""indicator\.md"" does not parse");
        var list = Cli.Run("plugins", "--plugins", dir, "--allow-unsigned", "--lang", "vi");
        list.ExitCode.Should().Be(3, list.ToString());
        list.Stdout.Should().Contain("bị từ chối").And.Contain("indicator.md.scriban");
    }

    [Fact]
    public void Plugin_template_that_loops_forever_fails_with_the_plugin_problem_code()
    {
        var dir = Cli.TempPluginsFolder();
        var plugin = Cli.CopyPlugin("NtmRules.Plugins.Qd318", dir);
        Directory.CreateDirectory(Path.Combine(plugin, "templates"));
        File.WriteAllText(Path.Combine(plugin, "templates", "indicator.md.scriban"), "{{ while true }}lặp {{ end }}");
        var r = Cli.Run("draft", "--plugins", dir, "--allow-unsigned", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json", "--out", Path.Combine(dir, "x.md"));
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stderr.Should().Contain("indicator.md.scriban").And.Contain("template failed");
        File.Exists(Path.Combine(dir, "x.md")).Should().BeFalse("nothing is written half-way");
    }
}

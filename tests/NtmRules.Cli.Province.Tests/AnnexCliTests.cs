namespace NtmRules.Cli.Tests;

/// <summary>
/// The annex path end to end through the built CLI: template, import, export, validate, test, and the
/// one plugin-id rule of <c>plugin new</c> and the host. Most cases are in-process in
/// <c>NtmRules.Intake.Tests/Annex*Tests.cs</c>; these check the commands, exit codes and messages.
/// </summary>
public class AnnexCliTests
{
    private static string Temp() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ntm-annex-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public void A_set_exported_as_an_annex_imports_as_a_plugin_that_validates_and_passes_its_tests()
    {
        var dir = Temp();
        var annex = Path.Combine(dir, "thanh-hoa.xlsx");
        var export = Cli.Run("plugin", "export", "vn.thanh-hoa.2022-2025.xa-ntm", "--annex", annex, "--lang", "vi");
        export.ExitCode.Should().Be(0, export.ToString());
        export.Stdout.Should().Contain("19 tiêu chí, 57 chỉ tiêu");
        var plugin = Path.Combine(dir, "plugin");
        var import = Cli.Run("plugin", "import", annex, "--id", "vn.thanh-hoa.ban-sao", "--decision", "QĐ 32/2022/QĐ-UBND", "--out", plugin, "--lang", "vi");
        import.ExitCode.Should().Be(0, import.ToString());
        import.Stdout.Should().Contain("Đã ghi plugin vn.thanh-hoa.ban-sao").And.Contain("ca kiểm thử sinh tại và sát từng mức: tất cả đạt");
        File.Exists(Path.Combine(plugin, "schemas", "criteria-set.schema.json")).Should().BeTrue();
        var validate = Cli.Run("plugin", "validate", plugin);
        validate.ExitCode.Should().Be(0, validate.ToString());
        var test = Cli.Run("plugin", "test", plugin, "--lang", "vi");
        test.ExitCode.Should().Be(0, test.ToString());
        test.Stdout.Should().MatchRegex(@"\d+ ca kiểm thử: \d+ đạt, 0 lỗi");
    }

    [Fact]
    public void The_blank_2026_2030_template_and_a_bad_cell_are_refused_with_sheet_row_and_column_and_exit_2_writing_nothing()
    {
        var dir = Temp();
        var template = Path.Combine(dir, "phu-luc-2026-2030.xlsx");
        var made = Cli.Run("plugin", "annex-template", "--period", "2026-2030", "--out", template, "--lang", "vi");
        made.ExitCode.Should().Be(0, made.ToString());
        made.Stdout.Should().Contain("10 lĩnh vực");
        var plugin = Path.Combine(dir, "plugin");
        var empty = Cli.Run("plugin", "import", template, "--id", "vn.quoc-gia.2026-2030", "--decision", "QĐ 51/2025/QĐ-TTg", "--out", plugin, "--lang", "vi");
        empty.ExitCode.Should().Be(2, empty.ToString());
        empty.Stderr.Should().Contain("chưa có chỉ tiêu nào");
        Directory.Exists(plugin).Should().BeFalse();

        var csv = Path.Combine(dir, "qd318.csv");
        Cli.Run("plugin", "export", "vn.qd318.xa-ntm", "--annex", csv).ExitCode.Should().Be(0);
        var lines = File.ReadAllLines(csv).ToList();
        var row = lines.FindIndex(l => l.StartsWith(",,2.1,", StringComparison.Ordinal));
        lines[row] = lines[row].Replace(",tỷ lệ,", ",phần trăm,", StringComparison.Ordinal);
        File.WriteAllLines(csv, lines);
        var bad = Cli.Run("plugin", "import", csv, "--id", "vn.qd318-ban-sao", "--decision", "QĐ 318/QĐ-TTg", "--date", "2022-03-08", "--authority", "Thủ tướng Chính phủ", "--out", plugin, "--lang", "vi");
        bad.ExitCode.Should().Be(2, bad.ToString());
        bad.Stderr.Should().Contain($"qd318.csv({row + 1},5): lỗi: Loại: loại chỉ tiêu phải là một trong");
        Directory.Exists(plugin).Should().BeFalse();
    }

    [Fact]
    public void Plugin_new_and_the_host_share_one_id_rule()
    {
        var dir = Temp();
        var folder = Path.Combine(dir, "quang-tri.2026");
        var made = Cli.Run("plugin", "new", "--id", "quang-tri.2026", "--province", "Quảng Trị", "--decision", "QĐ 1/2026/QĐ-UBND", "--date", "2026-03-01", "--out", folder);
        made.ExitCode.Should().Be(0, made.ToString());
        var validate = Cli.Run("plugin", "validate", folder);
        validate.ExitCode.Should().Be(0, validate.ToString());
        var refused = Cli.Run("plugin", "new", "--id", "Quang_Tri", "--province", "Quảng Trị", "--decision", "QĐ 1/2026/QĐ-UBND", "--out", Path.Combine(dir, "x"), "--lang", "vi");
        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.Stderr.Should().Contain("--id").And.Contain("chữ thường");
        var inEnglish = Cli.Run("plugin", "new", "--id", "Quang_Tri", "--province", "Quảng Trị", "--decision", "QĐ 1/2026/QĐ-UBND", "--out", Path.Combine(dir, "x"));
        inEnglish.Stderr.Should().Contain("--id").And.Contain("lower-case ASCII words");
    }
}

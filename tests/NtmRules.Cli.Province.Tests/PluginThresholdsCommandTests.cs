namespace NtmRules.Cli.Tests;

/// <summary><c>ntm plugin thresholds</c> end to end: the workbook out, the override plugin for a set bundled with ntm, exit codes.</summary>
public class PluginThresholdsCommandTests
{
    [Fact]
    public void Export_then_apply_writes_an_override_plugin_for_a_bundled_set_that_validates()
    {
        var dir = Cli.TempPluginsFolder();
        var workbook = Path.Combine(dir, "nguong.xlsx");
        var export = Cli.Run("plugin", "thresholds", "vn.qd318.xa-ntm", "--out", workbook, "--lang", "vi");
        export.ExitCode.Should().Be(0, export.ToString());
        export.Stdout.Should().MatchRegex(@"Đã ghi \d+ ngưỡng của bộ vn\.qd318\.xa-ntm \(\d+ đã xác nhận, \d+ theo văn bản áp dụng, \d+ giả định\)");
        File.ReadAllBytes(workbook).Take(2).Should().Equal((byte)'P', (byte)'K');

        var outDir = Path.Combine(dir, "qd318-xac-nhan");
        var apply = Cli.Run("plugin", "thresholds", "vn.qd318.xa-ntm", "--apply", workbook, "--out", outDir, "--lang", "vi");
        apply.ExitCode.Should().Be(0, apply.ToString());
        apply.Stdout.Should().Contain("plugin vn.qd318.xac-nhan phiên bản 1.0.0 (bộ vn.qd318.xac-nhan.xa-ntm)").And.Contain("không kết quả nào thay đổi");
        File.ReadAllText(Path.Combine(outDir, "sets", "xa-ntm.json")).Should().Contain("\"set\": \"vn.qd318.xa-ntm\"");
        var validate = Cli.Run("plugin", "validate", outDir);
        validate.ExitCode.Should().Be(0, validate.ToString());

        var again = Cli.Run("plugin", "thresholds", "vn.qd318.xa-ntm", "--apply", workbook, "--out", outDir);
        again.ExitCode.Should().Be(2, "the output folder is not empty");
        var notAWorkbook = Cli.Run("plugin", "thresholds", "vn.qd318.xa-ntm", "--apply", Path.Combine(outDir, "plugin.json"), "--out", Path.Combine(dir, "x"));
        notAWorkbook.ExitCode.Should().Be(2, notAWorkbook.ToString());
        notAWorkbook.Stderr.Should().Contain("not a readable Excel workbook");
        Directory.Exists(Path.Combine(dir, "x")).Should().BeFalse();
    }
}

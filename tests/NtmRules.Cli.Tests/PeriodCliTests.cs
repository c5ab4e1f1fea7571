using Newtonsoft.Json.Linq;

namespace NtmRules.Cli.Tests;

/// <summary>Set periods through the CLI: ntm plugins --on, and a 2026 assessment against a 2021–2025 set.</summary>
public class PeriodCliTests
{
    [Fact]
    public void Plugins_marks_the_sets_in_force_on_a_date_and_refuses_a_malformed_one()
    {
        var in2023 = Cli.Run("plugins", "--on", "2023-07-15", "--lang", "vi");
        in2023.ExitCode.Should().Be(0, in2023.ToString());
        in2023.Stdout.Should().Contain("đang có hiệu lực ngày 15/07/2023").And.Contain("hiệu lực từ");
        var in2026 = Cli.Run("plugins", "--on", "2026-03-01", "--lang", "vi");
        in2026.Stdout.Should().Contain("không có hiệu lực ngày 01/03/2026").And.NotContain("đang có hiệu lực ngày 01/03/2026");
        var english = Cli.Run("plugins", "--on", "2023-07-15", "--lang", "en");
        english.Stdout.Should().Contain("in force on 2023-07-15").And.NotContain("hiệu lực");
        var bad = Cli.Run("plugins", "--on", "01/03/2026");
        bad.ExitCode.Should().Be(2, bad.ToString());
        bad.Stderr.Should().Contain("--on").And.Contain("yyyy-mm-dd");
    }

    [Fact]
    public void A_2026_assessment_against_a_2021_2025_set_says_so_in_the_json_and_the_draft()
    {
        var o = JObject.Parse(File.ReadAllText(Cli.Sample("cam-thanh-2023.json")));
        o["year"] = 2026;
        o["assessmentDate"] = "2026-03-01";
        if (o["plan"] is JObject plan) { plan.Remove("date"); plan.Remove("year"); }
        var path = Path.Combine(Cli.TempPluginsFolder(), "cam-thanh-2026.json");
        File.WriteAllText(path, o.ToString());
        var json = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", path, "--format", "json");
        ((string)JObject.Parse(json.Stdout)["outsidePeriod"]!["message"]!).Should().Contain("01/03/2026").And.Contain("vn.qd318.xa-ntm");
        var draft = Cli.Run("draft", "--set", "vn.qd318.xa-ntm", "--data", path);
        draft.Stdout[..draft.Stdout.IndexOf("## I.", StringComparison.Ordinal)].Should().Contain("Lưu ý: Ngày đánh giá 01/03/2026 nằm ngoài thời gian hiệu lực", draft.ToString());
    }
}

using System.Text.RegularExpressions;

namespace NtmRules.Cli.Tests;

/// <summary>
/// <c>ntm bench</c> on small synthetic provinces: the command runs every path, checks them against
/// each other and prints the lines the performance goals are read from. No timing is asserted.
/// </summary>
public class BenchCommandTests
{
    [Fact]
    public void Three_paths_agree_and_the_goal_line_is_printed()
    {
        var r = Cli.Run("bench", "--communes", "20", "--runs", "1");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().MatchRegex(@"(?s)\(a\) plain RulesEngine.*\(b\) product.*through RulesEngine's executor.*\(c\) floor");
        Regex.IsMatch(r.Stdout, @"(?m)^speedup vs plain RulesEngine: \d+\.\d×; product/floor: \d+\.\d×; verdicts identical: yes$").Should().BeTrue(r.ToString());
    }

    [Fact]
    public void Draft_bench_renders_every_commune_and_reports_drafts_per_second()
    {
        var r = Cli.Run("bench", "--draft", "--communes", "12", "--runs", "2");
        r.ExitCode.Should().Be(0, r.ToString());
        var drafts = Regex.Match(r.Stdout, @"drafts: ([\d,]+) Markdown plans, ([\d,]+) indicator sections");
        drafts.Success.Should().BeTrue(r.ToString());
        drafts.Groups[1].Value.Should().Be("12");
        int.Parse(drafts.Groups[2].Value.Replace(",", "")).Should().BeGreaterThan(12, "synthetic communes miss several indicators each");
        r.Stdout.Should().Contain("every draft identical across the 2 run(s): yes");
        r.Stdout.Should().MatchRegex(@"(?m)^drafts per second: [\d,]+ \(drafting\), [\d,]+ \(evaluation \+ drafting\)$");
    }

    /// <summary>The opening words of the English lines of the log (headings, table columns, figures): none may start a Vietnamese line.</summary>
    private static readonly string[] EnglishLineStarts =
    [
        "ntm bench: set", "machine:", "cold start:", "generated,", "path ", "(a) plain", "(b) product", "    product", "(c) floor", "peak memory",
        "verdicts:", "allocated", "speedup", "drafts", "drafting:", "evaluation with", "Word documents", "== ",
    ];

    [Theory]
    [InlineData("comparison")]
    [InlineData("draft")]
    public void The_log_is_in_Vietnamese_when_asked_with_its_columns_aligned(string mode)
    {
        string[] args = mode == "draft" ? ["bench", "--draft", "--communes", "12", "--runs", "1"] : ["bench", "--communes", "20", "--runs", "1"];
        var r = Cli.Run([.. args, "--lang", "vi"]);
        r.ExitCode.Should().Be(0, r.ToString());
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("ntm bench: bộ vn.qd318.xa-ntm");
        lines.Should().NotContain(l => EnglishLineStarts.Any(e => l.StartsWith(e, StringComparison.Ordinal)), r.ToString());
        var heading = lines.Single(l => l.StartsWith("đường", StringComparison.Ordinal));
        var rows = lines.SkipWhile(l => l != heading).Skip(1).Take(mode == "draft" ? 3 : 5).ToList();
        rows.Should().OnlyContain(l => l.Length == heading.Length, "every row is as wide as the heading: " + r);
        if (mode == "draft") r.Stdout.Should().MatchRegex(@"(?m)^dự thảo mỗi giây: [\d.]+ \(dự thảo\), [\d.]+ \(đánh giá \+ dự thảo\)$");
        else r.Stdout.Should().MatchRegex(@"(?m)^tăng tốc so với RulesEngine thuần: \d+,\d×; sản phẩm/mức sàn: \d+,\d×; kết luận giống nhau: có$");
    }

    [Fact]
    public void Stream_and_draft_together_are_refused_as_bad_input()
    {
        var r = Cli.Run("bench", "--draft", "--stream", "--communes", "10");
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("--draft");
    }
}

using NJsonSchema;

namespace NtmRules.Cli.Tests;

/// <summary>End-to-end: `ntm trace` as an auditor runs it.</summary>
public class TraceCommandTests
{
    [Fact]
    public void Text_trace_of_a_failing_indicator_shows_figures_threshold_rule_citation_and_provenance()
    {
        var r = Cli.Run("trace", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json", "--indicator", "11", "--evaluated-at", "2026-11-22T09:00:00Z", "--lang", "vi");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("Tiêu chí số 11: Nghèo đa chiều (chưa đạt) › chỉ tiêu 11")
            .And.Contain("Kết quả: CHƯA ĐẠT — không đạt khi so với ngưỡng\n")
            .And.Contain("12,23% không thỏa ≤ 6,5%")
            .And.Contain("[hoNgheo]: 71 hộ")
            .And.Contain("[tongSoHo]: 1.784 hộ")
            .And.Contain("Căn cứ pháp lý: QĐ 318/QĐ-TTg")
            .And.Contain("Biểu thức: actual <= threshold")
            .And.Contain("Plugin: vn.qd318 phiên bản 1.0.0, SHA-256 nội dung ")
            .And.Contain("RulesEngine 6.0.1")
            .And.Contain("Thời điểm đánh giá: 2026-11-22 09:00:00 UTC");
        // Only the indicator asked for.
        r.Stdout.Should().NotContain("chỉ tiêu 12.2");
    }

    [Fact]
    public async Task Json_trace_validates_against_its_schema_and_is_reproducible_with_a_fixed_time()
    {
        string[] args = ["trace", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--format", "json", "--evaluated-at", "2026-11-22T09:00:00Z"];
        var first = Cli.Run(args);
        first.ExitCode.Should().Be(0, first.ToString());
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Cli.RepoRoot, "docs", "schemas", "trace.schema.json"));
        var errors = schema.Validate(first.Stdout);
        errors.Should().BeEmpty(string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Cli.Run(args).Stdout.Should().Be(first.Stdout);
    }

    [Fact]
    public void Unknown_indicator_lists_the_sets_codes()
    {
        var r = Cli.Run("trace", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--indicator", "17.99");
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("has no indicator \"17.99\"").And.Contain("17.12");
    }
}

/// <summary>
/// <c>--executor rulesengine</c> runs the same workflows through RulesEngine's own executor: a cross-check
/// anyone can run. Here the option reaching both commands; that both executors write the same evaluation
/// and trace for every shipped set is checked in process (NtmRules.Kernel.Tests: LazyTraceTests, ExecutorEquivalenceTests).
/// </summary>
public class ExecutorOptionTests
{
    [Theory]
    [InlineData("evaluate", "cam-thanh-2023.json", "vn.qd318.xa-ntm")]
    [InlineData("trace", "tan-lap-2024.json", "vn.qd318.xa-ntm-nang-cao")]
    public void RulesEngine_executor_gives_byte_identical_output(string command, string sample, string set)
    {
        string[] args = [command, "--set", set, "--data", Cli.Sample(sample), "--format", "json", .. (command == "trace" ? new[] { "--evaluated-at", "2026-11-22T09:00:00Z" } : [])];
        var compiled = Cli.Run(args);
        var engine = Cli.Run([.. args, "--executor", "rulesengine"]);
        compiled.ExitCode.Should().Be(0, compiled.ToString());
        engine.ExitCode.Should().Be(0, engine.ToString());
        engine.Stdout.Should().Be(compiled.Stdout);
    }

    [Fact]
    public void Unknown_executor_is_bad_input()
    {
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--executor", "fast", "--lang", "vi");
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("Không nhận giá trị 'fast'").And.Contain("rulesengine");
    }
}

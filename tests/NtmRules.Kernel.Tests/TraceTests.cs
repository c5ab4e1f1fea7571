using NtmRules.Tests.Shared;
using NJsonSchema;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

public class TraceTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static EvaluationResult Failing() =>
        EvaluateMini(Commune(PassingMeasures(("hoNgheo", "71"), ("hoCanNgheo", "149"), ("tongSoHo", "1784"), ("tyLeThamGiaBhyt", null!))));

    [Fact]
    public void Failed_comparison_carries_the_operand_values_that_made_it_fail()
    {
        var i = Failing().Indicator("11");
        i.Outcome.Should().Be(Outcome.FailedComparison);
        var rule = i.Rule!;
        rule.Evaluated.Should().BeTrue();
        rule.IsSuccess.Should().BeFalse();
        rule.Expression.Should().Be("actual <= threshold");
        rule.Params.Single(p => p.Name == "threshold").Value!.Value.Number.Should().Be(6);
        rule.Params.Single(p => p.Name == "actual").Value!.Value.Number.Should().BeApproximately(12.3318, 0.0001);
        rule.Params.Single(p => p.Name == "actual").Expression.Should().Be("Ntm.Rate(m.hoNgheo + m.hoCanNgheo, m.tongSoHo)");
    }

    [Fact]
    public void Missing_measure_is_missing_data_not_a_failed_comparison()
    {
        var i = Failing().Indicator("15.1");
        i.Outcome.Should().Be(Outcome.MissingData);
        i.Status.Should().Be(IndicatorStatus.ThieuSoLieu);
        i.Rule!.Evaluated.Should().BeFalse();
        i.Rule.Params.Should().OnlyContain(p => p.Value == null, "a rule run on absent data proves nothing");
    }

    [Fact]
    public async Task Expression_that_throws_is_an_expression_error_with_its_message()
    {
        var folder = CopyFixture("mini");
        var wf = Path.Combine(folder, "workflow.json");
        File.WriteAllText(wf, File.ReadAllText(wf).Replace("\"expression\": \"m.thuNhapBinhQuan\"", "\"expression\": \"Math.Round(m.thuNhapBinhQuan, -1)\""));
        var (compiled, evaluator) = Compile(folder);
        var result = await evaluator.EvaluateAsync(compiled, Commune(PassingMeasures()));
        var i = result.Indicator("10");
        i.Outcome.Should().Be(Outcome.ExpressionError);
        i.Status.Should().Be(IndicatorStatus.ChuaDat, "a rule that cannot be computed never counts as met");
        i.Error.Should().NotBeNullOrEmpty().And.Contain("digits", "the run-time exception's own message is kept");
        result.HasExpressionErrors.Should().BeTrue();
        result.Indicator("11").Outcome.Should().Be(Outcome.Met, "one broken rule does not stop the others");
    }

    [Fact]
    public async Task Zero_denominator_is_an_expression_error_not_a_verdict()
    {
        var folder = CopyFixture("mini");
        var set = Path.Combine(folder, "set.json");
        File.WriteAllText(set, File.ReadAllText(set).Replace("\"type\": \"integer\", \"min\": 1", "\"type\": \"integer\""));
        var (compiled, evaluator) = Compile(folder);
        var i = (await evaluator.EvaluateAsync(compiled, Commune(PassingMeasures(("tongSoHo", "0"))))).Indicator("11");
        i.Outcome.Should().Be(Outcome.ExpressionError);
        i.Error.Should().Contain("division by zero");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("11")]
    public async Task Trace_json_validates_against_its_schema(string? code)
    {
        var result = Failing();
        var writer = new StringWriter();
        TraceJsonWriter.Write(result, code is null ? result.Indicators : [result.Indicator(code)], Provenance.Of(result, At), writer);
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "trace.schema.json"));
        var errors = schema.Validate(writer.ToString());
        errors.Should().BeEmpty(string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        writer.ToString().Should().Contain("\"evaluatedAt\": \"2026-11-22T08:00:00Z\"").And.Contain("\"rulesEngineVersion\": \"6.0.1\"");
    }

    [Fact]
    public async Task Trace_schema_rejects_an_unknown_outcome()
    {
        var result = Failing();
        var writer = new StringWriter();
        TraceJsonWriter.Write(result, result.Indicators, Provenance.Of(result, At), writer);
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "trace.schema.json"));
        schema.Validate(writer.ToString().Replace("\"failed-comparison\"", "\"failed\"")).Should().NotBeEmpty();
    }

    [Fact]
    public void Text_trace_explains_a_failure_in_vietnamese()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var result = Failing();
        var writer = new StringWriter();
        TraceTextWriter.Write(result, [result.Indicator("11")], Provenance.Of(result, At), writer);
        var text = writer.ToString();
        text.Should().Contain("Kết quả: CHƯA ĐẠT")
            .And.Contain("12,33% không thỏa ≤ 6%, chênh 6,33 điểm phần trăm")
            .And.Contain("Số hộ nghèo [hoNgheo]: 71 hộ")
            .And.Contain("Tổng số hộ [tongSoHo]: 1.784 hộ")
            .And.Contain("Căn cứ pháp lý: QĐ 1/QĐ-TEST, 11")
            .And.Contain("actual = Ntm.Rate(m.hoNgheo + m.hoCanNgheo, m.tongSoHo)  →  12,3318")
            .And.Contain("Thời điểm đánh giá: 2026-11-22 08:00:00 UTC");
    }
}

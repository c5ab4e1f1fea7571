using NtmRules.Tests.Shared;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using NtmRules.Kernel.Tests.Drafting;
using Newtonsoft.Json.Linq;

namespace NtmRules.Kernel.Tests;

/// <summary>A date outside the set's period is said in every output a person or program reads, not only on standard error.</summary>
public class PeriodAwarenessTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    // The mini set is in force from 08/03/2022 to 31/12/2025.
    private static EvaluationResult Outside() => TestKit.EvaluateMini(TestKit.Commune(TestKit.PassingMeasures(), year: 2026, date: "2026-03-01"));

    private static EvaluationResult Inside() => TestKit.EvaluateMini(TestKit.Commune(TestKit.PassingMeasures(), year: 2024));

    [Fact]
    public void The_notice_names_the_date_and_the_period_in_vietnamese()
    {
        Outside().PeriodNotice.Should().Be("Ngày đánh giá 01/03/2026 nằm ngoài thời gian hiệu lực của bộ tiêu chí vn.test.mini (từ 08/03/2022 đến 31/12/2025); "
            + "ngưỡng dùng là ngưỡng gần nhất về thời gian, kết quả không phải đánh giá theo bộ tiêu chí đang có hiệu lực.");
        Inside().PeriodNotice.Should().BeNull();
    }

    [Fact]
    public void The_evaluation_json_and_the_trace_json_carry_it_only_outside_the_period()
    {
        foreach (var (result, expected) in new[] { (Outside(), true), (Inside(), false) })
        {
            var json = new StringWriter();
            EvaluationJsonWriter.Write(result, json);
            var trace = new StringWriter();
            TraceJsonWriter.Write(result, result.Indicators, Provenance.Of(result, At), trace);
            foreach (var text in new[] { json.ToString(), trace.ToString() })
            {
                var o = JObject.Parse(text);
                if (!expected) { o.ContainsKey("outsidePeriod").Should().BeFalse(); continue; }
                ((string)o["outsidePeriod"]!["to"]!).Should().Be("2025-12-31");
                ((string)o["outsidePeriod"]!["message"]!).Should().StartWith("Ngày đánh giá 01/03/2026");
            }
        }
    }

    [Fact]
    public void The_trace_text_and_the_draft_first_page_say_it()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var result = Outside();
        var trace = new StringWriter();
        TraceTextWriter.Write(result, [result.Indicator("11")], Provenance.Of(result, At), trace);
        trace.ToString().Should().Contain("CẢNH BÁO: Ngày đánh giá 01/03/2026 nằm ngoài thời gian hiệu lực");

        var draft = DraftKit.Render(result);
        var firstPage = draft[..draft.IndexOf("## I. CĂN CỨ", StringComparison.Ordinal)];
        firstPage.Should().Contain("**Lưu ý: Ngày đánh giá 01/03/2026 nằm ngoài thời gian hiệu lực");
        DraftKit.Render(Inside()).Should().NotContain("ngoài thời gian hiệu lực");
    }
}

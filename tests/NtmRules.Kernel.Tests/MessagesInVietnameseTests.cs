using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Output;
using NtmRules.Kernel.Testing;
using NtmRules.Tests.Shared;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The kernel's messages for people outside loading (#17), in the language of the session: Vietnamese
/// under "vi" (the product's default), today's words under "en". The trace's outcome kinds are said in
/// the session's language; their machine codes stay in the JSON outputs only.
/// </summary>
public class MessagesInVietnameseTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static string Golden(string name) => RepoPaths.Of("tests", "NtmRules.Kernel.Tests", "Golden", name);

    /// <summary>71 + 149 poor of 1.784 households (12,33% against ≤ 6%) and no BHYT figure: 11 fails, 15.1 lacks data.</summary>
    private static EvaluationResult Failing() =>
        EvaluateMini(Commune(PassingMeasures(("hoNgheo", "71"), ("hoCanNgheo", "149"), ("tongSoHo", "1784"), ("tyLeThamGiaBhyt", null!))));

    private static string Trace(EvaluationResult result, params string[] codes)
    {
        var writer = new StringWriter();
        TraceTextWriter.Write(result, codes.Select(result.Indicator), Provenance.Of(result, At), writer);
        return writer.ToString();
    }

    [Fact]
    public void The_trace_in_vietnamese_matches_its_golden_and_names_outcome_kinds_in_vietnamese_only()
    {
        using var _ = TestCulture.Use("vi");
        var text = Trace(Failing(), "11", "15.1");
        if (Environment.GetEnvironmentVariable("NTM_UPDATE_GOLDEN") == "1") File.WriteAllText(Golden("trace-mini.vi.txt"), text);
        text.Should().Be(File.ReadAllText(Golden("trace-mini.vi.txt")), "the Vietnamese trace must match trace-mini.vi.txt byte for byte (NTM_UPDATE_GOLDEN=1 rewrites it)");
        text.Should().Contain("Kết quả: CHƯA ĐẠT — không đạt khi so với ngưỡng\n")
            .And.Contain("Kết quả: THIẾU SỐ LIỆU — thiếu số liệu\n")
            .And.NotContain("failed-comparison").And.NotContain("missing-data");
    }

    [Fact]
    public void The_trace_in_english_matches_its_golden_with_english_labels_and_numbers()
    {
        using var _ = TestCulture.Use("en");
        var text = Trace(Failing(), "11", "15.1");
        if (Environment.GetEnvironmentVariable("NTM_UPDATE_GOLDEN") == "1") File.WriteAllText(Golden("trace-mini.en.txt"), text);
        text.Should().Be(File.ReadAllText(Golden("trace-mini.en.txt")), "the English trace must match trace-mini.en.txt byte for byte (NTM_UPDATE_GOLDEN=1 rewrites it)");
        text.Should().Contain("  Result: NOT MET — failed the comparison with the threshold (failed-comparison)\n")
            .And.Contain("12.33% does not meet ≤ 6%, a gap of 6.33 percentage points")
            .And.Contain("Tổng số hộ [tongSoHo]: 1784 hộ\n")
            .And.NotContain("Kết quả").And.NotContain("Nguồn gốc");
    }

    [Fact]
    public void Domain_labels_for_documents_stay_Vietnamese_in_an_English_session_and_say_it_in_the_language_asked_for()
    {
        using var _ = TestCulture.Use("en");
        var english = System.Globalization.CultureInfo.CurrentUICulture;
        IndicatorStatus.ChuaDat.Label().Should().Be("chưa đạt");
        IndicatorStatus.ChuaDat.Label(english).Should().Be("not met");
        Region.BTB.VietnameseName().Should().Be("Bắc Trung Bộ");
        Region.BTB.Name(english).Should().Be("North Central Coast");
        ProvenanceState.Reported.VietnameseName().Should().Be("theo văn bản áp dụng");
        ProvenanceState.Reported.Name(english).Should().Be("reported");
        Level.XaNtmNangCao.VietnameseName().Should().Be("xã nông thôn mới nâng cao");
        Level.XaNtmNangCao.Name(english).Should().Be("advanced new rural commune");
        CommuneGroup.Group2.VietnameseName().Should().Be("xã nhóm 2");
        IndicatorOriginKind.Overridden.Label().Should().Be("điều chỉnh");
        PluginSignature.NotChecked.Label.Should().Be("chưa kiểm tra chữ ký (chương trình không được giao bộ kiểm tra chữ ký plugin)");
        PluginSignature.NotChecked.LabelIn(english).Should().Be("signature not checked (the host was given no plugin verifier)");
        new LegalDecision("318/QĐ-TTg", new DateOnly(2022, 3, 8), "Thủ tướng Chính phủ", "").Reference
            .Should().Be("Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ");
        Regions.TryParse("Bắc Trung Bộ", out var parsed).Should().BeTrue();
        parsed.Should().Be(Region.BTB);
    }

    [Fact]
    public void A_problem_line_names_its_severity_in_the_session_language()
    {
        var error = new Problem(Severity.Error, "x", "data.json", 3, 5, "measures.tongSoHo");
        var warning = new Problem(Severity.Warning, "y", "data.json");
        using (TestCulture.Use("vi"))
        {
            error.ToString().Should().Be("data.json(3,5): lỗi: measures.tongSoHo: x");
            warning.ToString().Should().Be("data.json: cảnh báo: y");
        }
        using (TestCulture.Use("en"))
        {
            error.ToString().Should().Be("data.json(3,5): error: measures.tongSoHo: x");
        }
    }

    [Fact]
    public void Provenance_and_threshold_problems_are_in_vietnamese()
    {
        using var _ = TestCulture.Use("vi");
        new ThresholdProvenance(ProvenanceState.Confirmed, "docs/x.md", null, null, null).Problems().Should().Equal(
            "ngưỡng đã xác nhận cần 'quote' là lời văn nêu ngưỡng đó",
            "ngưỡng đã xác nhận cần 'location' (điều, phụ lục, mục hoặc trang)",
            "'document': \"docs/\" không phải văn bản công khai; hãy ghi chính văn bản đó (tên, cơ quan ban hành, ngày)");
        ThresholdProvenance.Assumed("").Problems().Should().Equal("ngưỡng giả định cần 'reason' là lý do chọn ngưỡng");

        var act = () => new Threshold(ComparisonOperator.LessThan, []);
        act.Should().Throw<ArgumentException>().WithMessage("Ngưỡng cần ít nhất một giá trị.");
        var backwards = () => new EffectivePeriod(new DateOnly(2025, 12, 31), new DateOnly(2022, 3, 8));
        backwards.Should().Throw<ArgumentException>().WithMessage("Thời gian hiệu lực kết thúc (08/03/2022) trước khi bắt đầu (31/12/2025).");
        PluginSignature.NotChecked.Label.Should().Be("chưa kiểm tra chữ ký (chương trình không được giao bộ kiểm tra chữ ký plugin)");
    }

    [Fact]
    public void Errors_of_plugin_test_cases_are_in_vietnamese_with_their_places()
    {
        var json = "{\n  \"format\": \"ntm.plugin-test/1\",\n  \"name\": \"x\",\n  \"set\": \"vn.test.mini\",\n  \"data\": \"../../ngoai.json\",\n  \"expect\": {\n    \"99.9\": \"dat\",\n    \"15.1\": \"passed\"\n  }\n}";
        using var _ = TestCulture.Use("vi");
        var e = ReadFails(PluginWith(("tests/x.test.json", json)));
        e.Problems.Should().Contain(p => p.Line == 5 && p.Message == "tệp số liệu \"../../ngoai.json\" nằm ngoài thư mục plugin; ca kiểm thử chỉ được dùng tệp trong thư mục này để mang theo cùng plugin");
        e.Problems.Should().Contain(p => p.Line == 7 && p.Message == "bộ tiêu chí vn.test.mini không có chỉ tiêu \"99.9\" (các chỉ tiêu của bộ: 1.1, 10, 11, 13.4, 15.1)");
        e.Problems.Should().Contain(p => p.Line == 8 && p.Message == "kết quả \"passed\" không hợp lệ; dùng một trong dat, chua-dat, thieu-so-lieu, khong-ap-dung");
        e.Problems.Should().OnlyContain(p => p.ToString().Contains(": lỗi: "));

        ReadFails(PluginWith()).Problems.Single().Message.Should()
            .Be("plugin chưa có ca kiểm thử nào: cần các tệp tests/*.test.json (định dạng ntm.plugin-test/1; xem docs/plugin-tests.md)");
    }

    [Fact]
    public async Task A_refused_plugin_says_in_vietnamese_that_its_tests_cannot_run()
    {
        var dir = PluginWith();
        File.WriteAllText(Path.Combine(dir, "set.json"), "{ not json");
        using var _ = TestCulture.Use("vi");
        var act = () => PluginTestRunner.RunAsync(PluginHost.LoadCandidate(dir, null));
        (await act.Should().ThrowAsync<PluginException>()).Which.Problems[0].Message.Should().Be("plugin bị từ chối khi nạp nên không chạy được các ca kiểm thử");
    }

    [Fact]
    public void Errors_of_plugin_test_cases_keep_their_english_words_under_en()
    {
        using var _ = TestCulture.Use("en");
        var e = ReadFails(PluginWith(("tests/x.test.json", "{ \"format\": \"ntm.plugin-test/1\", \"name\": \"x\", \"set\": \"vn.test.mini\", \"data\": \"d.json\", \"expect\": {} }")));
        e.Problems.Should().Contain(p => p.Message == "'expect' is empty: a case must check at least one indicator");
    }

    private static string PluginWith(params (string Path, string Json)[] files) => PluginTestingTests.PluginWith(files);

    private static InputException ReadFails(string dir)
    {
        var act = () => PluginTestRunner.RunAsync(PluginHost.LoadCandidate(dir, null));
        return act.Should().ThrowAsync<InputException>().GetAwaiter().GetResult().Which;
    }
}

using NtmRules.Drafting;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using static NtmRules.Kernel.Tests.Drafting.DraftKit;

namespace NtmRules.Kernel.Tests.Drafting;

public class PlanRenderingTests
{
    [Fact]
    public void Unmet_indicator_gets_cause_with_figures_and_gap_computed_target_and_draft_proposal()
    {
        var md = Render(Failing());
        md.Should().Contain("##### 1.2.2. Tiêu chí số 11: Nghèo đa chiều")
            .And.Contain("*Nguyên nhân:* Hiện nay: số hộ nghèo 71 hộ; số hộ cận nghèo 149 hộ; tổng số hộ 1.784 hộ; tỷ lệ hộ nghèo và cận nghèo là 12,33%, cao hơn ngưỡng ≤ 6% là 6,33 điểm phần trăm.")
            .And.Contain("*Mục tiêu:* Đến hết Quý III/2023, giảm tổng số hộ nghèo và số hộ cận nghèo ít nhất 113 hộ (từ 220 xuống còn 107 hộ) để tỷ lệ hộ nghèo và cận nghèo còn không quá 6%.")
            .And.Contain("*Đề xuất:* \\[Dự thảo — cần bổ sung\\]")
            .And.Contain("Số nội dung còn để trống chờ xã bổ sung: 2.");
        md.Should().Contain("xã Xã Thử đạt 2/5 tiêu chí, 2/5 chỉ tiêu; 1 chỉ tiêu chưa có số liệu", "15.1 is missing data and 1.1, 11 are not met")
            .And.NotContain("**Nội dung 15.1:**", "an indicator without figures is not an unmet indicator")
            .And.Contain("| 1 | 15.1: Tỷ lệ người dân tham gia BHYT |");
    }

    [Fact]
    public void Commune_narrative_and_budget_by_source_are_used()
    {
        var md = Render(Failing(
            narrative: """
            { "11": { "cause": "Do dịch Covid-19.", "target": "Giảm xuống dưới 6%.", "targetDate": "2023-12-31", "proposal": "Hỗ trợ sinh kế.", "budget": 7000, "fundingSource": "trung-uong", "leadOffice": "Ban Thử", "quarter": 2 },
              "1.1": { "proposal": "Lập quy hoạch.", "budget": 450.5, "fundingSource": "dia-phuong" },
              "15.1": { "budget": 120 } }
            """));
        md.Should().Contain("cao hơn ngưỡng ≤ 6% là 6,33 điểm phần trăm. Do dịch Covid-19.")
            .And.Contain("*Mục tiêu:* Giảm xuống dưới 6%. Khối lượng cần thực hiện: giảm tổng số hộ nghèo và số hộ cận nghèo ít nhất 113 hộ (từ 220 xuống còn 107 hộ). Thời hạn: ngày 31 tháng 12 năm 2023.")
            .And.Contain("*Đề xuất:* Hỗ trợ sinh kế. Kinh phí ước khoảng 7 tỷ đồng (ngân sách trung ương). *Chủ trì: Ban Thử; thời hạn: Quý IV/2023.*")
            .And.Contain("| Ngân sách trung ương | 7.000 triệu đồng |")
            .And.Contain("| Ngân sách địa phương | 450,5 triệu đồng |")
            .And.Contain("| **Tổng cộng** | **7.450,5 triệu đồng** |", "15.1 lacks figures: its budget waits for them")
            .And.Contain("| 2 | Ban Thử | Chỉ tiêu 11: Tỷ lệ nghèo đa chiều | giảm tổng số hộ nghèo và số hộ cận nghèo ít nhất 113 hộ (từ 220 xuống còn 107 hộ) |  | Quý IV/2023 |");
    }

    [Fact]
    public void Header_title_and_signature_come_from_the_plan_details()
    {
        var md = Render(Failing(plan: """
            { "issuingBody": "UBND XÃ THỬ", "parentBody": "UBND TỈNH THỬ", "number": "12/KH-UBND", "place": "Thử", "date": "2023-03-09", "year": 2024,
              "signer": { "authority": "TM. ỦY BAN NHÂN DÂN", "position": ["CHỦ TỊCH"], "name": "Nguyễn Văn A" }, "recipients": ["Như trên;", "Lưu: VT."],
              "legalBases": ["Nghị quyết số 1/NQ-HĐND"] }
            """));
        md.Should().Contain("| UBND TỈNH THỬ<br>**UBND XÃ THỬ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |")
            .And.Contain("| Số: 12/KH-UBND | *Thử, ngày 09 tháng 3 năm 2023* |")
            .And.Contain("# KẾ HOẠCH")
            .And.Contain("*Nghị quyết số 1/NQ-HĐND;*")
            .And.Contain("phấn đấu đến cuối năm 2024")
            .And.Contain("- Như trên;<br>- Lưu: VT. | **CHỦ TỊCH**<br><br><br><br>**Nguyễn Văn A** |");
    }

    [Fact]
    public void User_text_cannot_inject_markdown()
    {
        var md = Render(Failing(narrative: """{ "11": { "cause": "a | b *c* [x](http://x) # d" } }"""));
        md.Should().Contain("a \\| b \\*c\\* \\[x\\](http://x) \\# d");
    }

    [Fact]
    public void Rendering_is_deterministic_and_nfc()
    {
        var a = Render(Failing());
        a.Should().Be(Render(Failing()));
        a.IsNormalized(System.Text.NormalizationForm.FormC).Should().BeTrue();
    }

    [Fact]
    public void Misspelled_variable_is_an_error_not_empty_text()
    {
        var act = () => Render(Failing(), With("indicator.md", "{{ indicator.caus_figures }}"));
        act.Should().Throw<PluginException>().Which.Problems.Single().Message.Should().Contain("caus_figures");
    }

    [Fact]
    public void Endless_loop_is_stopped_by_the_loop_limit()
    {
        var act = () => Render(Failing(), With("plan.md", "{{ while true }}x{{ end }}"));
        var problem = act.Should().Throw<PluginException>().Which.Problems.Single();
        problem.Message.Should().Contain("template failed").And.Contain("loop");
        problem.File.Should().Be("plan.md.scriban");
        problem.Line.Should().Be(1);
    }

    [Fact]
    public void Endless_recursion_is_stopped()
    {
        var act = () => Render(Failing(), With("indicator.md", "{{ include 'indicator.md' }}"));
        act.Should().Throw<PluginException>().Which.Problems.Single().Message.Should().Contain("template failed");
    }

    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("plan")]
    public void Include_outside_the_known_templates_is_refused(string name)
    {
        var act = () => Render(Failing(), With("plan.md", "{{ include '" + name + "' }}"));
        act.Should().Throw<PluginException>().Which.Problems.Single().Message.Should().Contain("is not a plan template");
    }

    [Fact]
    public void Clock_is_not_available_to_templates()
    {
        var act = () => Render(Failing(), With("plan.md", "{{ date.now }}"));
        act.Should().Throw<PluginException>();
    }

    [Theory]
    [InlineData("{{ string.upcase = 1 }}")]
    [InlineData("{{ md.escape = 1 }}")]
    public void A_template_cannot_change_the_builtins_shared_by_later_renders(string text)
    {
        var act = () => Render(Failing(), With("plan.md", text));
        act.Should().Throw<PluginException>();
        Render(Failing(), With("plan.md", "{{ 'a*b' | string.upcase | md.escape }}")).Should().Be("A\\*B");
    }

    [Fact]
    public void A_template_shadowing_a_builtin_does_so_for_its_own_render_only()
    {
        Render(Failing(), With("plan.md", "{{ string = 1 }}{{ string }}")).Should().Be("1");
        Render(Failing(), With("plan.md", "{{ 'a' | string.upcase }}")).Should().Be("A");
    }

    [Fact]
    public void Md_escape_with_the_wrong_number_of_arguments_names_the_function()
    {
        var act = () => Render(Failing(), With("plan.md", "{{ md.escape 'a' 'b' }}"));
        act.Should().Throw<PluginException>().Which.Problems.Single().Message.Should().Contain("md.escape");
    }

    [Fact]
    public void Md_escape_shows_numbers_and_nothing_as_text()
    {
        Render(Failing(), With("plan.md", "[{{ md.escape 12 }}|{{ md.escape null }}|{{ md.escape '_x_' }}]")).Should().Be("[12||\\_x\\_]");
    }

    [Fact]
    public void Plugin_template_with_a_syntax_error_is_reported_with_file_line_and_column()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntm-tpl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        File.WriteAllText(Path.Combine(folder, "templates", "indicator.md.scriban"), "ok\n{{ if indicator.code }\n");
        File.WriteAllText(Path.Combine(folder, "templates", "footer.md.scriban"), "x");
        var problems = Defaults.Check(new PluginInfo("vn.test.tpl", "t", "1", "t", folder, "")).ToArray();
        problems.Should().Contain(p => p.File!.EndsWith("indicator.md.scriban") && p.Line == 2 && p.Column != null && p.Message.Contains("does not parse"));
        problems.Should().Contain(p => p.Message.Contains("overrides no known template"));
    }

    [Fact]
    public void Plugin_override_replaces_the_default_for_its_sets_only()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntm-tpl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        File.WriteAllText(Path.Combine(folder, "templates", "indicator.md.scriban"), "TỈNH: {{ indicator.code }}\n");
        var library = TemplateLibrary.Load(RepoPaths.Of("templates"));
        library.Check(new PluginInfo("vn.test", "t", "1", "t", folder, "")).Should().BeEmpty();
        var result = Failing();
        Render(result, library.For(result.Set)).Should().Contain("TỈNH: 11");
        Render(result, Defaults.For(result.Set)).Should().NotContain("TỈNH: 11");
    }

    [Theory]
    [InlineData("""{ "11": { "budget": "7 tỷ" } }""", "narrative.11.budget", "must be a number")]
    [InlineData("""{ "11": { "cause": 5 } }""", "narrative.11.cause", "must be a string")]
    [InlineData("""{ "11": { "quarter": 5 } }""", "narrative.11.quarter", "quarter must be 1, 2, 3 or 4")]
    [InlineData("""{ "11": { "fundingSource": "ngan-hang" } }""", "narrative.11.fundingSource", "unknown funding source")]
    [InlineData("""{ "11": { "targetDate": "31/12/2023" } }""", "narrative.11.targetDate", "yyyy-MM-dd")]
    public void Mistyped_narrative_fields_are_input_errors_naming_the_field(string narrative, string field, string message)
    {
        var act = () => Failing(narrative: narrative);
        var problem = act.Should().Throw<InputException>().Which.Problems.Single();
        problem.Field.Should().Be(field);
        problem.Message.Should().Contain(message);
        problem.Line.Should().NotBeNull();
    }
}

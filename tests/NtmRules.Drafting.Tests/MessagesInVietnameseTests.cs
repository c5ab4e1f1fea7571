using NtmRules.Drafting;
using NtmRules.Drafting.Library;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Tests.Shared;
using static NtmRules.Kernel.Tests.Drafting.DraftKit;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// The drafting library's messages for people (#17) in the session's language: the errors of templates,
/// of a plugin's drafting library and of the output type, in Vietnamese under "vi" and in today's English
/// under "en". The drafts themselves are Vietnamese documents in both.
/// </summary>
public class MessagesInVietnameseTests
{
    private static Problem[] CheckPlugin(params (string File, string Text)[] files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntm-vi-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        foreach (var (file, text) in files) File.WriteAllText(Path.Combine(folder, "templates", file), text);
        return TemplateLibrary.Load(RepoPaths.Of("templates")).Check(new PluginInfo("vn.test", "t", "1", "t", folder, "")).ToArray();
    }

    [Fact]
    public void Errors_of_a_drafting_library_are_in_vietnamese_at_their_lines()
    {
        using var _ = TestCulture.Use("vi");
        var problems = CheckPlugin((DraftingLibrary.FileName, """
            {
              "format": "ntm.drafting-library/1",
              "plans": { "kh": "Kế hoạch thử" },
              "entries": [
                { "indicators": { "vn.test": "11" }, "lead": "phong-huyen",
                  "causes": [ { "text": "[Dự thảo — cần bổ sung]", "plan": "kh" } ],
                  "measures": [ { "text": "Làm ngay", "plan": "khac", "effort": "quick" } ] },
                { "indicators": { "vn.test": "11" } }
              ]
            }
            """));
        problems.Should().Contain(p => p.Line == 5 && p.Message.StartsWith("không có vai trò phong-huyen; các vai trò: ban-quan-ly-ntm, "));
        problems.Should().Contain(p => p.Line == 6 && p.Message == "văn bản trong thư viện phải viết đầy đủ, không để chỗ trống cần bổ sung");
        problems.Should().Contain(p => p.Line == 7 && p.Message == "không có kế hoạch \"khac\"; hãy khai báo trong 'plans' với tên và cơ quan ban hành");
        problems.Should().Contain(p => p.Line == 8 && p.Message == "chỉ tiêu 11 của bộ tiêu chí vn.test có hai mục");
        problems.Should().OnlyContain(p => p.ToString().Contains(": lỗi: "));
    }

    [Fact]
    public void Errors_of_plugin_templates_are_in_vietnamese()
    {
        using var _ = TestCulture.Use("vi");
        CheckPlugin(("indicator.md.scriban", "{{ if }}\n")).Should().Contain(p => p.Message.StartsWith("mẫu \"indicator.md\" sai cú pháp: ") && p.Line == 1);
        CheckPlugin(("khong-co.md.scriban", "x\n")).Should().ContainSingle().Which.Message.Should()
            .StartWith("mẫu \"khong-co.md\" không thay thế mẫu nào đã có; plugin chỉ được thay thế: ");
        var doubling = CheckPlugin(("indicator.md.scriban", "x\n{{ s = 'ab'; for i in 1..9000; s = s + s; end; s | string.size }}\n"));
        doubling.Should().ContainSingle().Which.Message.Should().StartWith("mẫu chạy lỗi: ").And.EndWith(" (trên kế hoạch thử mà `ntm plugin validate` dựng)");
    }

    [Fact]
    public void An_unknown_output_type_is_refused_in_the_session_language()
    {
        var act = () => PlanDrafter.ParseFormat("pdf", "--out");
        using (TestCulture.Use("vi"))
            act.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Be("không có loại tệp đầu ra \"pdf\": dùng .md, .html hoặc .docx");
        using (TestCulture.Use("en"))
            act.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Be("unknown output type \"pdf\": use .md, .html or .docx");
    }

    [Fact]
    public void A_template_stopped_at_the_time_limit_says_so_with_a_vietnamese_number()
    {
        // 9.999 × 4 replacements in a string of 160.000 characters: seconds of work, stopped at 0,5 s.
        const string slow = "{{ s = ''; for i in 1..4000; s = s + '0123456789012345678901234567890123456789'; end; for i in 1..9999; t = s | string.replace '0' '1' | string.replace '1' '2' | string.replace '2' '3' | string.replace '3' '4'; end; t | string.size }}";
        using var _ = TestCulture.Use("vi");
        var act = () => PlanRenderer.Render(PlanModelBuilder.Build(Failing(), Defaults.Guidance(Failing().Set)), With("plan.md", slow), TimeSpan.FromMilliseconds(500));
        act.Should().Throw<PluginException>().Which.Problems.Single().Message.Should()
            .Be("mẫu chạy lỗi: dựng dự thảo quá 0,5 giây nên bị dừng (một kế hoạch chỉ cần vài phần nghìn giây)");
    }

    [Fact]
    public void The_draft_stays_vietnamese_whatever_the_session_language()
    {
        string vi, en;
        using (TestCulture.Use("vi")) vi = Render(Failing());
        using (TestCulture.Use("en")) en = Render(Failing());
        en.Should().Be(vi).And.Contain("KẾ HOẠCH");
    }
}

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Newtonsoft.Json.Linq;
using NtmRules.Drafting;
using NtmRules.Drafting.Library;
using static NtmRules.Kernel.Tests.Drafting.ShippedPlugins;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// Plans dated from 1 July 2025, when the district level is gone: the header names the commune's
/// People's Committee alone, laid out as Nghị định 30/2020/NĐ-CP sets it, the commune has no district,
/// and work falls to the commune's offices (Nghị định 150/2025/NĐ-CP). Plans before keep their layout.
/// </summary>
public class AfterMergersDraftTests
{
    private static string Golden(string name) => RepoPaths.Of("tests", "NtmRules.Drafting.Tests", "Golden", name);

    /// <summary>Cẩm Thành's plan moved to 15/9/2025, its commune given no district (a commune after the mergers).</summary>
    private static void After(JObject j)
    {
        ((JObject)j["commune"]!).Remove("district");
        j["plan"]!["date"] = "2025-09-15";
        j["plan"]!["year"] = 2025;
        ((JObject)j["plan"]!).Remove("issuingBody");
        ((JObject)j["plan"]!).Remove("parentBody");
    }

    [Fact]
    public void The_header_from_1_July_2025_is_the_communes_peoples_committee_alone()
    {
        var plan = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", After));
        plan.Header.ParentBody.Should().BeEmpty();
        plan.Header.IssuingBodyLines.Should().Equal("ỦY BAN NHÂN DÂN", "XÃ CẨM THÀNH");
        plan.Commune.District.Should().BeEmpty();
        var md = Drafter.Markdown(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", After));
        md.Should().Contain("| **ỦY BAN NHÂN DÂN**<br>**XÃ CẨM THÀNH** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**")
            .And.NotContain("UBND HUYỆN").And.NotContain("UBND TỈNH");
    }

    [Fact]
    public void A_parent_body_copied_from_an_older_plan_is_not_printed_after_the_mergers()
    {
        var plan = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", j => { After(j); j["plan"]!["parentBody"] = "UBND HUYỆN CẨM THỦY"; }));
        plan.Header.ParentBody.Should().BeEmpty();
    }

    [Fact]
    public void A_plan_before_1_July_2025_keeps_the_district_above_the_commune()
    {
        var plan = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", j => { ((JObject)j["plan"]!).Remove("parentBody"); ((JObject)j["plan"]!).Remove("issuingBody"); }));
        plan.Header.ParentBody.Should().Be("UBND HUYỆN CẨM THỦY");
        plan.Header.IssuingBodyLines.Should().Equal("UBND XÃ CẨM THÀNH");
        plan.Commune.District.Should().Be("Cẩm Thủy");
        var items = plan.Sections.SelectMany(s => s.Items).ToArray();
        items.Single(i => i.Code == "15.1").Lead.Should().Be("Công chức Văn hóa - Xã hội");
    }

    [Fact]
    public void Work_after_the_mergers_falls_to_the_communes_offices_each_named_once()
    {
        var plan = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", j => { After(j); j.Remove("narrative"); }));
        var items = plan.Sections.SelectMany(s => s.Items).ToArray();
        items.Single(i => i.Code == "15.1").Lead.Should().Be("Phòng Văn hóa - Xã hội xã");
        items.Single(i => i.Code == "15.1").Support.Should().Contain("Trạm y tế xã");
        items.Single(i => i.Code == "19.2").Lead.Should().Be("Công an xã", "the commune police keep their name");
        items.Should().OnlyContain(i => !i.Lead.Contains("Công chức", StringComparison.Ordinal) && !i.Support.Contains("Công chức", StringComparison.Ordinal));
        // Several civil servants' fields fall to one office: it is named once, and never as its own support.
        items.Should().OnlyContain(i => !i.Support.Split(", ").Contains(i.Lead) && i.Support.Split(", ").Distinct().Count() == i.Support.Split(", ").Length);
        plan.Assignments.Should().NotContain(a => a.Office.StartsWith("Công chức", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_province_names_the_office_of_a_role_in_its_library()
    {
        var (host, templates) = ShippedPlugins.Load(root =>
        {
            var file = Path.Combine(root, "NtmRules.Plugins.Qd318", "templates", DraftingLibrary.FileName);
            var library = JObject.Parse(File.ReadAllText(file));
            library["offices"] = new JObject { ["van-hoa-xa-hoi"] = "Phòng Văn hóa - Xã hội phường" };
            File.WriteAllText(file, library.ToString());
        });
        var json = JObject.Parse(File.ReadAllText(RepoPaths.Of("samples", "cam-thanh-2023.json")));
        After(json);
        json.Remove("narrative");
        var data = Kernel.Data.CommuneDataReader.Parse(System.Text.Encoding.UTF8.GetBytes(json.ToString()), "x.json", []);
        var result = await host.Evaluator.EvaluateAsync(host.GetSet("vn.qd318.xa-ntm"), data);
        new PlanDrafter(templates).Model(result).Sections.SelectMany(s => s.Items).Single(i => i.Code == "15.1").Lead.Should().Be("Phòng Văn hóa - Xã hội phường");
    }

    [Fact]
    public void The_docx_header_sets_both_lines_of_the_issuing_body_in_bold_with_one_rule_under_the_last()
    {
        var docx = Drafter.Draft(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", After), DraftFormat.Docx).Content;
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Paragraph Line(string text) => doc.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().First(p => p.InnerText == text);
        static bool Bold(Paragraph p) => p.Descendants<Run>().Where(r => r.InnerText.Trim().Length > 0).All(r => r.RunProperties?.Bold is not null);
        static bool Ruled(Paragraph p) => p.ParagraphProperties?.ParagraphBorders?.BottomBorder is not null;
        var first = Line("ỦY BAN NHÂN DÂN");
        var second = Line("XÃ CẨM THÀNH");
        Bold(first).Should().BeTrue();
        Ruled(first).Should().BeFalse();
        Bold(second).Should().BeTrue();
        Ruled(second).Should().BeTrue();
        doc.MainDocumentPart!.Document.Body!.InnerText.Should().NotContain("HUYỆN");
    }

    [Fact]
    public void The_draft_after_the_mergers_matches_its_golden_file()
    {
        var actual = Drafter.Markdown(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", After));
        var name = "cam-thanh-2025-after-mergers.vn.qd318.xa-ntm.md";
        if (Environment.GetEnvironmentVariable("NTM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Golden(name), actual);
            return;
        }
        actual.Should().Be(File.ReadAllText(Golden(name)), $"the draft must match {name} byte for byte (NTM_UPDATE_GOLDEN=1 rewrites it)");
    }
}

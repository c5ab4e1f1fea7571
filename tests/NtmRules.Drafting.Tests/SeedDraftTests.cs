using NtmRules.Drafting;
using NtmRules.Drafting.Model;
using static NtmRules.Kernel.Tests.Drafting.ShippedPlugins;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// The drafts of the seed communes with the shipped plugins: golden files, no placeholder left for
/// any shipped set's sample, and what a commune officer checks first — computed targets, commune
/// roles, due dates, missing data kept apart, Căn cứ in force, unconfirmed thresholds footnoted.
/// </summary>
public class SeedDraftTests
{
    private static string Golden(string name) => RepoPaths.Of("tests", "NtmRules.Drafting.Tests", "Golden", name);

    /// <summary>Compares with the golden file; NTM_UPDATE_GOLDEN=1 rewrites it instead (then review the diff).</summary>
    private static void MatchesGolden(string actual, string name)
    {
        if (Environment.GetEnvironmentVariable("NTM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Golden(name), actual);
            return;
        }
        actual.Should().Be(File.ReadAllText(Golden(name)), $"the draft must match {name} byte for byte (NTM_UPDATE_GOLDEN=1 rewrites it)");
    }

    private static string Draft(string set, string sample, bool narrative = true) =>
        Drafter.Markdown(Evaluate(set, sample, narrative ? null : j => j.Remove("narrative")));

    [Theory]
    [InlineData("vn.thanh-hoa.2022-2025.xa-ntm", "cam-thanh-2023.json")]
    [InlineData("vn.lang-son.2022-2025.xa-ntm-nang-cao", "tan-lap-2024.json")]
    [InlineData("vn.qd318.xa-ntm-nang-cao", "tan-lap-2024.json")]
    [InlineData("vn.cao-bang.2022-2025.xom-ntm-kieu-mau", "bo-teng-2023.json")]
    [InlineData("vn.ha-tinh.2022-2025.xa-ntm", "son-bang-2023.json")]
    [InlineData("vn.ha-tinh.2022-2025.kdc-ntm-kieu-mau", "thinh-bang-2023.json")]
    public void Draft_of_each_seed_commune_matches_its_golden_file(string set, string sample) =>
        MatchesGolden(Draft(set, sample), $"{Path.GetFileNameWithoutExtension(sample)}.{set}.md");

    [Fact]
    public void Every_shipped_set_drafts_its_sample_without_narrative_with_no_placeholder_left()
    {
        Host.Sets.Select(s => s.Set.Id).Should().BeEquivalentTo(SampleOf.Keys, "every shipped set needs its sample here");
        var counts = new Dictionary<string, int>();
        foreach (var (set, sample) in SampleOf)
        {
            var result = Evaluate(set, sample, j => j.Remove("narrative"));
            var plan = Drafter.Model(result);
            var markdown = Drafter.Markdown(result);
            counts[set] = CountOf(markdown, "Dự thảo — cần bổ sung");
            plan.PlaceholderCount.Should().Be(counts[set], set);
            markdown.Should().Contain($"Số nội dung còn để trống chờ xã bổ sung: {plan.PlaceholderCount}.", set);
        }
        counts.Should().OnlyContain(kv => kv.Value == 0, string.Join(", ", counts.Select(kv => $"{kv.Key}: {kv.Value}")));
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    [Fact]
    public void A_rate_gets_the_numerator_it_needs_in_its_own_units_in_target_table_and_schedule()
    {
        var md = Draft("vn.qd318.xa-ntm", "cam-thanh-2023.json", narrative: false);
        const string bhyt = "tăng số người tham gia bảo hiểm y tế thêm 318 người (từ 6.090 lên 6.408 người)";
        md.Should().Contain($"*Mục tiêu:* Đến hết Quý III/2023, {bhyt} để tỷ lệ người dân tham gia BHYT đạt từ 90% trở lên.")
            .And.Contain($"| Chỉ tiêu 15.1: Tỷ lệ người dân tham gia bảo hiểm y tế (áp dụng đạt cho cả nam và nữ) | {bhyt} |")
            .And.Contain("giảm tổng số hộ nghèo đa chiều và số hộ cận nghèo ít nhất 105 hộ (từ 220 xuống còn 115 hộ)")
            .And.Contain("tăng số trường đạt tiêu chuẩn cơ sở vật chất theo quy định thêm 03 trường (từ 0 lên 3 trường)");
        var tanLap = Draft("vn.qd318.xa-ntm-nang-cao", "tan-lap-2024.json");
        tanLap.Should().Contain("tăng chiều dài đường ngõ, xóm được cứng hóa, đảm bảo sáng - xanh - sạch - đẹp thêm 2,7 km (từ 19 lên 21,7 km)");
    }

    [Fact]
    public void Work_is_led_by_commune_roles_and_what_is_beyond_the_commune_is_asked_of_the_level_above()
    {
        var plan = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", j => j.Remove("narrative")));
        var items = plan.Sections.SelectMany(s => s.Items).ToArray();
        items.Should().OnlyContain(i => !i.Lead.StartsWith("Phòng", StringComparison.Ordinal) && !i.Lead.Contains("huyện", StringComparison.Ordinal));
        items.Single(i => i.Code == "15.1").Lead.Should().Be("Công chức Văn hóa - Xã hội");
        items.Single(i => i.Code == "15.1").Support.Should().Contain("Trạm y tế xã");
        items.Single(i => i.Code == "19.2").Lead.Should().Be("Công an xã");
        items.Single(i => i.Code == "5").Proposal.Should().Contain("Đề nghị cấp trên (UBND huyện, Phòng Giáo dục và Đào tạo huyện) hỗ trợ");
        var after = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", j => { j.Remove("narrative"); j["plan"]!["date"] = "2025-09-15"; j["plan"]!["year"] = 2025; }));
        after.Sections.SelectMany(s => s.Items).Single(i => i.Code == "5").Proposal.Should().Contain("Đề nghị cấp trên (UBND tỉnh, các sở, ngành chuyên môn cấp tỉnh) hỗ trợ")
            .And.NotContain("huyện");
    }

    [Fact]
    public void Due_dates_follow_the_communes_own_years_and_never_precede_the_plan()
    {
        var plan = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json"));
        var due = plan.Sections.SelectMany(s => s.Items).ToDictionary(i => i.Code, i => i.Due);
        due["6.2"].Should().Be("Quý IV/2024", "the commune writes \"Năm 2024 đạt\"");
        due["11"].Should().Be("Quý IV/2023", "its target date is 31/12/2023");
        due["17.1"].Should().Be("Quý IV/2023", "\"trước năm 2024\" is by the end of 2023");
        plan.Commune.PeriodText.Should().Be("giai đoạn 2023 - 2024");
        plan.Milestones.Select(m => m.Period).Should().NotContain(p => p.EndsWith("/2022") || p == "Quý I/2023" || p == "Quý II/2023");
        var tanLap = Drafter.Model(Evaluate("vn.qd318.xa-ntm-nang-cao", "tan-lap-2024.json"));
        tanLap.Sections.SelectMany(s => s.Items).Select(i => i.Due).Distinct().Should().HaveCountGreaterThan(1, "items are spread by effort")
            .And.NotContain("Quý I/2024", "the plan is dated 31/3/2024");
    }

    [Fact]
    public void A_plan_over_several_years_sets_a_figure_for_the_end_of_each_year_before_the_due_one()
    {
        var plan = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", j => { j.Remove("narrative"); j["plan"]!["year"] = 2025; }));
        plan.Commune.PeriodText.Should().Be("giai đoạn 2023 - 2025");
        var school = plan.Sections.SelectMany(s => s.Items).Single(i => i.Code == "5");
        school.Due.Should().Be("Quý IV/2025", "building classrooms is an investment, due at the end of the plan");
        var milestones = plan.Milestones.ToDictionary(m => m.Period, m => m.Items);
        milestones["Quý IV/2023"].Should().Contain("Chỉ tiêu 5 (mốc năm 2023): số trường đạt tiêu chuẩn cơ sở vật chất theo quy định lên 1 trường");
        milestones["Quý IV/2024"].Should().Contain("Chỉ tiêu 5 (mốc năm 2024): số trường đạt tiêu chuẩn cơ sở vật chất theo quy định lên 2 trường");
        milestones["Quý IV/2025"].Should().Contain(i => i.StartsWith("Chỉ tiêu 5: tăng số trường đạt tiêu chuẩn cơ sở vật chất theo quy định thêm 03 trường", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_data_is_kept_apart_and_a_mostly_empty_commune_gets_a_data_checklist()
    {
        var plan = Drafter.Model(Evaluate("vn.ha-tinh.2022-2025.xa-ntm", "son-bang-2023.json"));
        plan.Summary.Text.Should().Be("đạt 0/19 tiêu chí, 1/57 chỉ tiêu; 56 chỉ tiêu chưa có số liệu");
        plan.Summary.IsDataChecklist.Should().BeTrue();
        plan.UnmetCriteria.Should().BeEmpty("no criterion is unmet for lack of data alone");
        plan.Sections.Should().BeEmpty();
        plan.MissingData.Should().HaveCount(56).And.OnlyContain(m => m.Figures.Count > 0 && m.CollectedBy.Length > 0);
        var md = Drafter.Markdown(Evaluate("vn.ha-tinh.2022-2025.xa-ntm", "son-bang-2023.json"));
        md.Should().Contain("Văn bản này là danh mục số liệu cần thu thập").And.Contain("### 3. Chỉ tiêu cần bổ sung số liệu")
            .And.NotContain("Các tiêu chí chưa đạt");
        md.IndexOf("danh mục số liệu cần thu thập", StringComparison.Ordinal).Should().BeLessThan(md.IndexOf("## I. CĂN CỨ", StringComparison.Ordinal));
    }

    [Fact]
    public void Legal_bases_issued_after_the_plan_are_left_out()
    {
        var plan = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json"));
        plan.LegalBases.Should().NotContain(b => b.Contains("211/QĐ-TTg", StringComparison.Ordinal), "QĐ 211 of 01/3/2024 postdates the plan of 15/7/2023")
            .And.Contain(b => b.Contains("318/QĐ-TTg", StringComparison.Ordinal));
        LegalBases.IssuedOn("Quyết định số 211/QĐ-TTg ngày 01/3/2024 của Thủ tướng Chính phủ").Should().Be(new DateOnly(2024, 3, 1));
        var later = Drafter.Model(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", j => j["plan"]!["date"] = "2024-06-01"));
        later.LegalBases.Should().Contain(b => b.Contains("211/QĐ-TTg", StringComparison.Ordinal));
    }

    [Fact]
    public void Thresholds_no_source_confirms_are_footnoted_and_listed_in_the_annex()
    {
        var result = Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json");
        var plan = Drafter.Model(result);
        var unconfirmed = result.Indicators.Where(i => !ThresholdConfirmation.IsConfirmed(i.Threshold) && i.Status != Kernel.Domain.IndicatorStatus.KhongApDung)
            .Select(i => i.Indicator.Code).ToArray();
        unconfirmed.Should().NotBeEmpty("the national set still has thresholds marked unverified");
        plan.UnconfirmedThresholds.Select(t => t.Code).Should().Equal(unconfirmed);
        var footnoted = plan.Sections.SelectMany(s => s.Items).Where(i => i.FootnoteNumber > 0).ToArray();
        footnoted.Select(i => i.Code).Should().BeSubsetOf(unconfirmed);
        footnoted.Select(i => i.FootnoteNumber).Should().Equal(Enumerable.Range(1, footnoted.Length));
        var md = Drafter.Markdown(result);
        md.Should().Contain("## PHỤ LỤC: NGƯỠNG CHƯA ĐƯỢC XÁC NHẬN").And.Contain("[^1]: Ngưỡng ");
    }

    [Fact]
    public void Text_has_no_tautology_no_at_least_100_percent_no_internal_label_no_stray_parenthesis()
    {
        foreach (var (set, sample) in SampleOf)
        {
            foreach (var narrative in new[] { true, false })
            {
                var md = Draft(set, sample, narrative);
                md.Should().NotContain("≥ 100%", set).And.NotContain("mẫu số", set).And.NotContain(". (", set)
                    .And.NotContain(": không — chưa đáp ứng", set).And.NotContain("đạt ≥", set);
                md.Should().NotMatchRegex(@"ngày \d{2} tháng [12] năm", set + ": NĐ 30 writes months below 3 with a leading zero");
            }
        }
    }
}

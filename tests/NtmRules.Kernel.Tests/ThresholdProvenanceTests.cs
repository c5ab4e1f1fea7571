using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Tests;

/// <summary>What an auditor relies on in every shipped set: each figure's state and a citation naming public documents only.</summary>
public class ThresholdProvenanceTests
{
    private static IEnumerable<CriteriaSet> Sets => ShippedPlugins.Loaded.Sets.Select(s => s.Set);

    [Fact]
    public void Every_shipped_set_loads()
    {
        ShippedPlugins.Loaded.Reports.Should().OnlyContain(r => r.Loaded, string.Join("\n", ShippedPlugins.Loaded.Reports.SelectMany(r => r.Problems)));
        Sets.Should().HaveCount(12);
    }

    [Fact]
    public void Every_shipped_threshold_has_a_state_and_a_public_citation()
    {
        foreach (var set in Sets)
        {
            foreach (var (indicator, value, region, figure) in set.ThresholdFigures)
            {
                var where = $"{set.Id} {indicator.Code} {region?.Code() ?? "chung"} {value.From}";
                var p = figure.Provenance;
                p.Problems().Should().BeEmpty(where);
                value.Citation.Decision.Should().NotBeNullOrWhiteSpace(where);
                foreach (var text in new[] { p.Document, p.Location, p.Quote, p.Reason, value.Citation.ToString() })
                {
                    (text ?? "").Should().NotContainAny(["seed", "shared/", ".md", "§", "repository"], where);
                }
            }
        }
    }

    [Fact]
    public void No_national_set_cites_a_provincial_decision_or_reports_a_provincial_figure_as_its_own()
    {
        var national = Sets.Where(s => s.Decision.Number.EndsWith("/QĐ-TTg", StringComparison.Ordinal)).ToArray();
        national.Select(s => s.Id).Should().BeEquivalentTo(["vn.qd318.xa-ntm", "vn.qd318.xa-ntm-nang-cao"]);
        foreach (var set in national)
        {
            foreach (var (indicator, value, region, figure) in set.ThresholdFigures)
            {
                var where = $"{set.Id} {indicator.Code} {region?.Code() ?? "chung"}";
                value.Citation.Decision.Should().EndWith("/QĐ-TTg", where);
                // A commune's plan may report that it applies a national figure; a provincial decision's figure is only ever assumed here.
                if (figure.Provenance.State != ProvenanceState.Assumed)
                    figure.Provenance.Document.Should().NotContainAny(["QĐ-UBND", "Quyết định"], where + ": a provincial figure is assumed in a national set, never reported as the decision's");
            }
        }
    }

    [Theory]
    [InlineData("vn.qd318.xa-ntm", "11", "BTB", 6.5, "Thanh Hóa")]
    [InlineData("vn.qd318.xa-ntm-nang-cao", "12.2", "TDMNPB", 25, "Lạng Sơn")]
    [InlineData("vn.qd318.xa-ntm-nang-cao", "17.10", null, 5, "Lạng Sơn")]
    [InlineData("vn.qd318.xa-ntm-nang-cao", "18.2", null, 60, "Lạng Sơn")]
    public void A_provincial_figure_in_a_national_set_is_assumed_and_names_the_province(string setId, string code, string? region, double figure, string province)
    {
        var set = Sets.Single(s => s.Id == setId);
        var found = set.ThresholdFigures.Single(f => f.Indicator.Code == code && f.Region?.Code() == region);
        found.Figure.Value.Number.Should().Be(figure);
        found.Figure.Provenance.State.Should().Be(ProvenanceState.Assumed);
        found.Figure.Provenance.Reason.Should().Contain(province).And.Contain("Chưa có mức quốc gia");
    }

    [Fact]
    public void The_nang_cao_income_derived_from_the_xa_ntm_figures_says_the_rule_is_kieu_mau_not_qd_318()
    {
        var set = Sets.Single(s => s.Id == "vn.qd318.xa-ntm-nang-cao");
        set.ThresholdFigures.Where(f => f.Indicator.Code == "10").Should().OnlyContain(f =>
            f.Figure.Provenance.State == ProvenanceState.Assumed && f.Figure.Provenance.Reason!.Contains("nhân 1,1") && f.Figure.Provenance.Reason.Contains("QĐ 319/QĐ-TTg"));
    }
}

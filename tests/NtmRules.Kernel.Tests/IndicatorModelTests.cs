using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// Indicators the national sets now express as communes assess them: "áp dụng đạt cho cả nam và
/// nữ" (both sexes must meet the figure) and schools judged by the cơ sở vật chất levels of
/// TT 13/2020/TT-BGDĐT next to chuẩn quốc gia.
/// </summary>
public class IndicatorModelTests
{
    private static async Task<IndicatorResult> Bhyt(string measures)
    {
        var r = await NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, Commune(measures, region: "BTB"));
        return r.Indicator("15.1");
    }

    [Fact]
    public async Task With_the_figures_by_sex_both_sexes_must_meet_the_threshold()
    {
        // Total 92% meets ≥ 90%, but women 88% (440/500) do not; men 96% (480/500).
        var split = await Bhyt("""{ "nguoiThamGiaBhyt": 920, "danSo": 1000, "nguoiThamGiaBhytNu": 440, "danSoNu": 500 }""");
        split.Actual!.Value.Number.Should().BeApproximately(88, 1e-9);
        split.Status.Should().Be(IndicatorStatus.ChuaDat);
        var both = await Bhyt("""{ "nguoiThamGiaBhyt": 920, "danSo": 1000, "nguoiThamGiaBhytNu": 455, "danSoNu": 500 }""");
        both.Actual!.Value.Number.Should().BeApproximately(91, 1e-9, "men 465/500 = 93%, women 91%: the lower counts");
        both.Status.Should().Be(IndicatorStatus.Dat);
    }

    [Fact]
    public async Task With_only_the_total_the_indicator_is_judged_on_the_total_rate()
    {
        // The documented choice: plans often report only the total; it is judged, not left missing.
        var total = await Bhyt("""{ "nguoiThamGiaBhyt": 920, "danSo": 1000 }""");
        total.Actual!.Value.Number.Should().BeApproximately(92, 1e-9);
        total.Status.Should().Be(IndicatorStatus.Dat);
    }

    [Fact]
    public async Task A_province_can_judge_schools_by_csvc_level_1_instead_of_chuan_quoc_gia()
    {
        var root = ShippedPlugins.CopyRoot();
        var folder = Path.Combine(root, "csvc");
        Directory.CreateDirectory(Path.Combine(folder, "sets"));
        Directory.CreateDirectory(Path.Combine(folder, "rules"));
        File.WriteAllText(Path.Combine(folder, "plugin.json"), """
            { "id": "vn.test-csvc", "name": "Tỉnh thử", "version": "1.0.0", "publisher": "UBND tỉnh thử", "sets": [ "sets/nang-cao.json" ] }
            """);
        File.WriteAllText(Path.Combine(folder, "sets", "nang-cao.json"), """
            {
              "id": "vn.test-csvc.nang-cao",
              "extends": { "set": "vn.qd318.xa-ntm-nang-cao", "inheritedValues": "assumed", "reason": "bộ thử" },
              "name": "Bộ thử", "level": "xa-ntm-nang-cao",
              "decision": { "number": "1/2026/QĐ-UBND", "date": "2026-01-01", "authority": "UBND tỉnh thử", "title": "Thử" },
              "effective": { "from": "2022-03-08" },
              "workflow": "rules/nang-cao.json",
              "override": { "5.1": { "rule": "5.1-csvc", "value": { "label": "Tỷ lệ trường đạt cơ sở vật chất mức độ 1", "unit": "%" } } }
            }
            """);
        File.WriteAllText(Path.Combine(folder, "rules", "nang-cao.json"), """
            { "WorkflowName": "vn.test-csvc.nang-cao", "Rules": [ { "RuleName": "5.1-csvc",
              "LocalParams": [ { "Name": "actual", "Expression": "Ntm.Rate(m.soTruongDatCsvcMucDo1, m.tongSoTruong)" } ], "Expression": "actual >= threshold" } ] }
            """);
        var host = PluginHost.Load(root);
        host.Reports.Should().OnlyContain(r => r.Loaded, string.Join("\n", host.Reports.SelectMany(r => r.Problems)));
        var data = Commune("""{ "tongSoTruong": 3, "soTruongDatChuanQuocGia": 1, "soTruongDatCsvcMucDo1": 3, "soTruongDatCsvcMucDo2": 1 }""");
        var national = await host.Evaluator.EvaluateAsync(host.GetSet("vn.qd318.xa-ntm-nang-cao"), data);
        var province = await host.Evaluator.EvaluateAsync(host.GetSet("vn.test-csvc.nang-cao"), data);
        national.Indicator("5.1").Status.Should().Be(IndicatorStatus.ChuaDat, "1 of 3 schools đạt chuẩn quốc gia");
        province.Indicator("5.1").Status.Should().Be(IndicatorStatus.Dat, "all 3 schools meet cơ sở vật chất mức độ 1");
        province.Indicator("5.1").Actual!.Value.Number.Should().Be(100);
    }
}

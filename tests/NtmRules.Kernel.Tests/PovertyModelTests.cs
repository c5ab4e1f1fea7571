using NtmRules.Kernel.Domain;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// Criterion 11 as communes compute it: the poor rate and the near-poor rate, each over its own
/// denominator, then added; poor households under social protection that the guidance excludes
/// can be stated. "Hộ nghèo 71/1.784 = 3,97% + hộ cận nghèo 149/1.807 = 8,24%" (Cẩm Thành, 7/2023).
/// </summary>
public class PovertyModelTests
{
    private static double PovertyRate(string measures, string region = "BTB")
    {
        var r = NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, Commune(measures, region: region)).GetAwaiter().GetResult();
        r.Problems.Should().NotContain(p => p.Severity == Kernel.Diagnostics.Severity.Error);
        var i = r.Indicator("11");
        i.Status.Should().NotBe(IndicatorStatus.ThieuSoLieu, string.Join("; ", i.MissingMeasures));
        return i.Actual!.Value.Number;
    }

    [Fact]
    public void Each_part_has_its_own_denominator_as_the_commune_plan_computes_it()
    {
        PovertyRate("""{ "hoNgheo": 71, "tongSoHo": 1784, "hoCanNgheo": 149, "tongSoHoRaSoatCanNgheo": 1807 }""")
            .Should().BeApproximately(100.0 * 71 / 1784 + 100.0 * 149 / 1807, 1e-9).And.BeApproximately(12.2255, 1e-4);
    }

    [Fact]
    public void Without_a_second_denominator_both_parts_use_the_households_total()
    {
        PovertyRate("""{ "hoNgheo": 71, "tongSoHo": 1784, "hoCanNgheo": 149 }""").Should().BeApproximately(100.0 * 220 / 1784, 1e-9);
    }

    [Fact]
    public void Excluded_poor_households_leave_the_poor_count_and_never_make_it_negative()
    {
        PovertyRate("""{ "hoNgheo": 71, "tongSoHo": 1000, "hoCanNgheo": 0, "hoNgheoBaoTroXaHoi": 11 }""").Should().BeApproximately(6.0, 1e-9);
        PovertyRate("""{ "hoNgheo": 5, "tongSoHo": 1000, "hoCanNgheo": 20, "hoNgheoBaoTroXaHoi": 9 }""").Should().BeApproximately(2.0, 1e-9);
    }

    [Fact]
    public async Task The_second_denominator_and_the_exclusion_are_optional_but_the_counts_are_not()
    {
        var r = await NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, Commune("""{ "tongSoHo": 1000, "hoCanNgheo": 20 }"""));
        r.Indicator("11").Status.Should().Be(IndicatorStatus.ThieuSoLieu);
        r.Indicator("11").MissingMeasures.Should().Equal("hoNgheo");
    }
}

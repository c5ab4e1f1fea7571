using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

public class EvaluatorTests
{
    [Fact]
    public void All_passing_values_meet_every_criterion()
    {
        var r = EvaluateMini(Commune(PassingMeasures()));
        r.Summary.ToString().Should().Be("5/5 tiêu chí, 5/5 chỉ tiêu");
        r.Indicators.Should().OnlyContain(i => i.Status == IndicatorStatus.Dat);
        r.Problems.Should().BeEmpty();
    }

    [Theory]
    [InlineData("90", IndicatorStatus.Dat)]       // equal to a ≥ threshold: met
    [InlineData("89.99", IndicatorStatus.ChuaDat)]
    [InlineData("100", IndicatorStatus.Dat)]
    public void At_least_threshold_is_met_at_equality(string bhyt, IndicatorStatus expected)
    {
        var r = EvaluateMini(Commune(PassingMeasures(("tyLeThamGiaBhyt", bhyt))));
        r.Indicator("15.1").Status.Should().Be(expected);
        r.Indicator("15.1").Actual!.Value.Number.Should().Be(double.Parse(bhyt, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("30", "30", IndicatorStatus.Dat)]      // 60/1000 = 6% exactly, ≤ 6: met
    [InlineData("30", "31", IndicatorStatus.ChuaDat)]  // 6.1%
    public void At_most_threshold_is_met_at_equality(string poor, string nearPoor, IndicatorStatus expected)
    {
        var r = EvaluateMini(Commune(PassingMeasures(("hoNgheo", poor), ("hoCanNgheo", nearPoor))));
        r.Indicator("11").Status.Should().Be(expected);
    }

    [Fact]
    public void Failed_indicator_reports_its_figures_and_threshold()
    {
        var r = EvaluateMini(Commune(PassingMeasures(("hoNgheo", "71"), ("hoCanNgheo", "149"), ("tongSoHo", "1784"))));
        var i = r.Indicator("11");
        i.Status.Should().Be(IndicatorStatus.ChuaDat);
        i.Outcome.Should().Be(Outcome.FailedComparison);
        i.Actual!.Value.Number.Should().BeApproximately(12.33, 0.01);
        i.Threshold.Operator.Should().Be(ComparisonOperator.AtMost);
        i.Threshold.Value.Number.Should().Be(6);
        i.Inputs.Select(x => (x.Measure.Key, x.Value!.Value.Number)).Should().Equal(("hoNgheo", 71), ("hoCanNgheo", 149), ("tongSoHo", 1784));
        r.Criterion(11).Status.Should().Be(IndicatorStatus.ChuaDat);
        r.Summary.ToString().Should().Be("4/5 tiêu chí, 4/5 chỉ tiêu");
    }

    [Fact]
    public void Region_selects_its_threshold()
    {
        // 10% poverty: fails the general 6%, meets Trung du và miền núi phía Bắc's 13%.
        var measures = PassingMeasures(("hoNgheo", "40"), ("hoCanNgheo", "60"));
        EvaluateMini(Commune(measures, region: "BTB")).Indicator("11").Status.Should().Be(IndicatorStatus.ChuaDat);
        var north = EvaluateMini(Commune(measures, region: "TDMNPB")).Indicator("11");
        north.Status.Should().Be(IndicatorStatus.Dat);
        north.Threshold.Value.Number.Should().Be(13);
        north.Threshold.Region.Should().Be(Region.TDMNPB);
    }

    [Fact]
    public void Specially_difficult_commune_is_assessed_at_the_northern_mountain_thresholds()
    {
        var measures = PassingMeasures(("hoNgheo", "40"), ("hoCanNgheo", "60"));
        var r = EvaluateMini(Commune(measures, region: "DBSCL", special: true));
        r.Indicator("11").Status.Should().Be(IndicatorStatus.Dat);
        r.Indicator("11").Threshold.Region.Should().Be(Region.TDMNPB);
    }

    [Theory]
    [InlineData(2023, null, 45, IndicatorStatus.Dat)]           // 2022 value in force
    [InlineData(2024, null, 50, IndicatorStatus.ChuaDat)]       // raised from 2024-01-01
    [InlineData(2024, "2024-01-01", 50, IndicatorStatus.ChuaDat)] // in force on its first day
    public void Evaluation_date_selects_the_value_in_force(int year, string? date, double expectedThreshold, IndicatorStatus expected)
    {
        var r = EvaluateMini(Commune(PassingMeasures(("thuNhapBinhQuan", "48")), year: year, date: date));
        r.Indicator("10").Threshold.Value.Number.Should().Be(expectedThreshold);
        r.Indicator("10").Status.Should().Be(expected);
    }

    [Fact]
    public void Missing_measure_is_missing_data_and_never_met()
    {
        var r = EvaluateMini(Commune(PassingMeasures(("tongSoHo", null!))));
        var i = r.Indicator("11");
        i.Status.Should().Be(IndicatorStatus.ThieuSoLieu);
        i.Outcome.Should().Be(Outcome.MissingData);
        i.MissingMeasures.Should().Equal("tongSoHo");
        r.Criterion(11).Status.Should().Be(IndicatorStatus.ThieuSoLieu);
        r.Summary.CriteriaMet.Should().Be(4);
        r.Summary.IndicatorsMissingData.Should().Be(1);
    }

    [Fact]
    public void Explicit_null_counts_as_missing_without_error()
    {
        var r = EvaluateMini(Commune(PassingMeasures(("tyLeThamGiaBhyt", "null"))));
        r.Indicator("15.1").Status.Should().Be(IndicatorStatus.ThieuSoLieu);
        r.HasDataErrors.Should().BeFalse();
    }

    [Fact]
    public void Indicator_whose_condition_is_false_does_not_apply_and_does_not_block()
    {
        var r = EvaluateMini(Commune(PassingMeasures(("coLangNghe", "false"), ("coKeHoachLangNghe", "false"))));
        r.Indicator("13.4").Status.Should().Be(IndicatorStatus.KhongApDung);
        r.Indicator("13.4").Outcome.Should().Be(Outcome.NotApplicable);
        r.Criterion(13).Status.Should().Be(IndicatorStatus.KhongApDung);
        r.Summary.IndicatorsNotApplicable.Should().Be(1);
        r.Summary.ToString().Should().Be("5/5 tiêu chí, 5/5 chỉ tiêu");
    }

    [Fact]
    public void Condition_with_missing_measure_is_missing_data()
    {
        var r = EvaluateMini(Commune(PassingMeasures(("coLangNghe", null!))));
        r.Indicator("13.4").Status.Should().Be(IndicatorStatus.ThieuSoLieu);
        r.Indicator("13.4").MissingMeasures.Should().Equal("coLangNghe");
    }

    [Fact]
    public void Applicable_indicator_is_judged_normally()
    {
        var r = EvaluateMini(Commune(PassingMeasures(("coLangNghe", "true"), ("coKeHoachLangNghe", "false"))));
        r.Indicator("13.4").Status.Should().Be(IndicatorStatus.ChuaDat);
    }

    [Fact]
    public void Invalid_value_is_reported_and_treated_as_missing_while_the_rest_is_evaluated()
    {
        var r = EvaluateMini(Commune(PassingMeasures(("tyLeThamGiaBhyt", "\"90,06,5\""))));
        r.HasDataErrors.Should().BeTrue();
        r.Problems.Should().ContainSingle(p => p.Field == "measures.tyLeThamGiaBhyt")
            .Which.Message.Should().Contain("ambiguous number \"90,06,5\"");
        var i = r.Indicator("15.1");
        i.Status.Should().Be(IndicatorStatus.ThieuSoLieu);
        i.Inputs.Single().Invalid.Should().BeTrue();
        r.Indicator("11").Status.Should().Be(IndicatorStatus.Dat);
    }

    [Fact]
    public void Criterion_with_one_failed_and_one_missing_indicator_is_not_met()
    {
        var indicators = new[]
        {
            Result(IndicatorStatus.ChuaDat), Result(IndicatorStatus.ThieuSoLieu), Result(IndicatorStatus.Dat),
        };
        Evaluator.Aggregate(indicators).Should().Be(IndicatorStatus.ChuaDat);
        Evaluator.Aggregate([Result(IndicatorStatus.Dat), Result(IndicatorStatus.ThieuSoLieu)]).Should().Be(IndicatorStatus.ThieuSoLieu);
        Evaluator.Aggregate([Result(IndicatorStatus.Dat), Result(IndicatorStatus.KhongApDung)]).Should().Be(IndicatorStatus.Dat);
    }

    [Fact]
    public void Assessment_outside_the_sets_period_is_warned()
    {
        var r = EvaluateMini(Commune(PassingMeasures(), year: 2026));
        r.Problems.Should().ContainSingle(p => p.Message.Contains("outside the period"));
    }

    private static IndicatorResult Result(IndicatorStatus status)
    {
        var t = new Threshold(ComparisonOperator.EqualTo, [new ThresholdValue(new DateOnly(2022, 1, 1), new ThresholdFigure(Scalar.Of(true), ThresholdProvenance.Assumed("thử")), new Dictionary<Region, ThresholdFigure>(), new Citation("x", null, null))]);
        var indicator = new Indicator("1", "x", 1, "1", "x", "", "", null, t);
        return new IndicatorResult(indicator, status, Outcome.Met, null, t.Resolve(new DateOnly(2023, 1, 1), Region.BTB), [], [], null);
    }
}

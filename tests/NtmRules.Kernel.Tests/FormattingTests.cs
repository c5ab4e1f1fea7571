using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Kernel.Tests;

public class FormattingTests
{
    [Theory]
    [InlineData(1784, "1.784")]
    [InlineData(12.21, "12,21")]
    [InlineData(3.9798206, "3,98")]
    [InlineData(116843, "116.843")]
    [InlineData(6.5, "6,5")]
    [InlineData(0, "0")]
    [InlineData(-2.5, "-2,5")]
    public void Numbers_use_decimal_comma_and_thousands_dot(double value, string expected)
    {
        VietnameseFormat.Number(value).Should().Be(expected);
    }

    [Fact]
    public void Values_and_thresholds_read_like_the_documents()
    {
        VietnameseFormat.Value(Scalar.Of(12.21), "%").Should().Be("12,21%");
        VietnameseFormat.Value(Scalar.Of(1784), "hộ").Should().Be("1.784 hộ");
        VietnameseFormat.Value(Scalar.Of(true), "").Should().Be("có");
        var t = new Threshold(ComparisonOperator.AtMost, [new ThresholdValue(new DateOnly(2022, 1, 1), new ThresholdFigure(Scalar.Of(6.5), ThresholdProvenance.Assumed("thử")), new Dictionary<Region, ThresholdFigure>(), new Citation("32/2022/QĐ-UBND", null, null))]);
        VietnameseFormat.Threshold(t.Resolve(new DateOnly(2023, 1, 1), Region.BTB), "%").Should().Be("≤ 6,5%");
    }

    [Theory]
    [InlineData(7000, true, "7 tỷ đồng")]
    [InlineData(1250, true, "1,25 tỷ đồng")]
    [InlineData(500, true, "500 triệu đồng")]
    [InlineData(116843, false, "116.843 triệu đồng")]
    [InlineData(116843, true, "116,84 tỷ đồng")]
    public void Money_is_scaled_to_trieu_or_ty(double millionVnd, bool preferTy, string expected)
    {
        VietnameseFormat.Money(millionVnd, preferTy).Should().Be(expected);
    }

    [Fact]
    public void Dates_quarters_and_points_read_like_the_documents()
    {
        VietnameseFormat.LongDate(new DateOnly(2023, 3, 9)).Should().Be("ngày 09 tháng 3 năm 2023");
        VietnameseFormat.LongDate(new DateOnly(2026, 2, 5)).Should().Be("ngày 05 tháng 02 năm 2026");
        VietnameseFormat.LongDate(new DateOnly(2026, 1, 15)).Should().Be("ngày 15 tháng 01 năm 2026");
        VietnameseFormat.LongDate(new DateOnly(2025, 12, 31)).Should().Be("ngày 31 tháng 12 năm 2025");
        VietnameseFormat.ShortDate(new DateOnly(2022, 3, 8)).Should().Be("08/3/2022");
        VietnameseFormat.Quarter(4, 2024).Should().Be("Quý IV/2024");
        VietnameseFormat.PercentagePoints(5.71).Should().Be("5,71 điểm phần trăm");
    }

    [Fact]
    public void Formatting_does_not_depend_on_the_current_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            VietnameseFormat.Number(1784.5).Should().Be("1.784,5");
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            VietnameseFormat.Number(1784.5).Should().Be("1.784,5");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}

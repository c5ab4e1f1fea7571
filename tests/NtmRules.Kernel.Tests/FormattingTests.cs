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
        var t = new Threshold(ComparisonOperator.AtMost, [new ThresholdValue(new DateOnly(2022, 1, 1), Scalar.Of(6.5), new Dictionary<Region, Scalar>(), new Citation("32/2022/QĐ-UBND", null, null, null), true, null)]);
        VietnameseFormat.Threshold(t.Resolve(new DateOnly(2023, 1, 1), Region.BTB), "%").Should().Be("≤ 6,5%");
    }
}

using NtmRules.Tests.Shared;
using NtmRules.Intake.Batch;
using NtmRules.Kernel.Data;

namespace NtmRules.Kernel.Tests.Intake;

public class NumberTextTests
{
    [Theory]
    [InlineData("90,06", 90.06)]
    [InlineData("90.06", 90.06)]
    [InlineData(" 12 ", 12)]
    [InlineData("1.784,5", 1784.5)]
    [InlineData("1.784.000", 1784000)]
    [InlineData("0.125", 0.125)]
    [InlineData("-3,5", -3.5)]
    [InlineData("45,2%", 45.2)]
    [InlineData("1E-05", 0.00001)]
    public void Unambiguous_numbers_are_read(string text, double expected)
    {
        NumberText.Parse(text, out var value).Should().Be(NumberTextKind.Number);
        value.Should().BeApproximately(expected, 1e-12);
    }

    [Theory]
    [InlineData("1.784,5,2")]
    [InlineData("1.784")]
    [InlineData("1,784.5")]
    [InlineData("1.78.4")]
    [InlineData("12,")]
    [InlineData(",5")]
    public void Ambiguous_numbers_are_refused(string text) => NumberText.Parse(text, out _).Should().Be(NumberTextKind.Ambiguous);

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12 hộ")]
    [InlineData("-")]
    public void Text_is_not_a_number(string text) => NumberText.Parse(text, out _).Should().Be(NumberTextKind.NotANumber);

    [Fact]
    public void The_bands_of_a_19_criteria_set_are_those_district_plans_report()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        ScoreBands.For(19).Select(b => (b.From, b.To)).Should().Equal((19, 19), (15, 18), (10, 14), (0, 9));
        ScoreBands.For(19).Select(b => b.Label).Should().Equal("Đạt 19/19 tiêu chí", "Đạt từ 15 đến 18 tiêu chí", "Đạt từ 10 đến 14 tiêu chí", "Dưới 10 tiêu chí");
    }

    [Fact]
    public void The_bands_of_any_set_cover_every_score_exactly_once()
    {
        for (var n = 1; n <= 60; n++)
        {
            var bands = ScoreBands.For(n);
            for (var score = 0; score <= n; score++) bands.Count(b => b.Contains(score)).Should().Be(1, $"score {score} of {n}");
            bands[0].Should().Be(new ScoreBand(n, n, n));
            using (TestCulture.Use("vi")) bands[0].Label.Should().Be($"Đạt {n}/{n} tiêu chí");
            bands[0].Label.Should().Be($"{n}/{n} criteria met");
        }
    }
}

using System.Text;
using NtmRules.Intake.Forms;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>
/// Numbers as Vietnamese write them, judged by the figure they are meant for: a count reads "1.784"
/// as 1784 wherever it comes from (a JSON string, a CSV or XLSX cell, the web form's CSV); a decimal
/// figure keeps refusing it as ambiguous; every hint fits the figure's type.
/// </summary>
public class VietnameseNumberTests
{
    private static readonly Lazy<CriteriaSet> Mini = new(() => TestKit.Compile(TestKit.Fixture("mini")).Compiled.Set);

    [Theory]
    [InlineData("1.784", 1784)]
    [InlineData("12.350", 12350)]
    [InlineData("1.784.000", 1784000)]
    [InlineData("1784", 1784)]
    [InlineData("100.000", 100000)]
    [InlineData("0.5", 0.5)]        // not a thousands group: a decimal point, which the kernel then refuses for a count
    [InlineData("1784,5", 1784.5)]  // likewise: a decimal comma, not a count
    public void A_count_reads_thousands_dots(string text, double expected)
    {
        NumberText.Parse(text, wholeNumber: true, out var value).Should().Be(NumberTextKind.Number);
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("1,784")]     // English thousands, or a decimal a count cannot have
    [InlineData("12,350")]
    [InlineData("1.784,5,2")]
    [InlineData("1,784.5")]
    public void A_count_refuses_what_has_two_readings(string text) =>
        NumberText.Parse(text, wholeNumber: true, out _).Should().Be(NumberTextKind.Ambiguous);

    [Theory]
    [InlineData("1.784")]
    [InlineData("12.350")]
    public void A_decimal_figure_still_refuses_a_lone_thousands_dot(string text) =>
        NumberText.Parse(text, wholeNumber: false, out _).Should().Be(NumberTextKind.Ambiguous);

    [Fact]
    public void Each_hint_fits_the_figures_type()
    {
        var count = NumberText.AmbiguityHint("1,784", wholeNumber: true);
        count.Should().Contain("\"1784\"").And.Contain("\"1.784\"").And.NotContain("1784,5", "a count cannot have decimals");
        NumberText.AmbiguityHint("1.784", wholeNumber: false).Should().Be("write 1784 (or 1.784,0) for the thousands, 1,784 for a decimal");
        NumberText.AmbiguityHint("1.784,5,2", wholeNumber: false).Should().Contain("\"1.784,5\"");
    }

    [Fact]
    public void Json_strings_are_read_as_Vietnamese_numbers_by_the_measures_type()
    {
        var data = TestKit.Commune(TestKit.PassingMeasures(("tongSoHo", "\"1.784\""), ("hoNgheo", "\"1.200\""), ("tyLeThamGiaBhyt", "\"90,06\""), ("thuNhapBinhQuan", "\"60,5\"")));
        var values = MeasureValues.Check(data, Mini.Value);
        values.Problems.Should().BeEmpty();
        values.Valid["tongSoHo"].Number.Should().Be(1784);
        values.Valid["hoNgheo"].Number.Should().Be(1200);
        values.Valid["tyLeThamGiaBhyt"].Number.Should().Be(90.06);
        values.Valid["thuNhapBinhQuan"].Number.Should().Be(60.5);
    }

    [Theory]
    [InlineData("thuNhapBinhQuan", "\"1.784\"", "ambiguous number \"1.784\": write 1784 (or 1.784,0) for the thousands, 1,784 for a decimal")]
    [InlineData("tongSoHo", "\"1,784\"", "ambiguous number \"1,784\": a count is a whole number")]
    [InlineData("tongSoHo", "\"1784,5\"", "is a count and must be a whole number, not 1784,5")]
    [InlineData("tongSoHo", "\"1.784 hộ\"", "must be a number, not the text \"1.784 hộ\"")]
    public void Json_strings_that_are_not_one_number_of_the_right_kind_are_refused_with_a_fitting_hint(string key, string json, string message)
    {
        var values = MeasureValues.Check(TestKit.Commune(TestKit.PassingMeasures((key, json))), Mini.Value);
        values.Problems.Should().ContainSingle().Which.Message.Should().Contain(message);
        values.IsInvalid(key).Should().BeTrue();
    }

    [Fact]
    public void Csv_cells_read_thousands_dots_for_counts_and_refuse_them_for_decimals_naming_the_cell()
    {
        var dir = IntakeKit.TempFolder();
        var csv = Path.Combine(dir, "huyen.csv");
        File.WriteAllText(csv, "name,region,year,tongSoHo,hoNgheo,thuNhapBinhQuanDauNguoi\n"
            + "Xã Một,BTB,2024,12.350,\"1.784\",\"60,5\"\n"
            + "Xã Hai,BTB,2024,1.784,71,1.784\n", new UTF8Encoding(false));
        var rows = IntakeKit.ReadAll(csv);
        rows[0].Accepted.Should().BeTrue(string.Join("\n", rows[0].Problems));
        var first = MeasureValues.Check(rows[0].Data!, IntakeKit.Set).Valid;
        (first["tongSoHo"].Number, first["hoNgheo"].Number, first["thuNhapBinhQuanDauNguoi"].Number).Should().Be((12350, 1784, 60.5));
        rows[1].Accepted.Should().BeFalse();
        var problem = rows[1].Problems.Should().ContainSingle().Subject;
        (problem.Row, problem.Field, problem.Value).Should().Be((3, "thuNhapBinhQuanDauNguoi", "1.784"));
        problem.Reason.Should().Contain("write 1784 (or 1.784,0) for the thousands, 1,784 for a decimal");
    }

    [Fact]
    public void Types_and_ranges_are_written_the_Vietnamese_way()
    {
        VietnameseFormat.Range(0.1, null).Should().Be("≥ 0,1");
        VietnameseFormat.Range(0, 100).Should().Be("từ 0 đến 100");
        VietnameseFormat.Range(null, 1500.5).Should().Be("≤ 1.500,5");
        VietnameseFormat.Range(null, null).Should().BeEmpty();
        var m = Mini.Value.MeasuresByKey;
        FormLayout.RangeText(m["tongSoHo"]).Should().Be("số nguyên ≥ 1");
        FormLayout.RangeText(m["hoNgheo"]).Should().Be("số nguyên ≥ 0");
        FormLayout.RangeText(m["tyLeThamGiaBhyt"]).Should().Be("tỷ lệ phần trăm từ 0 đến 100");
        FormLayout.RangeText(m["thuNhapBinhQuan"]).Should().Be("số thập phân ≥ 0");
        FormLayout.RangeText(m["coLangNghe"]).Should().Be("có / không (hoặc true / false)");
        new[] { MeasureType.Integer, MeasureType.Decimal, MeasureType.Percent, MeasureType.Boolean }.Select(VietnameseFormat.TypeName)
            .Should().Equal("số nguyên", "số thập phân", "tỷ lệ phần trăm", "có/không");
    }
}

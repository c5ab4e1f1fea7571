using System.Text;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

public class CommuneDataReaderTests
{
    private static InputException ReadFails(string json)
    {
        var act = () => CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "x.json", []);
        return act.Should().Throw<InputException>().Which;
    }

    [Fact]
    public void Malformed_json_names_the_line_and_column()
    {
        var e = ReadFails("{\n  \"format\": \"ntm.commune-data/1\",\n  \"year\": 2023,,\n}");
        e.Problems.Should().ContainSingle();
        e.Problems[0].File.Should().Be("x.json");
        e.Problems[0].Line.Should().Be(3);
        e.Problems[0].Message.Should().StartWith("malformed JSON");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Empty_file_is_refused(string content)
    {
        ReadFails(content).Problems.Single().Message.Should().Contain("empty");
    }

    [Fact]
    public void Non_utf8_file_is_refused_with_the_reason()
    {
        var latin = new byte[] { (byte)'{', (byte)'"', 0xE0, (byte)'"', (byte)'}' };
        var act = () => CommuneDataReader.Parse(latin, "x.json", []);
        act.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Contain("not valid UTF-8");
    }

    [Fact]
    public void Utf8_bom_is_accepted()
    {
        var json = "\uFEFF{\"format\":\"ntm.commune-data/1\",\"commune\":{\"name\":\"Cẩm Thành\"},\"region\":\"BTB\",\"year\":2023,\"measures\":{}}";
        var data = CommuneDataReader.Parse(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json[1..])).ToArray(), "x.json", []);
        data.Commune.Name.Should().Be("Cẩm Thành");
        data.AssessmentDate.Should().Be(new DateOnly(2023, 12, 31));
    }

    [Fact]
    public void Every_structural_problem_is_listed_at_once()
    {
        var e = ReadFails("""{ "format": "ntm.commune-data/1", "commune": {}, "region": "Miền Trung", "year": "2023", "measures": [] }""");
        e.Problems.Select(p => p.Message).Should().Contain(m => m.Contains("'name'"))
            .And.Contain(m => m.Contains("unknown region \"Miền Trung\""))
            .And.Contain(m => m.Contains("'year' must be a whole number"))
            .And.Contain(m => m.Contains("'measures' must be a JSON object"));
    }

    [Fact]
    public void Region_accepts_the_vietnamese_name_and_district_is_optional()
    {
        var data = CommuneDataReader.Parse(Encoding.UTF8.GetBytes(
            """{ "format": "ntm.commune-data/1", "commune": { "name": "Tân Lập", "province": "Lạng Sơn" }, "region": "Trung du và miền núi phía Bắc", "year": 2026, "measures": {} }"""), "x.json", []);
        data.Region.Should().Be(Region.TDMNPB);
        data.Commune.District.Should().BeNull();
    }

    [Fact]
    public void Assessment_date_must_fall_in_the_year()
    {
        ReadFails("""{ "format": "ntm.commune-data/1", "commune": { "name": "A" }, "region": "BTB", "year": 2023, "assessmentDate": "2024-01-05", "measures": {} }""")
            .Problems.Single().Field.Should().Be("assessmentDate");
    }

    [Theory]
    [InlineData("tyLeThamGiaBhyt", "\"90,06,5\"", "ambiguous number \"90,06,5\": write one decimal comma")]
    [InlineData("tyLeThamGiaBhyt", "100.5", "cannot be above 100")]
    [InlineData("hoNgheo", "-3", "cannot be negative")]
    [InlineData("hoNgheo", "71.5", "whole number")]
    [InlineData("tongSoHo", "0", "at least 1")]
    [InlineData("coQuyHoachChung", "\"có\"", "write true or false")]
    [InlineData("thuNhapBinhQuan", "[1]", "must be a number")]
    public void Bad_measure_values_are_errors_that_name_the_field_and_line(string key, string value, string expected)
    {
        var data = Commune(PassingMeasures((key, value)));
        var r = EvaluateMini(data);
        var problem = r.Problems.Should().ContainSingle(p => p.Severity == Severity.Error).Which;
        problem.Field.Should().Be("measures." + key);
        problem.Line.Should().NotBeNull();
        problem.Message.Should().Contain(expected);
    }

    [Fact]
    public void Unknown_measure_is_a_warning_with_a_suggestion()
    {
        var r = EvaluateMini(Commune(PassingMeasures(("tyLeThamGiaBHYT2", "95"))));
        var w = r.Problems.Should().ContainSingle().Which;
        w.Severity.Should().Be(Severity.Warning);
        w.Message.Should().Contain("unknown measure 'tyLeThamGiaBHYT2'").And.Contain("did you mean 'tyLeThamGiaBhyt'");
        r.HasDataErrors.Should().BeFalse();
    }
}

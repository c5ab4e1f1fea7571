using System.Text;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Tests.Hostile;

/// <summary>
/// Hostile commune data files (issue 16, cases 1–6): each is refused as bad input (exit code 2,
/// HTTP 400) with its line, column and field, never an internal error, and nothing invalid is evaluated.
/// </summary>
public class HostileDataTests
{
    private static CriteriaSet Set => NationalSet.Compiled.Set;

    private static string File(string measures, string name = "\"Xã Thử\"") => $$"""
        {
          "format": "ntm.commune-data/1",
          "commune": { "name": {{name}} },
          "region": "BTB",
          "year": 2023,
          "measures": {
            "tongSoHo": 1784,
            {{measures}}
          }
        }
        """.Replace("\r\n", "\n");

    private static Problem Refused(string json)
    {
        var act = () => CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "xa.json", []);
        var problems = act.Should().Throw<InputException>().Which.Problems;
        return problems.Should().ContainSingle().Which;
    }

    /// <summary>The file reads, but the value is refused for this set (and so counts as missing).</summary>
    private static Problem RefusedValue(string json, string key)
    {
        var data = CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "xa.json", []);
        var values = MeasureValues.Check(data, Set);
        values.IsInvalid(key).Should().BeTrue();
        values.TryGet(key, out _).Should().BeFalse();
        return values.Problems.Where(p => p.Severity == Severity.Error).Should().ContainSingle().Which;
    }

    [Theory] // case 1
    [InlineData("\"duongXaKm\": NaN")]
    [InlineData("\"duongXaKm\": Infinity")]
    [InlineData("\"duongXaKm\": -Infinity")]
    public void Case01_NaN_and_Infinity_are_refused_at_their_line_and_field(string measure)
    {
        var p = Refused(File(measure));
        p.Line.Should().Be(8);
        p.Column.Should().BeGreaterThan(10);
        p.Field.Should().Be("measures.duongXaKm");
        p.Message.Should().Contain("NaN and Infinity are not JSON numbers");
    }

    [Theory] // case 2
    [InlineData("1e400", "too large to be a number")]
    [InlineData("123456789012345678901234567890", "beyond any plausible figure")]
    public void Case02_numbers_beyond_double_or_long_are_a_data_error_at_their_place(string number, string why)
    {
        var p = RefusedValue(File($"\"danSo\": {number}"), "danSo");
        p.Line.Should().Be(8);
        p.Field.Should().Be("measures.danSo");
        p.Message.Should().Contain(why);
    }

    [Theory] // case 2, outside measures
    [InlineData("\"year\": 2023", "\"year\": 123456789012345678901234567890", "year")]
    [InlineData("\"year\": 2023", "\"year\": 1e400", "year")]
    public void Case02_huge_numbers_in_other_fields_are_refused_as_well(string from, string to, string field)
    {
        var p = Refused(File("\"danSo\": 5").Replace(from, to));
        p.Field.Should().Be(field);
        p.Message.Should().Contain("whole number between 2000 and 2100");
    }

    [Theory] // case 3
    [InlineData("\"tongSoHo\": 1e308", "tongSoHo")]
    [InlineData("\"duongXaKm\": 1e300", "duongXaKm")]
    public async Task Case03_implausible_magnitudes_are_refused_before_any_rule_divides_by_them(string measure, string key)
    {
        var json = File(measure).Replace("\"tongSoHo\": 1784,\n", "");
        var p = RefusedValue(json, key);
        p.Message.Should().Contain("beyond any plausible figure").And.Contain("check the value and its unit");
        var result = await NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "xa.json", []));
        result.HasExpressionErrors.Should().BeFalse("the implausible value never reaches a rule");
    }

    [Fact] // case 4
    public async Task Case04_a_part_larger_than_its_whole_is_refused_naming_both_fields()
    {
        var p = RefusedValue(File("\"hoSuDungDienAnToan\": 5000"), "hoSuDungDienAnToan");
        p.Field.Should().Be("measures.hoSuDungDienAnToan");
        p.Line.Should().Be(8);
        p.Message.Should().Contain("hoSuDungDienAnToan = 5000").And.Contain("tongSoHo = 1784").And.Contain("a part cannot exceed its whole");

        var data = CommuneDataReader.Parse(Encoding.UTF8.GetBytes(File("\"hoSuDungDienAnToan\": 5000")), "xa.json", []);
        var result = await NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, data);
        result.Indicator("4.2").Status.Should().Be(IndicatorStatus.ThieuSoLieu, "280% of households is not evaluated as met");
    }

    [Fact] // case 4, disjoint parts
    public void Case04_poor_plus_near_poor_above_all_households_is_refused_naming_the_three_fields()
    {
        var p = RefusedValue(File("\"hoNgheo\": 1000,\n    \"hoCanNgheo\": 1000"), "hoCanNgheo");
        p.Message.Should().Contain("hoCanNgheo 1000 + hoNgheo 1000 = 2000").And.Contain("tongSoHo = 1784");
        MeasureValues.Check(CommuneDataReader.Parse(Encoding.UTF8.GetBytes(File("\"hoNgheo\": 1000,\n    \"hoCanNgheo\": 784")), "xa.json", []), Set)
            .HasErrors.Should().BeFalse("a part equal to what remains of the whole is fine");
    }

    [Fact] // case 4: the bundled national set declares its parts, and says so where ranges are shown
    public void Case04_the_national_set_declares_numerators_as_parts_of_their_wholes()
    {
        Set.MeasuresByKey["hoSuDungDienAnToan"].RelationText.Should().Be("≤ tongSoHo");
        Set.MeasuresByKey["hoCanNgheo"].RelationText.Should().Be("+ hoNgheo ≤ tongSoHo");
        Set.MeasuresByKey["duongXaNhuaBeTongKm"].AtMost.Should().Be("duongXaKm");
        Set.MeasuresByKey["tongSoHo"].RelationText.Should().BeEmpty();
    }

    [Fact] // case 4, the set format
    public void Case04_a_relation_naming_an_unknown_or_yes_no_measure_refuses_the_set()
    {
        var folder = TestKit.CopyFixture("mini");
        var path = Path.Combine(folder, "set.json");
        var text = System.IO.File.ReadAllText(path);
        var at = text.IndexOf("\"key\": \"hoNgheo\"", StringComparison.Ordinal);
        System.IO.File.WriteAllText(path, text.Insert(at, "\"atMost\": \"tongSoHoo\", "));
        var (set, problems) = TestKit.Read(folder);
        set.Should().BeNull();
        problems.Should().Contain(p => p.Message.Contains("names 'tongSoHoo', which is not a measure of the set") && p.Line != null && p.Field!.EndsWith("atMost"));
    }

    [Theory] // case 5
    [InlineData("\"danSo\": 5, // ghi chú", "comments (// or /* */) are not allowed", 8)]
    [InlineData("\"danSo\": 5, /* ghi chú */", "comments (// or /* */) are not allowed", 8)]
    [InlineData("\"danSo\": 5,", "trailing comma", 9)]
    [InlineData("'danSo': 5", "single-quoted text is not JSON", 8)]
    public void Case05_lenient_json_is_refused_with_its_location(string measure, string message, int line)
    {
        var p = Refused(File(measure));
        p.Message.Should().Contain(message);
        p.Line.Should().Be(line);
        p.Column.Should().NotBeNull();
    }

    [Theory] // case 6
    [InlineData("\"X\\u0000\\u001b[31mRED\\u202eevil\\r\\n\"", "U+0000 (NUL)")]
    [InlineData("\"X\\u001b[31mRED\"", "U+001B (ESC)")]
    [InlineData("\"Xã \\u202eevil\"", "direction-control character U+202E")]
    [InlineData("\"Xã\\r\\nThử\"", "U+000D (carriage return)")]
    public void Case06_control_and_direction_characters_in_a_name_are_refused_at_their_place(string name, string what)
    {
        var p = Refused(File("\"danSo\": 5", name));
        p.Field.Should().Be("commune.name");
        p.Line.Should().Be(3);
        p.Message.Should().Contain(what);
    }

    [Fact] // found while probing: identity fields have a length
    public void A_name_of_a_million_characters_is_refused_at_its_place()
    {
        var p = Refused(File("\"danSo\": 5", "\"" + new string('x', 1_000_000) + "\""));
        (p.Field, p.Line).Should().Be(("commune.name", 3));
        p.Message.Should().Be("name is 1000000 characters long; at most 200 are accepted");
    }

    [Fact] // case 6: a narrative may break lines, never carry ESC
    public void Case06_narratives_may_break_lines_but_not_carry_control_characters()
    {
        var ok = File("\"danSo\": 5").Replace("\"measures\"", "\"narrative\": { \"4.2\": { \"cause\": \"Dòng 1\\nDòng 2\" } },\n  \"measures\"");
        CommuneDataReader.Parse(Encoding.UTF8.GetBytes(ok), "xa.json", []).Narratives!["4.2"].Cause.Should().Contain("\n");
        var bad = ok.Replace("Dòng 2", "\\u001b[2J");
        Refused(bad).Field.Should().Be("narrative['4.2'].cause");
    }

    [Fact] // found while probing: 200.000 made-up keys took two minutes of "did you mean"
    public void Many_unknown_keys_are_warned_about_briefly()
    {
        // 2.000 keys, a hundred times the listed ones, and one of 200.000 characters: a "did you mean" for each
        // (the long one above all) would stand out; the summary's count is what is asserted.
        var keys = string.Join(",\n    ", Enumerable.Range(0, 2_000).Select(i => $"\"k{i:D6}abcdefgh\": 1").Append($"\"{new string('x', 200_000)}\": 1"));
        var data = CommuneDataReader.Parse(Encoding.UTF8.GetBytes(File(keys)), "xa.json", []);
        var values = MeasureValues.Check(data, Set);
        values.Problems.Should().HaveCount(MeasureValues.UnknownKeysListed + 1);
        values.Problems[^1].Message.Should().StartWith($"{2_001 - MeasureValues.UnknownKeysListed} more unknown measure(s) are ignored");
    }

    [Fact]
    public void SafeText_shows_refused_characters_without_carrying_them()
    {
        SafeText.Visible("B\0X\u202E\u001b").Should().Be("B\\u0000X\\u202E\\u001B");
        SafeText.Visible("Cẩm Thành 😀").Should().Be("Cẩm Thành 😀");
        SafeText.Problem("Cẩm Thành", multiLine: false).Should().BeNull();
    }
}

using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace NtmRules.Cli.Tests;

/// <summary>End-to-end: `ntm evaluate` on the bundled samples and on bad input.</summary>
public class EvaluateCommandTests
{
    private static string WriteTemp(string content, string name = "data.json")
    {
        var dir = Path.Combine(Path.GetTempPath(), "ntm-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string SampleWith(string sample, Func<JObject, JObject> change) =>
        WriteTemp(change(JObject.Parse(File.ReadAllText(Cli.Sample(sample)))).ToString());

    [Fact]
    public void Readme_run_command_shows_the_sample_statuses_and_counts()
    {
        var r = Cli.RunProcess(["evaluate", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json", "--lang", "vi"]);
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("Cẩm Thành").And.Contain("chưa đạt").And.Contain("đạt").And.MatchRegex(@"Kết quả: đạt \d+/19 tiêu chí, \d+/57 chỉ tiêu");
        r.Stdout.Should().Contain("Nghèo đa chiều");
    }

    [Theory]
    [InlineData("vn.qd318.xa-ntm", "cam-thanh-2023.json")]
    [InlineData("vn.qd318.xa-ntm", "tan-lap-2024.json")]
    [InlineData("vn.qd318.xa-ntm-nang-cao", "tan-lap-2024.json")]
    public async Task Json_output_validates_against_the_shipped_schema_and_is_byte_identical(string set, string sample)
    {
        var first = Cli.Run("evaluate", "--set", set, "--data", Cli.Sample(sample), "--format", "json");
        first.ExitCode.Should().Be(0, first.ToString());
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Cli.RepoRoot, "docs", "schemas", "evaluation.schema.json"));
        var errors = schema.Validate(first.Stdout);
        errors.Should().BeEmpty(string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var second = Cli.Run("evaluate", "--set", set, "--data", Cli.Sample(sample), "--format", "json");
        second.Stdout.Should().Be(first.Stdout);
        var doc = JObject.Parse(first.Stdout);
        doc["criteria"]!.SelectMany(c => c["indicators"]!).Should().OnlyContain(i => i["citation"]!["decision"]!.ToString().Length > 0);
        // The bundled samples are clean; a sample made for two sets may only carry the other set's measures.
        doc["problems"]!.Where(p => !((string)p["severity"]! == "warning" && ((string)p["message"]!).Contains("used by other sets"))).Should().BeEmpty();
    }

    [Fact]
    public void Unknown_set_lists_the_known_ones()
    {
        var r = Cli.Run("evaluate", "--set", "vn.qd999.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"));
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("unknown criteria set \"vn.qd999.xa-ntm\"").And.Contain("vn.qd318.xa-ntm").And.Contain("vn.qd318.xa-ntm-nang-cao");
        r.Stderr.Should().NotContain("   at ");
    }

    [Fact]
    public void Malformed_json_names_file_line_and_column()
    {
        var path = WriteTemp("{\n  \"format\": \"ntm.commune-data/1\",\n  \"measures\": { \"hoNgheo\": 71, }\n  oops\n}");
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", path);
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().MatchRegex(@"data\.json\(\d+,\d+\): error: .*malformed JSON");
        r.Stderr.Should().NotContain("   at ");
    }

    [Fact]
    public void Empty_file_is_bad_input()
    {
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", WriteTemp(""));
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("the file is empty");
    }

    [Fact]
    public void Missing_file_is_bad_input()
    {
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", "samples/khong-co.json");
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("samples/khong-co.json: error: file not found");
    }

    [Fact]
    public void Vietnamese_numbers_in_strings_are_read_while_a_rate_above_100_and_a_negative_count_are_each_reported()
    {
        var path = SampleWith("cam-thanh-2023.json", o =>
        {
            var m = (JObject)o["measures"]!;
            var percent = m.Properties().First(p => p.Value.Type == JTokenType.Float || p.Name.StartsWith("tyLe", StringComparison.Ordinal));
            m[percent.Name] = "90,06";
            m["tongSoHo"] = "1.784";
            var second = m.Properties().Last(p => p.Name.StartsWith("tyLe", StringComparison.Ordinal) && p.Name != percent.Name);
            m[second.Name] = 104.5;
            m["hoNgheo"] = -3;
            return o;
        });
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", path, "--format", "json");
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("cannot be above 100 (104.5)").And.Contain("cannot be negative (-3)").And.NotContain("90,06").And.NotContain("tongSoHo");
        r.Stderr.Should().MatchRegex(@"data\.json\(\d+,\d+\): error: measures\.hoNgheo");
        var doc = JObject.Parse(r.Stdout);
        doc["criteria"]!.Count().Should().Be(19, "the valid rest is still evaluated");
        doc["problems"]!.Count(p => (string)p["severity"]! == "error").Should().Be(2, "\"90,06\" and \"1.784\" are numbers as Vietnamese write them");
        r.Stdout.Should().Contain("1784").And.Contain("90.06");
    }

    [Fact]
    public void Unknown_measure_is_a_warning_naming_it_and_evaluation_succeeds()
    {
        var path = SampleWith("cam-thanh-2023.json", o => { ((JObject)o["measures"]!)["soHoNgheoo"] = 5; return o; });
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", path);
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("warning: measures.soHoNgheoo: unknown measure 'soHoNgheoo'");
    }

    [Fact]
    public void Measures_of_another_loaded_set_are_named_in_one_warning()
    {
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm-nang-cao", "--data", Cli.Sample("cam-thanh-2023.json"));
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("used by other sets but not by vn.qd318.xa-ntm-nang-cao are ignored").And.NotContain("unknown measure");
    }

    [Fact]
    public void Missing_measure_makes_its_indicator_missing_data_not_met()
    {
        var path = SampleWith("cam-thanh-2023.json", o => { ((JObject)o["measures"]!).Remove("hoNgheo"); return o; });
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", path, "--format", "json");
        r.ExitCode.Should().Be(0, r.ToString());
        var indicator = JObject.Parse(r.Stdout)["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => i["missingMeasures"]!.Any(m => (string)m! == "hoNgheo"));
        ((string)indicator["status"]!).Should().Be("thieu-so-lieu");
        ((string)indicator["outcome"]!).Should().Be("missing-data");
    }

    [Fact]
    public void Wrong_option_value_is_bad_input()
    {
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--format", "xml");
        r.ExitCode.Should().Be(2, r.ToString());
    }

    [Fact]
    public void Measures_lists_what_a_set_needs()
    {
        var r = Cli.Run("measures", "--set", "vn.qd318.xa-ntm", "--lang", "vi");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("hoNgheo").And.Contain("tongSoHo").And.Contain("Dùng cho chỉ tiêu");
    }
}

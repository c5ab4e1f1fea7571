using System.Text;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;
using NtmRules.Tests.Shared;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests.Loading;

/// <summary>
/// The messages of loading (plugin files, workflows, sets, manifests, expressions) and of commune
/// data follow the UI language: real errors raised under "vi" read in Vietnamese, under "en" in the
/// English of before, and in both at the same file, line and field.
/// </summary>
public class LoadingMessagesInVietnameseTests
{
    private const string BrokenData = """
        {
          "format": "ntm.commune-data/1",
          "commune": { "name": "Xã Thử" },
          "region": "Miền Trung",
          "year": 1999,
          "measures": []
        }
        """;

    private static IReadOnlyList<Problem> DataProblems(string json)
    {
        var act = () => CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "xa.json", []);
        return act.Should().Throw<InputException>().Which.Problems;
    }

    private static Problem Single(IEnumerable<Problem> problems, string start) =>
        problems.Should().ContainSingle(p => p.Message.StartsWith(start, StringComparison.Ordinal)).Which;

    [Theory]
    [InlineData("vi", "vùng \"Miền Trung\" không hợp lệ; dùng một trong TDMNPB", "'year' phải là số nguyên từ 2000 đến 2100, không phải số 1999", "'measures' phải là một đối tượng JSON")]
    [InlineData("en", "unknown region \"Miền Trung\"; use one of TDMNPB", "'year' must be a whole number between 2000 and 2100, not the number 1999", "'measures' must be a JSON object")]
    public void Commune_data_problems_are_worded_in_the_ui_language_at_their_place(string lang, string region, string year, string measures)
    {
        using var _ = TestCulture.Use(lang);
        var problems = DataProblems(BrokenData);
        Single(problems, region).Should().Match<Problem>(p => p.File == "xa.json" && p.Line == 4 && p.Field == "region");
        Single(problems, year).Should().Match<Problem>(p => p.Line == 5 && p.Field == "year");
        Single(problems, measures).Should().Match<Problem>(p => p.Line == 6 && p.Field == "measures");
    }

    [Theory]
    [InlineData("vi", "JSON sai cú pháp (trình đọc JSON báo: \"", "không được có chú thích (// hoặc /* */)")]
    [InlineData("en", "malformed JSON: ", "comments (// or /* */) are not allowed")]
    public void Malformed_json_is_said_in_the_ui_language(string lang, string malformed, string comment)
    {
        using var _ = TestCulture.Use(lang);
        DataProblems("{\n  \"year\": 2023,,\n}").Single().Should().Match<Problem>(p => p.Message.StartsWith(malformed) && p.Line == 2);
        DataProblems("{\n  // ghi chú\n  \"year\": 2023\n}").Single().Message.Should().StartWith(comment);
    }

    [Theory]
    [InlineData("vi", "Tổng số hộ (hộ) không được âm (-5)", "số liệu lạ 'tongSoH': bộ vn.test.mini không dùng đến nên bị bỏ qua (có phải là 'tongSoHo'?)")]
    [InlineData("en", "Tổng số hộ (hộ) cannot be negative (-5)", "unknown measure 'tongSoH': set vn.test.mini does not use it, so it is ignored (did you mean 'tongSoHo'?)")]
    public void Measure_values_are_checked_in_the_ui_language(string lang, string negative, string unknown)
    {
        using var _ = TestCulture.Use(lang);
        var (set, _) = Read(Fixture("mini"));
        var values = MeasureValues.Check(Commune(PassingMeasures(("tongSoHo", "-5"), ("tongSoH", "1")), "BTB"), set!);
        values.Problems.Should().ContainSingle(p => p.Message == negative && p.Field == "measures.tongSoHo" && p.Severity == Severity.Error);
        values.Problems.Should().ContainSingle(p => p.Message == unknown && p.Field == "measures.tongSoH" && p.Severity == Severity.Warning);
    }

    [Theory]
    [InlineData("vi", "cấp \"xa-moi\" không hợp lệ; dùng một trong các cấp ")]
    [InlineData("en", "unknown level \"xa-moi\"; use one of ")]
    public void A_set_file_problem_is_worded_in_the_ui_language_at_its_field(string lang, string message)
    {
        using var _ = TestCulture.Use(lang);
        var folder = Broken("set.json", "\"level\": \"xa-ntm\"", "\"level\": \"xa-moi\"");
        var (set, problems) = Read(folder);
        set.Should().BeNull();
        Single(problems, message).Should().Match<Problem>(p => p.File!.EndsWith("set.json") && p.Line == 4 && p.Field == "level");
    }

    [Theory]
    [InlineData("vi", "không hỗ trợ \"Enabled\": false: mọi quy tắc của bộ tiêu chí đều được đánh giá")]
    [InlineData("en", "\"Enabled\": false is not supported: every rule of a set is evaluated")]
    public void A_workflow_problem_is_worded_in_the_ui_language_at_its_field(string lang, string message)
    {
        using var _ = TestCulture.Use(lang);
        var folder = Broken("workflow.json", "\"RuleName\": \"11\",", "\"RuleName\": \"11\", \"Enabled\": false,");
        var (_, problems) = Read(folder);
        Single(problems, message).Should().Match<Problem>(p => p.File!.EndsWith("workflow.json") && p.Line == 6 && p.Field == "Rules[2].Enabled");
    }

    [Theory]
    [InlineData("vi", "'m.tyLeBhyt' không phải số liệu của bộ tiêu chí này", "GetType: cấm dùng reflection trong biểu thức quy tắc")]
    [InlineData("en", "'m.tyLeBhyt' is not a measure of this set", "GetType: reflection is forbidden in rule expressions")]
    public void A_refused_expression_is_explained_in_the_ui_language_at_the_param_that_holds_it(string lang, string unknown, string forbidden)
    {
        using var _ = TestCulture.Use(lang);
        var unknownMeasure = CompileFails(Broken("workflow.json", "m.tyLeThamGiaBhyt", "m.tyLeBhyt")).Single();
        unknownMeasure.Message.Should().Contain(unknown);
        unknownMeasure.Should().Match<Problem>(p => p.File!.EndsWith("workflow.json") && p.Line == 8 && p.Field == "Rules[4].LocalParams[0].Expression");
        CompileFails(Broken("workflow.json", "\"m.thuNhapBinhQuan\"", "\"m.GetType().Name.Length\"")).Single().Message.Should().Contain(forbidden);
    }

    [Theory]
    [InlineData("vi", "mã plugin \"Bad_Id\" phải gồm các từ ASCII chữ thường nối bằng dấu chấm", "mỗi plugin phải có ít nhất một bộ tiêu chí")]
    [InlineData("en", "plugin id \"Bad_Id\" must be lowercase ASCII words separated by dots", "a plugin ships at least one set")]
    public void Manifest_problems_are_worded_in_the_ui_language(string lang, string badId, string noSet)
    {
        using var _ = TestCulture.Use(lang);
        var folder = Directory.CreateTempSubdirectory("ntm-test-").FullName;
        var path = Path.Combine(folder, PluginManifest.FileName);
        File.WriteAllText(path, "{\n  \"id\": \"Bad_Id\",\n  \"name\": \"Thử\",\n  \"version\": \"1.0.0\",\n  \"publisher\": \"Tỉnh\",\n  \"sets\": []\n}");
        var problems = new List<Problem>();
        PluginManifest.Read(path, "plugin.json", problems);
        Single(problems, badId).Should().Match<Problem>(p => p.Line == 2 && p.Field == "id");
        Single(problems, noSet).Should().Match<Problem>(p => p.Line == 6 && p.Field == "sets");
    }

    private static string Broken(string file, string find, string replace)
    {
        var folder = CopyFixture("mini");
        var path = Path.Combine(folder, file);
        var text = File.ReadAllText(path);
        text.Should().Contain(find);
        File.WriteAllText(path, text.Replace(find, replace));
        return folder;
    }

    private static IReadOnlyList<Problem> CompileFails(string folder)
    {
        var act = () => Compile(folder);
        return act.Should().Throw<PluginException>().Which.Problems;
    }
}

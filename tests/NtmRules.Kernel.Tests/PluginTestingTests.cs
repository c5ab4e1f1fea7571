using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Testing;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// Test cases that travel with a plugin (<c>tests/*.test.json</c>): reading them, running them
/// through the host and evaluator, and rule coverage. The plugin is the mini fixture as a
/// data-only folder: indicators 1.1 (yes/no), 10 (income), 11 (poverty ≤ 6%), 13.4 (if a craft
/// village), 15.1 (BHYT ≥ 90%).
/// </summary>
public class PluginTestingTests
{
    /// <summary>A data-only plugin folder with the mini set, and the given case files under tests/.</summary>
    internal static string PluginWith(params (string Path, string Json)[] files)
    {
        var dir = CopyFixture("mini");
        File.WriteAllText(Path.Combine(dir, "plugin.json"),
            new JObject { ["id"] = "vn.test", ["name"] = "Test", ["version"] = "1.0.0", ["publisher"] = "Test", ["sets"] = new JArray("set.json") }.ToString());
        foreach (var (path, json) in files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, json);
        }
        return dir;
    }

    private static string Data(int poor, int households, bool plan, double bhyt) => new JObject
    {
        ["format"] = "ntm.commune-data/1",
        ["commune"] = new JObject { ["name"] = "Xã thử" },
        ["region"] = "BTB",
        ["year"] = 2024,
        ["measures"] = new JObject { ["hoNgheo"] = poor, ["hoCanNgheo"] = 0, ["tongSoHo"] = households, ["coQuyHoachChung"] = plan, ["tyLeThamGiaBhyt"] = bhyt },
    }.ToString();

    private static string Case(string name, JToken data, JObject expect, string set = "vn.test.mini") => new JObject
    {
        ["format"] = "ntm.plugin-test/1",
        ["name"] = name,
        ["set"] = set,
        ["data"] = data,
        ["expect"] = expect,
    }.ToString();

    /// <summary>5% poverty, a plan, 95% BHYT: 1.1, 11, 15.1 đạt.</summary>
    private static string Good(string name = "tốt") =>
        Case(name, JObject.Parse(Data(5, 100, true, 95)), new JObject { ["1.1"] = "dat", ["11"] = "dat", ["15.1"] = "dat" });

    /// <summary>10% poverty, no plan, 80% BHYT, from a data file: 1.1, 11, 15.1 chưa đạt.</summary>
    private static string Bad(string name = "yếu", string eleven = "chua-dat") =>
        Case(name, "data/yeu.json", new JObject { ["1.1"] = "chua-dat", ["11"] = eleven, ["15.1"] = "chua-dat" });

    private static async Task<PluginTestReport> Run(string dir) => await PluginTestRunner.RunAsync(PluginHost.LoadCandidate(dir, null));

    private static InputException ReadFails(string dir)
    {
        var host = PluginHost.LoadCandidate(dir, null);
        var act = () => PluginTestRunner.RunAsync(host);
        return act.Should().ThrowAsync<InputException>().GetAwaiter().GetResult().Which;
    }

    [Fact]
    public async Task Cases_run_through_the_host_and_coverage_counts_indicators_with_both_a_passing_and_a_failing_case()
    {
        var dir = PluginWith(("tests/a.test.json", Good()), ("tests/b.test.json", Bad()), ("tests/data/yeu.json", Data(10, 100, false, 80)));

        var report = await Run(dir);

        report.Plugin.Id.Should().Be("vn.test");
        report.Cases.Should().HaveCount(2).And.OnlyContain(c => c.Passed);
        report.Cases.Select(c => c.Case.DisplayFile).Should().Equal("tests/a.test.json", "tests/b.test.json");
        report.Cases[1].Case.Data.File.Should().Be("tests/data/yeu.json");
        var set = report.Coverage.Sets.Should().ContainSingle().Subject;
        set.SetId.Should().Be("vn.test.mini");
        set.Total.Should().Be(5);
        set.Covered.Should().Be(3);
        set.Uncovered.Select(u => u.Code).Should().Equal("10", "13.4");
        set.Uncovered.Should().OnlyContain(u => !u.HasPassingCase && !u.HasFailingCase);
        report.Coverage.Percent.Should().Be(60);
        report.Coverage.Reaches(60).Should().BeTrue();
        report.Coverage.Reaches(60.1).Should().BeFalse();
    }

    [Fact]
    public async Task An_indicator_seen_only_passing_is_reported_as_missing_its_failing_case()
    {
        var report = await Run(PluginWith(("tests/a.test.json", Good())));

        var eleven = report.Coverage.Sets[0].Indicators.Single(i => i.Code == "11");
        eleven.HasPassingCase.Should().BeTrue();
        eleven.HasFailingCase.Should().BeFalse();
        eleven.Covered.Should().BeFalse();
        report.Coverage.Covered.Should().Be(0);
    }

    [Fact]
    public async Task A_failing_case_names_the_differing_indicator_with_its_value_and_threshold_and_does_not_count_for_coverage()
    {
        var dir = PluginWith(("tests/a.test.json", Good()), ("tests/b.test.json", Bad("sai", eleven: "dat")), ("tests/data/yeu.json", Data(10, 100, false, 80)));

        var report = await Run(dir);

        report.PassedCount.Should().Be(1);
        report.FailedCount.Should().Be(1);
        var failed = report.Cases.Single(c => !c.Passed);
        var mismatch = failed.Mismatches.Should().ContainSingle().Subject;
        mismatch.Expected.Code.Should().Be("11");
        mismatch.Expected.Status.Should().Be(IndicatorStatus.Dat);
        mismatch.Expected.Line.Should().BeGreaterThan(0, "the mismatch points at the expectation in the case file");
        mismatch.Actual.Status.Should().Be(IndicatorStatus.ChuaDat);
        mismatch.Actual.Actual!.Value.Number.Should().Be(10);
        mismatch.Actual.Threshold.Value.Number.Should().Be(6);
        mismatch.Actual.Threshold.Operator.Should().Be(ComparisonOperator.AtMost);
        // The failed case's chưa đạt expectations for 1.1 and 15.1 do not count.
        report.Coverage.Covered.Should().Be(0);
    }

    [Fact]
    public async Task Other_statuses_are_checked_too_and_a_data_error_fails_the_case()
    {
        var notApplicable = Case("không có làng nghề", new JObject
        {
            ["format"] = "ntm.commune-data/1", ["commune"] = new JObject { ["name"] = "x" }, ["region"] = "BTB", ["year"] = 2024,
            ["measures"] = new JObject { ["coLangNghe"] = false },
        }, new JObject { ["13.4"] = "khong-ap-dung", ["11"] = "thieu-so-lieu" });
        var outOfRange = Case("BHYT 120%", JObject.Parse(Data(5, 100, true, 120)), new JObject { ["1.1"] = "dat" });
        var report = await Run(PluginWith(("tests/a.test.json", notApplicable), ("tests/b.test.json", outOfRange)));

        report.Cases[0].Passed.Should().BeTrue();
        report.Cases[1].Passed.Should().BeFalse("a value the set rejects makes the case fail, even though 1.1 is as expected");
        report.Cases[1].Mismatches.Should().BeEmpty();
        report.Cases[1].DataErrors.Should().ContainSingle().Which.Message.Should().Contain("100");
    }

    [Fact]
    public async Task A_rule_that_fails_at_run_time_never_matches_an_expectation()
    {
        // The mini workflow's 11 divides by tongSoHo; make it divide by zero by removing its minimum.
        var dir = PluginWith(("tests/a.test.json", Case("chia cho 0", JObject.Parse(Data(5, 0, true, 95)), new JObject { ["11"] = "chua-dat" })));
        var setPath = Path.Combine(dir, "set.json");
        var set = JObject.Parse(File.ReadAllText(setPath));
        set["measures"]!.Single(m => (string)m["key"]! == "tongSoHo")["min"] = 0;
        File.WriteAllText(setPath, set.ToString());

        var report = await Run(dir);

        var check = report.Cases.Single().Checks.Single();
        check.Actual.Outcome.Should().Be(Outcome.ExpressionError);
        check.Actual.Status.Should().Be(IndicatorStatus.ChuaDat);
        check.Passed.Should().BeFalse("chưa đạt from a failing rule is a plugin defect, not a verdict");
    }

    [Fact]
    public void Unknown_indicator_codes_and_statuses_are_errors_with_file_line_and_json_path()
    {
        var json = "{\n  \"format\": \"ntm.plugin-test/1\",\n  \"name\": \"x\",\n  \"set\": \"vn.test.mini\",\n  \"data\": \"data/yeu.json\",\n  \"expect\": {\n    \"11\": \"dat\",\n    \"99.9\": \"dat\",\n    \"15.1\": \"passed\"\n  }\n}";
        var e = ReadFails(PluginWith(("tests/x.test.json", json), ("tests/data/yeu.json", Data(10, 100, false, 80))));

        var unknownCode = e.Problems.Should().ContainSingle(p => p.Message.Contains("no indicator \"99.9\"")).Subject;
        unknownCode.File.Should().Be("tests/x.test.json");
        unknownCode.Line.Should().Be(8);
        unknownCode.Field.Should().Be("expect['99.9']");
        unknownCode.Message.Should().Contain("1.1, 10, 11, 13.4, 15.1");
        var unknownStatus = e.Problems.Should().ContainSingle(p => p.Message.Contains("unknown status \"passed\"")).Subject;
        unknownStatus.Line.Should().Be(9);
        unknownStatus.Field.Should().Be("expect['15.1']");
        unknownStatus.Message.Should().Contain("dat, chua-dat, thieu-so-lieu, khong-ap-dung");
    }

    [Fact]
    public void A_data_path_outside_the_plugin_folder_is_refused()
    {
        var e = ReadFails(PluginWith(("tests/x.test.json", Case("x", "../../outside.json", new JObject { ["11"] = "dat" }))));
        var p = e.Problems.Should().ContainSingle().Subject;
        p.Message.Should().Contain("outside the plugin folder");
        p.Field.Should().Be("data");
        p.Line.Should().NotBeNull();
    }

    [Fact]
    public void Malformed_json_an_unknown_set_inline_data_errors_and_a_missing_data_file_are_all_reported_at_once()
    {
        var inlineBad = Case("x", new JObject { ["format"] = "ntm.commune-data/1", ["commune"] = new JObject { ["name"] = "x" }, ["region"] = "XYZ", ["year"] = 2024, ["measures"] = new JObject() },
            new JObject { ["11"] = "dat" });
        var e = ReadFails(PluginWith(
            ("tests/a.test.json", "{ \"format\": \"ntm.plugin-test/1\",\n  \"name\": \"x\" \"set\": 1 }"),
            ("tests/b.test.json", Case("x", "data/none.json", new JObject { ["11"] = "dat" }, set: "vn.other")),
            ("tests/c.test.json", inlineBad)));

        e.Problems.Should().Contain(p => p.File == "tests/a.test.json" && p.Message.StartsWith("malformed JSON") && p.Line == 2);
        e.Problems.Should().Contain(p => p.File == "tests/b.test.json" && p.Message.Contains("the plugin has no set \"vn.other\"") && p.Message.Contains("vn.test.mini"));
        e.Problems.Should().Contain(p => p.File == "tests/b.test.json" && p.Message.Contains("data file \"data/none.json\" not found"));
        e.Problems.Should().Contain(p => p.File == "tests/c.test.json" && p.Field == "data.region" && p.Message.Contains("unknown region \"XYZ\""));
    }

    [Fact]
    public void A_plugin_without_cases_is_an_input_error()
    {
        var e = ReadFails(PluginWith());
        e.Problems.Single().Message.Should().Contain("no test cases").And.Contain("tests/*.test.json");
    }

    [Fact]
    public async Task A_refused_candidate_is_a_plugin_error()
    {
        var dir = PluginWith(("tests/a.test.json", Good()));
        File.WriteAllText(Path.Combine(dir, "set.json"), "{ not json");
        var act = () => Run(dir);
        (await act.Should().ThrowAsync<PluginException>()).Which.Problems[0].Message.Should().Contain("refused at load");
    }

    [Fact]
    public void Test_cases_are_not_part_of_the_plugins_content_hash()
    {
        var dir = PluginWith();
        var before = ContentHash.Of(dir);
        Directory.CreateDirectory(Path.Combine(dir, "tests", "data"));
        File.WriteAllText(Path.Combine(dir, "tests", "a.test.json"), Good());
        File.WriteAllText(Path.Combine(dir, "tests", "data", "yeu.json"), Data(10, 100, false, 80));
        ContentHash.Of(dir).Should().Be(before);
        File.WriteAllText(Path.Combine(dir, "set.json"), File.ReadAllText(Path.Combine(dir, "set.json")) + " ");
        ContentHash.Of(dir).Should().NotBe(before, "the set still is");
    }
}

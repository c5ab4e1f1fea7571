using NtmRules.Tests.Shared;
using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Thresholds;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;

namespace NtmRules.Kernel.Tests;

/// <summary>Commune groups (xã nhóm 1, 2, 3) as a threshold dimension beside regions.</summary>
public class CommuneGroupTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static JObject Figure(double value) => new()
    {
        ["value"] = value,
        ["provenance"] = new JObject { ["state"] = "assumed", ["reason"] = "mức thử nghiệm" },
    };

    /// <summary>
    /// The mini fixture with indicator 10 overridden for groups 1 and 2 (general figure kept) and
    /// indicator 11 keyed only by group (4%, 5%, 6%).
    /// </summary>
    private static string GroupedFixture(Action<JObject>? change = null)
    {
        var folder = TestKit.CopyFixture("mini");
        var path = Path.Combine(folder, "set.json");
        var root = JObject.Parse(File.ReadAllText(path));
        var indicators = root["criteria"]!.SelectMany(c => c["indicators"]!).Cast<JObject>().ToDictionary(i => (string)i["code"]!);
        foreach (var v in indicators["10"]["threshold"]!["values"]!.Cast<JObject>()) v["groups"] = new JObject { ["1"] = 70, ["2"] = Figure(55) };
        foreach (var v in indicators["11"]["threshold"]!["values"]!.Cast<JObject>())
        {
            v.Remove("value");
            v.Remove("regions");
            v.Remove("provenance");
            v["groups"] = new JObject { ["1"] = Figure(4), ["2"] = Figure(5), ["3"] = Figure(6) };
        }
        change?.Invoke(root);
        File.WriteAllText(path, root.ToString());
        return folder;
    }

    private static CommuneData Commune(string? group, string region = "TDMNPB")
    {
        var json = $$"""
        {
          "format": "ntm.commune-data/1",
          "commune": { "name": "Xã Thử" },
          "region": "{{region}}",
          {{(group is null ? "" : $"\"communeGroup\": {group},")}}
          "year": 2024,
          "measures": {{TestKit.PassingMeasures()}}
        }
        """;
        return CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "test.json", []);
    }

    private static EvaluationResult Evaluate(string folder, CommuneData data)
    {
        var (compiled, evaluator) = TestKit.Compile(folder);
        return evaluator.EvaluateAsync(compiled, data).GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData("1", CommuneGroup.Group1)]
    [InlineData("nhóm 2", CommuneGroup.Group2)]
    [InlineData("Xã Nhóm 3", CommuneGroup.Group3)]
    [InlineData("nhom3", CommuneGroup.Group3)]
    public void Groups_parse_from_what_people_write(string text, CommuneGroup expected)
    {
        CommuneGroups.TryParse(text, out var group).Should().BeTrue();
        group.Should().Be(expected);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("nhóm")]
    [InlineData("")]
    [InlineData("12")]
    public void Other_texts_are_not_groups(string text) => CommuneGroups.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void A_group_figure_wins_over_the_region_and_the_general_figure()
    {
        var folder = GroupedFixture();
        var r1 = Evaluate(folder, Commune("1"));
        r1.Indicator("10").Threshold.Value.Number.Should().Be(70);
        r1.Indicator("10").Threshold.Group.Should().Be(CommuneGroup.Group1);
        r1.Indicator("10").Threshold.Region.Should().BeNull();
        // Group 3 has no override of indicator 10: the TDMNPB figure applies as before.
        var r3 = Evaluate(folder, Commune("3"));
        r3.Indicator("10").Threshold.Value.Number.Should().Be(43);
        r3.Indicator("10").Threshold.Region.Should().Be(Region.TDMNPB);
        r3.Indicator("10").Threshold.Group.Should().BeNull();
    }

    [Fact]
    public void The_same_figures_meet_a_group_keyed_threshold_in_one_group_and_not_in_another()
    {
        var folder = GroupedFixture();
        // 20 + 30 of 1000 households: 5,0 %.
        Evaluate(folder, Commune("1")).Indicator("11").Status.Should().Be(IndicatorStatus.ChuaDat);
        Evaluate(folder, Commune("\"nhóm 2\"")).Indicator("11").Status.Should().Be(IndicatorStatus.Dat);
        Evaluate(folder, Commune("3")).Indicator("11").Status.Should().Be(IndicatorStatus.Dat);
    }

    [Fact]
    public void Data_without_a_group_for_a_set_that_needs_one_is_a_data_error_naming_the_field()
    {
        var folder = GroupedFixture();
        var act = () => Evaluate(folder, Commune(null));
        var e = act.Should().Throw<InputException>().Which;
        e.Problems.Should().ContainSingle().Which.Field.Should().Be("communeGroup");
        e.Problems[0].Message.Should().Contain("communeGroup").And.Contain("vn.test.mini");
    }

    [Fact]
    public void A_set_with_group_overrides_only_still_evaluates_data_without_a_group()
    {
        var folder = GroupedFixture(root =>
        {
            // Put a general figure back on indicator 11: the groups are then overrides, not a requirement.
            var eleven = root["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => (string)i["code"]! == "11");
            foreach (var v in eleven["threshold"]!["values"]!.Cast<JObject>()) { v["value"] = 6; v["provenance"] = Figure(0)["provenance"]; }
        });
        var r = Evaluate(folder, Commune(null, "BTB"));
        r.Indicator("11").Threshold.Value.Number.Should().Be(6);
        r.Indicator("10").Threshold.Value.Number.Should().Be(50);
    }

    [Fact]
    public void A_group_keyed_value_must_give_all_three_groups()
    {
        var folder = GroupedFixture(root =>
        {
            var eleven = root["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => (string)i["code"]! == "11");
            foreach (var v in eleven["threshold"]!["values"]!.Cast<JObject>()) ((JObject)v["groups"]!).Remove("3");
        });
        var (set, problems) = TestKit.Read(folder);
        set.Should().BeNull();
        problems.Should().Contain(p => p.Message.Contains("indicator 11") && p.Message.Contains("missing 3"));
    }

    [Fact]
    public void An_unknown_group_key_in_a_set_is_reported()
    {
        var folder = GroupedFixture(root =>
        {
            var ten = root["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => (string)i["code"]! == "10");
            ((JObject)ten["threshold"]!["values"]![0]!["groups"]!)["4"] = 80;
        });
        TestKit.Read(folder).Problems.Should().Contain(p => p.Message.Contains("unknown commune group \"4\""));
    }

    [Fact]
    public void The_evaluation_json_and_the_trace_show_the_group()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var result = Evaluate(GroupedFixture(), Commune("2"));
        var json = new StringWriter();
        EvaluationJsonWriter.Write(result, json);
        var o = JObject.Parse(json.ToString());
        ((string)o["communeGroup"]!).Should().Be("2");
        var eleven = o["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => (string)i["code"]! == "11");
        ((string)eleven["threshold"]!["group"]!).Should().Be("2");

        var trace = new StringWriter();
        TraceTextWriter.Write(result, [result.Indicator("11")], Provenance.Of(result, At), trace);
        trace.ToString().Should().Contain("nhóm xã: xã nhóm 2").And.Contain("(mức riêng xã nhóm 2)");
        var traceJson = new StringWriter();
        TraceJsonWriter.Write(result, result.Indicators, Provenance.Of(result, At), traceJson);
        ((string)JObject.Parse(traceJson.ToString())["communeGroup"]!).Should().Be("2");
    }

    [Fact]
    public void Evaluations_of_data_without_a_group_write_no_group_field()
    {
        var result = TestKit.EvaluateMini(TestKit.Commune(TestKit.PassingMeasures()));
        var json = new StringWriter();
        EvaluationJsonWriter.Write(result, json);
        json.ToString().Should().NotContain("communeGroup").And.NotContain("\"group\"");
    }

    [Theory]
    [InlineData("4")]
    [InlineData("\"nhóm bốn\"")]
    [InlineData("true")]
    public void A_bad_group_in_a_data_file_is_an_error_at_its_line(string group)
    {
        var act = () => Commune(group);
        act.Should().Throw<InputException>().Which.Problems.Should()
            .Contain(p => p.Message.Contains("communeGroup") && p.Line != null);
    }

    [Fact]
    public void Threshold_json_writes_group_figures_back()
    {
        var (set, _) = TestKit.Read(GroupedFixture());
        var value = set!.Indicators.Single(i => i.Code == "11").Threshold.Values[0];
        var o = ThresholdJson.Value(value);
        o.ContainsKey("value").Should().BeFalse();
        ((double)o["groups"]!["3"]!["value"]!).Should().Be(6);
    }

    [Fact]
    public void The_table_and_form_readers_take_the_group_from_its_cell()
    {
        var cells = new Dictionary<string, string> { ["name"] = "Xã Thử", ["region"] = "BTB", ["year"] = "2026", ["communeGroup"] = "nhóm 1" };
        var problems = new List<IntakeProblem>();
        var parsed = IdentityFields.Parse(k => cells.TryGetValue(k, out var t) ? new IdentityFields.Located(new SourceCell(t, false), 3, k) : null, "xa.csv", null, problems);
        problems.Should().BeEmpty();
        parsed!.Value.Group.Should().Be(CommuneGroup.Group1);

        cells["communeGroup"] = "5";
        IdentityFields.Parse(k => cells.TryGetValue(k, out var t) ? new IdentityFields.Located(new SourceCell(t, false), 3, k) : null, "xa.csv", null, problems).Should().BeNull();
        problems.Should().ContainSingle().Which.Field.Should().Be("communeGroup");
    }
}

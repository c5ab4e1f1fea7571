using NtmRules.Tests.Shared;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Output;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// A provincial set extending a base set is resolved at load into a flat set whose every
/// indicator says where it came from, and whose replaced thresholds are kept for the reports.
/// Fixture: <c>Fixtures/mini-province</c> extends <c>Fixtures/mini</c>.
/// </summary>
public class InheritanceTests
{
    private static SetSource Base()
    {
        var (set, problems) = Read(Fixture("mini"));
        set.Should().NotBeNull(string.Join("\n", problems));
        return set!;
    }

    /// <summary>Reads the provincial fixture, after <paramref name="edit"/> changes its JSON, against the mini base.</summary>
    private static (SetSource? Set, List<Problem> Problems) ReadProvince(Action<JObject>? edit = null, Action<JObject>? editWorkflow = null)
    {
        var folder = CopyFixture("mini-province");
        var setPath = Path.Combine(folder, "set.json");
        if (edit is not null)
        {
            var doc = JObject.Parse(File.ReadAllText(setPath));
            edit(doc);
            File.WriteAllText(setPath, doc.ToString());
        }
        if (editWorkflow is not null)
        {
            var wfPath = Path.Combine(folder, "workflow.json");
            var wf = JObject.Parse(File.ReadAllText(wfPath));
            editWorkflow(wf);
            File.WriteAllText(wfPath, wf.ToString());
        }
        var baseSet = Base();
        var problems = new List<Problem>();
        var info = new PluginInfo("vn.test", "Tỉnh thử", "2.0.0", "UBND tỉnh Thử", folder, ContentHash.Of(folder));
        var set = CriteriaSetReader.Read(setPath, info, problems, id => id == baseSet.Id ? baseSet : null);
        return (set, problems);
    }

    private static SetSource Province()
    {
        var (set, problems) = ReadProvince();
        set.Should().NotBeNull(string.Join("\n", problems));
        problems.Where(p => p.Severity == Severity.Error).Should().BeEmpty();
        return set!;
    }

    private static EvaluationResult Evaluate(SetSource set, string measures, string region = "BTB")
    {
        var settings = Evaluator.CreateSettings([]);
        var functions = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Ntm"] = new HashSet<string> { "Rate" },
            ["Math"] = new HashSet<string> { "Min", "Max", "Round" },
        };
        var compiled = CompiledCriteriaSet.Compile(set, settings, functions);
        return new Evaluator(settings, [compiled]).EvaluateAsync(compiled, Commune(measures, region, date: "2023-07-15")).GetAwaiter().GetResult();
    }

    [Fact]
    public void Resolves_into_a_flat_set_with_overrides_additions_and_removals()
    {
        var set = Province();
        set.Indicators.Select(i => i.Code).Should().Equal("1", "10", "11", "15.1", "15.4");
        set.Criteria.Select(c => c.Number).Should().Equal(1, 10, 11, 15);
        set.Criteria.Single(c => c.Number == 15).Name.Should().Be("Y tế và chăm sóc sức khỏe");
        set.Workflow.WorkflowName.Should().Be("vn.test.province");
        set.Workflow.Rules.Select(r => r.RuleName).Should().Equal("1.1", "10", "11", "15.1", "15.4");
        set.Measures.Select(m => m.Key).Should().Contain(["hoNgheo", "danSo", "nguoiCoSoKhamChuaBenhDienTu"]);
        set.Bases.Should().ContainSingle().Which.SetId.Should().Be("vn.test.mini");
        set.LegalBases.Should().Equal("Quyết định số 1/QĐ-TEST", "Quyết định số 32/2022/QĐ-UBND");

        var renumbered = set.Indicators.Single(i => i.Code == "1");
        renumbered.RuleName.Should().Be("1.1", "the base rule still evaluates a renumbered indicator");
        renumbered.Origin!.Kind.Should().Be(IndicatorOriginKind.Overridden);
        renumbered.Origin.BaseCode.Should().Be("1.1");
        renumbered.Origin.Changed.Should().Equal("code", "name");

        var poverty = set.Indicators.Single(i => i.Code == "11");
        poverty.Origin!.Changed.Should().Equal("responsibleOffice", "threshold");
        poverty.Origin.Replaced!.Decision.Should().Be("1/QĐ-TEST");
        poverty.Threshold.Values.Single().General!.Value.Number.Should().Be(6.5);
        poverty.Threshold.Values.Single().General!.Provenance.State.Should().Be(ProvenanceState.Confirmed);

        var added = set.Indicators.Single(i => i.Code == "15.4");
        added.Origin!.Kind.Should().Be(IndicatorOriginKind.Added);
        added.Origin.RuleFile.Should().EndWith("workflow.json");
    }

    [Fact]
    public void Inherited_values_not_checked_against_the_provincial_decision_are_assumed_and_say_why()
    {
        var set = Province();
        var income = set.Indicators.Single(i => i.Code == "10");
        income.Origin!.Kind.Should().Be(IndicatorOriginKind.Inherited);
        income.Threshold.Values.SelectMany(v => v.Figures).Should().OnlyContain(f => f.Figure.Provenance.State == ProvenanceState.Assumed
            && f.Figure.Provenance.Reason!.Contains("chưa đối chiếu với QĐ 32/2022/QĐ-UBND") && f.Figure.Provenance.Reason.Contains("bộ thử nghiệm"));
        income.Threshold.Values.Select(v => v.Citation.Decision).Should().OnlyContain(d => d == "1/QĐ-TEST", "the figure still comes from the base decision");
        Base().CountFigures(ProvenanceState.Assumed).Should().Be(2, "the base set itself is unchanged: only its 2024 income figures (general, TDMNPB) are assumed");
    }

    [Fact]
    public void Inherited_values_stay_as_the_base_has_them_when_the_province_confirms_them()
    {
        var (set, problems) = ReadProvince(doc => doc["extends"] = new JObject { ["set"] = "vn.test.mini", ["inheritedValues"] = "unchanged" });
        set.Should().NotBeNull(string.Join("\n", problems));
        set!.Indicators.Single(i => i.Code == "10").Threshold.Values.Should().BeEquivalentTo(Base().Indicators.Single(i => i.Code == "10").Threshold.Values);
    }

    [Fact]
    public void Every_threshold_says_whose_decision_it_comes_from_and_what_it_replaced()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var result = Evaluate(Province(), PassingMeasures(("hoNgheo", "40"), ("hoCanNgheo", "24"), ("danSo", "4000"), ("nguoiCoSoKhamChuaBenhDienTu", "2500")));
        var poverty = result.Indicator("11");
        poverty.Threshold.Value.Number.Should().Be(6.5);
        poverty.Status.Should().Be(IndicatorStatus.Dat, "6,4% meets the province's 6,5% though not the base's 6%");
        poverty.Indicator.ThresholdBasis(poverty.Threshold).Should().Be("ngưỡng theo QĐ 32/2022/QĐ-UBND (đã xác nhận: mục 1, QĐ 32/2022/QĐ-UBND (văn bản thử nghiệm)), thay cho ngưỡng của bộ vn.test.mini");
        result.Indicator("10").Indicator.ThresholdBasis(result.Indicator("10").Threshold).Should().StartWith("ngưỡng giả định, chưa có văn bản xác nhận (Mức của bộ vn.test.mini").And.EndWith(", kế thừa từ bộ tiêu chí vn.test.mini");
        result.Indicator("15.4").Indicator.ThresholdBasis(result.Indicator("15.4").Threshold).Should().Be("ngưỡng giả định, chưa có văn bản xác nhận (test figure, not confirmed), chỉ tiêu bổ sung (không có trong bộ tiêu chí gốc)");

        var json = new StringWriter();
        EvaluationJsonWriter.Write(result, json);
        var doc = JObject.Parse(json.ToString());
        var i11 = doc["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => (string)i["code"]! == "11");
        ((string)i11["threshold"]!["basis"]!).Should().EndWith("thay cho ngưỡng của bộ vn.test.mini");
        ((string)i11["threshold"]!["provenance"]!["state"]!).Should().Be("confirmed");
        ((double)i11["threshold"]!["replaces"]!["value"]!).Should().Be(6);
        ((string)i11["origin"]!["kind"]!).Should().Be("overridden");
        ((string)doc["set"]!["extends"]![0]!["setId"]!).Should().Be("vn.test.mini");
        ((string)doc["set"]!["extends"]![0]!["plugin"]!["contentSha256"]!).Should().HaveLength(64);

        var trace = new StringWriter();
        var provenance = Provenance.Of(result, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        TraceTextWriter.Write(result, [poverty], provenance, trace);
        trace.ToString().Should().Contain("Nguồn ngưỡng: ngưỡng theo QĐ 32/2022/QĐ-UBND (đã xác nhận: mục 1, QĐ 32/2022/QĐ-UBND (văn bản thử nghiệm)), thay cho ngưỡng của bộ vn.test.mini")
            .And.Contain("Xác nhận ngưỡng: đã xác nhận: mục 1, QĐ 32/2022/QĐ-UBND (văn bản thử nghiệm): «mức thử nghiệm»")
            .And.Contain("Ngưỡng được thay thế: ≤ 6% của bộ vn.test.mini (đã xác nhận)")
            .And.Contain("Kế thừa bộ vn.test.mini (QĐ 1/QĐ-TEST): plugin vn.test phiên bản 1.0.0");
    }

    [Fact]
    public async Task Outputs_of_an_extending_set_follow_their_schemas()
    {
        var result = Evaluate(Province(), PassingMeasures(("danSo", "4000"), ("nguoiCoSoKhamChuaBenhDienTu", "100")));
        var evaluation = new StringWriter();
        EvaluationJsonWriter.Write(result, evaluation);
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "evaluation.schema.json"));
        schema.Validate(evaluation.ToString()).Should().BeEmpty();
        var trace = new StringWriter();
        TraceJsonWriter.Write(result, result.Indicators, Provenance.Of(result, DateTimeOffset.UnixEpoch), trace);
        var traceSchema = await JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "trace.schema.json"));
        traceSchema.Validate(trace.ToString()).Should().BeEmpty();
        var setSchema = await JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "criteria-set.schema.json"));
        setSchema.Validate(File.ReadAllText(Path.Combine(Fixture("mini-province"), "set.json"))).Should().BeEmpty();
    }

    [Theory]
    [InlineData("unknown-base", "base set \"vn.test.khong-co\" is not available")]
    [InlineData("override-unknown", "override: indicator \"99.9\" is not in base set vn.test.mini")]
    [InlineData("remove-unknown", "remove: indicator \"42\" is not in base set vn.test.mini")]
    [InlineData("empty-criterion", "criterion 13 has no indicators left")]
    [InlineData("code-clash", "indicator code \"10\" appears 2 times after inheritance")]
    [InlineData("added-without-rule", "added indicator 15.4 has no rule named \"15.4\"")]
    [InlineData("kind-change", "an override keeps its kind")]
    [InlineData("assumed-without-reason", "say in 'reason' why the inherited threshold values are assumed")]
    [InlineData("stray-rule", "rule \"99\" evaluates no indicator of the set")]
    [InlineData("self", "extends itself")]
    public void A_broken_extension_is_refused_with_file_position_and_reason(string scenario, string expected)
    {
        var (set, problems) = scenario switch
        {
            "unknown-base" => ReadProvince(d => d["extends"]!["set"] = "vn.test.khong-co"),
            "override-unknown" => ReadProvince(d => d["override"]!["99.9"] = new JObject { ["name"] = "x" }),
            "remove-unknown" => ReadProvince(d => d["remove"]!["indicators"] = new JArray("42")),
            "empty-criterion" => ReadProvince(d => { d["remove"] = new JObject { ["indicators"] = new JArray("13.4") }; }),
            "code-clash" => ReadProvince(d => d["override"]!["1.1"]!["code"] = "10"),
            "added-without-rule" => ReadProvince(editWorkflow: w => w["Rules"] = new JArray()),
            "kind-change" => ReadProvince(d => d["override"]!["11"]!["threshold"] = JObject.Parse(
                """{ "operator": "==", "values": [ { "from": "2022-08-10", "value": true, "citation": { "decision": "32/2022/QĐ-UBND" }, "provenance": { "state": "confirmed", "document": "QĐ thử nghiệm", "location": "mục 1", "quote": "mức thử" } } ] }""")),
            "assumed-without-reason" => ReadProvince(d => ((JObject)d["extends"]!).Remove("reason")),
            "stray-rule" => ReadProvince(editWorkflow: w => ((JArray)w["Rules"]!).Add(JObject.Parse(
                """{ "RuleName": "99", "LocalParams": [ { "Name": "actual", "Expression": "m.danSo" } ], "Expression": "actual >= threshold" }"""))),
            "self" => ReadProvince(d => d["extends"]!["set"] = "vn.test.province"),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
        set.Should().BeNull();
        var errors = problems.Where(p => p.Severity == Severity.Error).ToArray();
        errors.Should().Contain(p => p.Message.Contains(expected), string.Join("\n", problems));
        errors.Should().OnlyContain(p => p.File != null && p.File.EndsWith(".json"));
    }

    [Fact]
    public void Errors_point_at_the_line_of_the_offending_entry()
    {
        var (_, problems) = ReadProvince(d => d["override"]!["99.9"] = new JObject { ["name"] = "x" });
        var error = problems.Single(p => p.Message.Contains("99.9"));
        error.Line.Should().NotBeNull();
        error.File.Should().EndWith("set.json");
    }

    [Fact]
    public void A_chain_of_sets_keeps_the_replaced_threshold_and_every_base_in_order()
    {
        var province = Province();
        var folder = CopyFixture("mini-province");
        var child = JObject.Parse(File.ReadAllText(Path.Combine(folder, "set.json")));
        var doc = new JObject
        {
            ["id"] = "vn.test.province-nang-cao",
            ["extends"] = new JObject { ["set"] = "vn.test.province", ["inheritedValues"] = "unchanged" },
            ["name"] = "Bộ nâng cao tỉnh thử",
            ["level"] = "xa-ntm-nang-cao",
            ["decision"] = child["decision"],
            ["effective"] = child["effective"],
            ["override"] = new JObject
            {
                ["15.1"] = new JObject
                {
                    ["threshold"] = JObject.Parse("""{ "operator": ">=", "values": [ { "from": "2022-08-10", "value": 95, "citation": { "decision": "33/2022/QĐ-UBND" }, "provenance": { "state": "confirmed", "document": "QĐ thử nghiệm", "location": "mục 1", "quote": "mức thử" } } ] }"""),
                },
            },
        };
        var path = Path.Combine(folder, "nang-cao.json");
        File.WriteAllText(path, doc.ToString());
        var problems = new List<Problem>();
        var info = new PluginInfo("vn.test", "Tỉnh thử", "2.0.0", "UBND tỉnh Thử", folder, ContentHash.Of(folder));
        var set = CriteriaSetReader.Read(path, info, problems, id => id == province.Id ? province : null);
        set.Should().NotBeNull(string.Join("\n", problems));
        set!.Bases.Select(b => b.SetId).Should().Equal("vn.test.province", "vn.test.mini");
        var poverty = set.Indicators.Single(i => i.Code == "11");
        poverty.Origin!.Kind.Should().Be(IndicatorOriginKind.Inherited);
        poverty.Origin.Replaced!.Decision.Should().Be("1/QĐ-TEST", "the province's 6,5% still replaces the base's figure one level down");
        var bhyt = set.Indicators.Single(i => i.Code == "15.1");
        bhyt.Origin!.Replaced!.SetId.Should().Be("vn.test.province");
        set.Indicators.Single(i => i.Code == "15.4").Origin!.Kind.Should().Be(IndicatorOriginKind.Inherited);
        set.Indicators.Single(i => i.Code == "15.4").Origin!.RuleFile.Should().EndWith("workflow.json");
    }
}

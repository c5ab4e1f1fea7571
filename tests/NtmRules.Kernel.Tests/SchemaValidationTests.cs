using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The JSON Schemas of docs/schemas are what the loaders check at load: embedded once, located at
/// their token, worded as the readers word the same mistake, and in agreement with what the readers accept.
/// </summary>
public class SchemaValidationTests
{
    [Theory]
    [InlineData(FormatSchema.PluginManifest)]
    [InlineData(FormatSchema.CriteriaSet)]
    [InlineData(FormatSchema.Workflow)]
    [InlineData(FormatSchema.CommuneData)]
    [InlineData(FormatSchema.PluginTest)]
    [InlineData(FormatSchema.DraftingLibrary)]
    [InlineData(FormatSchema.Evaluation)]
    [InlineData(FormatSchema.Trace)]
    public void The_embedded_schema_is_the_file_in_docs_schemas(FormatSchema format)
    {
        FormatSchemas.Text(format).Should().Be(File.ReadAllText(RepoPaths.Of("docs", "schemas", FormatSchemas.FileName(format))));
    }

    [Fact]
    public void Every_schema_file_in_docs_is_a_format_the_kernel_knows()
    {
        Directory.GetFiles(RepoPaths.Of("docs", "schemas"), "*.schema.json").Select(Path.GetFileName)
            .Should().BeEquivalentTo(Enum.GetValues<FormatSchema>().Select(FormatSchemas.FileName));
    }

    [Fact]
    public void An_unknown_field_in_a_threshold_value_is_refused_at_its_line_column_and_path()
    {
        var (set, problems) = ReadBroken(d => ((JObject)d["criteria"]![0]!["indicators"]![0]!["threshold"]!["values"]![0]!)["ghiChu"] = "x");
        set.Should().BeNull();
        var p = problems.Should().ContainSingle(x => x.Severity == Severity.Error).Which;
        p.Message.Should().Be("unknown field 'ghiChu' is not allowed here");
        p.Field.Should().Be("criteria[0].indicators[0].threshold.values[0].ghiChu");
        p.File.Should().EndWith("set.json");
        p.Line.Should().BeGreaterThan(1);
        p.Column.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_parameter_with_a_field_RulesEngine_does_not_have_is_refused_in_the_workflow_file()
    {
        var (set, problems) = ReadBroken(editWorkflow: w => ((JObject)w["Rules"]![0]!["LocalParams"]![0]!)["Kieu"] = "so");
        set.Should().BeNull();
        var p = problems.Should().ContainSingle(x => x.Severity == Severity.Error).Which;
        p.Message.Should().Be("unknown field 'Kieu' is not allowed here");
        p.File.Should().EndWith("workflow.json");
        p.Field.Should().Be("Rules[0].LocalParams[0].Kieu");
        p.Line.Should().NotBeNull();
    }

    [Fact]
    public void A_mistake_both_the_schema_and_the_reader_see_is_reported_once_in_the_readers_words()
    {
        var (_, problems) = ReadBroken(d => d["name"] = 5);
        problems.Where(p => p.Field == "name").Should().ContainSingle().Which.Message.Should().Be("'name' must be a string, not the number 5");
    }

    [Fact]
    public void A_missing_required_field_is_located_at_its_object_with_the_fields_path()
    {
        var (_, problems) = ReadBroken(d => ((JObject)d["criteria"]![0]!["indicators"]![0]!).Remove("name"));
        var p = problems.Should().ContainSingle(x => x.Field == "criteria[0].indicators[0].name").Which;
        p.Message.Should().Be("missing required field 'name'");
        p.Line.Should().NotBeNull();
    }

    [Fact]
    public void Workflow_fields_in_any_case_are_read_as_the_host_reads_them()
    {
        // The fixture's workflow spells some rules "ruleName", "localParams", "expression".
        File.ReadAllText(Path.Combine(Fixture("mini"), "workflow.json")).Should().Contain("\"ruleName\"");
        var (set, problems) = Read(Fixture("mini"));
        problems.Should().BeEmpty();
        set.Should().NotBeNull();
    }

    [Fact]
    public void The_workflow_schema_accepts_an_empty_rule_list_as_the_host_does()
    {
        // Drift fixed: the schema asked for one rule at least; a set that extends another may add or replace none.
        var workflow = JToken.Parse("""{ "WorkflowName": "vn.test.mini", "Rules": [] }""");
        FormatSchemas.Validate(FormatSchema.Workflow, workflow, "w.json").Should().BeEmpty();
    }

    [Fact]
    public void The_commune_data_schema_accepts_text_measures_and_null_fields_as_the_reader_does()
    {
        // Drift fixed: the schema refused text measures ("90,06" is read as a Vietnamese number by the
        // measure's type) and null for optional fields (the readers take null for absent).
        var json = """
        {
          "format": "ntm.commune-data/1",
          "commune": { "name": "Xã Thử", "district": null },
          "region": "BTB", "year": 2023, "plan": null,
          "measures": { "tyLeThamGiaBhyt": "90,06", "tongSoHo": 1784, "hoNgheo": null }
        }
        """;
        FormatSchemas.Validate(FormatSchema.CommuneData, JToken.Parse(json), "x.json").Should().BeEmpty();
        var data = CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "x.json", []);
        data.Commune.District.Should().BeNull();
    }

    [Fact]
    public void Commune_data_mistyped_is_refused_once_in_the_readers_words()
    {
        var json = """{ "format": "ntm.commune-data/1", "commune": { "name": "Xã Thử" }, "region": "BTB", "year": "2023", "measures": {} }""";
        var act = () => CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "x.json", []);
        var problems = act.Should().Throw<InputException>().Which.Problems;
        problems.Should().ContainSingle().Which.Message.Should().Be("'year' must be a whole number between 2000 and 2100, not the string \"2023\"");
    }

    [Fact]
    public void Every_bundled_plugin_file_follows_its_schema()
    {
        var manifests = Directory.GetFiles(ShippedPlugins.CopyRoot(), "plugin.json", SearchOption.AllDirectories);
        manifests.Should().NotBeEmpty();
        var checkedSets = 0;
        foreach (var manifest in manifests)
        {
            var dir = Path.GetDirectoryName(manifest)!;
            FormatSchemas.Validate(FormatSchema.PluginManifest, JToken.Parse(File.ReadAllText(manifest)), manifest).Should().BeEmpty(manifest);
            foreach (var set in JObject.Parse(File.ReadAllText(manifest))["sets"]!.Values<string>())
            {
                var setPath = Path.Combine(dir, set!);
                var setJson = JObject.Parse(File.ReadAllText(setPath));
                FormatSchemas.Validate(FormatSchema.CriteriaSet, setJson, setPath).Should().BeEmpty(setPath);
                if ((string?)setJson["workflow"] is { } wf)
                    FormatSchemas.Validate(FormatSchema.Workflow, JToken.Parse(File.ReadAllText(Path.Combine(dir, wf))), wf).Should().BeEmpty(wf);
                checkedSets++;
            }
        }
        checkedSets.Should().BeGreaterThanOrEqualTo(12);
    }

    [Fact]
    public void Deeply_nested_input_is_refused_without_overflowing_the_stack()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var json = $$"""{ "format": "ntm.commune-data/1", "commune": { "name": "Xã Thử" }, "region": "BTB", "year": 2023, "measures": { "a": {{deep}} } }""";
        var act = () => CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json), "x.json", []);
        act.Should().Throw<InputException>();
        // At the depth the reader allows, validation itself is bounded.
        var allowed = JToken.Parse($$"""{ "x": {{new string('[', 60) + new string(']', 60)}} }""");
        FormatSchemas.Validate(FormatSchema.PluginManifest, allowed, "p.json").Should().NotBeEmpty();
    }

    [Fact]
    public void The_set_id_patterns_of_the_schemas_are_the_hosts()
    {
        var set = JObject.Parse(FormatSchemas.Text(FormatSchema.CriteriaSet));
        ((string?)set["properties"]!["id"]!["pattern"]).Should().Be(PluginId.SetPattern);
        ((string?)set["properties"]!["extends"]!["properties"]!["set"]!["pattern"]).Should().Be(PluginId.SetPattern);
        var workflow = JObject.Parse(FormatSchemas.Text(FormatSchema.Workflow));
        ((string?)workflow["properties"]!["WorkflowName"]!["pattern"]).Should().Be(PluginId.SetPattern);
    }

    private static (CriteriaSet? Set, List<Problem> Problems) ReadBroken(Action<JObject>? editSet = null, Action<JObject>? editWorkflow = null)
    {
        var folder = CopyFixture("mini");
        Edit(Path.Combine(folder, "set.json"), editSet);
        Edit(Path.Combine(folder, "workflow.json"), editWorkflow);
        return Read(folder);
    }

    private static void Edit(string path, Action<JObject>? edit)
    {
        if (edit is null) return;
        var doc = JObject.Parse(File.ReadAllText(path));
        edit(doc);
        File.WriteAllText(path, doc.ToString());
    }
}

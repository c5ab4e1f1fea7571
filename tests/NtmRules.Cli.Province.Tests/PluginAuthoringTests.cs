using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace NtmRules.Cli.Tests;

/// <summary>
/// Two scaffolds made once by the built <c>ntm plugin new</c> (one extending the national set, one
/// standalone); tests copy them before breaking them.
/// </summary>
internal sealed class ScaffoldFixture
{
    public const string ExtendingId = "vn.quang-tri.2026-2030";
    public const string StandaloneId = "vn.quang-tri.thon";

    public ScaffoldFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ntm-scaffolds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        NewExtending = Cli.Run(["plugin", "new", "--id", ExtendingId, "--province", "Quảng Trị", "--decision", "QĐ 12/2026/QĐ-UBND", "--date", "2026-03-15"], workingDirectory: Root);
        NewStandalone = Cli.Run(["plugin", "new", "--id", StandaloneId, "--province", "Quảng Trị", "--decision", "Quyết định số 13/2026/QĐ-UBND",
            "--extends", "none", "--date", "2026-03-15", "--out", Path.Combine(Root, "standalone")], workingDirectory: Root);
    }

    public string Root { get; }

    public Cli.Result NewExtending { get; }

    public Cli.Result NewStandalone { get; }

    public string Extending => Path.Combine(Root, ExtendingId);

    public string Standalone => Path.Combine(Root, "standalone");

    /// <summary>A fresh copy of a scaffold, to break.</summary>
    public static string Copy(string source)
    {
        var target = Path.Combine(Path.GetTempPath(), "ntm-plugin-" + Guid.NewGuid().ToString("N"), Path.GetFileName(source));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return target;
    }
}

/// <summary>
/// <c>ntm plugin new</c> and <c>ntm plugin validate</c> end to end: the scaffold validates, loads and
/// evaluates; every class of plugin error is reported with file, position and JSON path; the host
/// refuses the same plugin with the same messages; the shipped plugins validate clean.
/// </summary>
public class PluginAuthoringTests : IClassFixture<PluginAuthoringTests.Scaffolds>
{
    /// <summary>xunit needs a public fixture type; the scaffolds themselves are internal like the CLI runner.</summary>
    public sealed class Scaffolds
    {
        internal ScaffoldFixture Value { get; } = new();
    }

    private readonly ScaffoldFixture scaffolds;

    public PluginAuthoringTests(Scaffolds fixture) => scaffolds = fixture.Value;

    private const string Qd318 = "NtmRules.Plugins.Qd318";

    // Every bundled plugin validates clean: NtmRules.Application.Tests.ShippedPluginsTests, in process.
    // Here, once, the command's text summary.
    [Fact]
    public void A_shipped_plugin_validates_clean_and_the_summary_says_so()
    {
        var r = Cli.Run("plugin", "validate", Path.Combine(Cli.BuiltPlugins, Qd318));
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("hợp lệ (valid)").And.Contain("0 errors");
        r.Stdout.Should().NotContain("error:");
    }

    [Fact]
    public void The_extending_scaffold_validates_loads_and_evaluates_its_sample()
    {
        scaffolds.NewExtending.ExitCode.Should().Be(0, scaffolds.NewExtending.ToString());
        var dir = scaffolds.Extending;
        foreach (var file in new[] { "plugin.json", "sets/xa-ntm.json", "rules/xa-ntm.json", "templates/indicator.md.scriban", "samples/xa-mau.json", "tests/xa-mau.test.json" })
            File.Exists(Path.Combine(dir, file)).Should().BeTrue(file);
        Directory.GetFiles(dir, "*.dll", SearchOption.AllDirectories).Should().BeEmpty("the scaffold is a data-only plugin");

        var validate = Cli.Run("plugin", "validate", dir, "--format", "json");
        validate.ExitCode.Should().Be(0, validate.ToString());
        var doc = JObject.Parse(validate.Stdout);
        ((bool)doc["valid"]!).Should().BeTrue();
        ((int)doc["errors"]!).Should().Be(0);
        ((bool)doc["plugin"]!["dataOnly"]!).Should().BeTrue();
        doc["sets"]!.Select(s => (string)s!).Should().Equal(ScaffoldFixture.ExtendingId + ".xa-ntm");

        // Installed next to the national plugin it extends, it loads and evaluates its sample.
        var plugins = Cli.TempPluginsFolder();
        Cli.CopyPlugin(Qd318, plugins);
        CopyInto(dir, plugins);
        var list = Cli.Run("--allow-unsigned", "plugins", "--plugins", plugins, "--lang", "vi");
        list.ExitCode.Should().Be(0, list.ToString());
        list.Stdout.Should().Contain(ScaffoldFixture.ExtendingId + ".xa-ntm").And.Contain("chỉ dữ liệu");
        var eval = Cli.Run("--allow-unsigned", "evaluate", "--plugins", plugins, "--set", ScaffoldFixture.ExtendingId + ".xa-ntm", "--data", Path.Combine(dir, "samples", "xa-mau.json"), "--format", "json");
        eval.ExitCode.Should().Be(0, eval.ToString());
        var result = JObject.Parse(eval.Stdout);
        var eleven = result.SelectTokens("$..indicators[?(@.code == '11')]").Single();
        ((string)eleven["status"]!).Should().Be("dat");
        ((string)eleven["threshold"]!["basis"]!).Should().StartWith("ngưỡng giả định").And.Contain("12/2026/QĐ-UBND").And.EndWith("thay cho ngưỡng của bộ vn.qd318.xa-ntm");

        // Its test case expects exactly that.
        var testCase = JObject.Parse(File.ReadAllText(Path.Combine(dir, "tests", "xa-mau.test.json")));
        ((string)testCase["set"]!).Should().Be(ScaffoldFixture.ExtendingId + ".xa-ntm");
        ((string)testCase["expect"]!["11"]!).Should().Be((string)eleven["status"]!);
    }

    [Fact]
    public void The_standalone_scaffold_validates_loads_and_evaluates_its_sample()
    {
        scaffolds.NewStandalone.ExitCode.Should().Be(0, scaffolds.NewStandalone.ToString());
        var validate = Cli.Run("plugin", "validate", scaffolds.Standalone);
        validate.ExitCode.Should().Be(0, validate.ToString());

        var plugins = Cli.TempPluginsFolder();
        CopyInto(scaffolds.Standalone, plugins);
        var eval = Cli.Run("--allow-unsigned", "evaluate", "--plugins", plugins, "--set", ScaffoldFixture.StandaloneId + ".xa-ntm", "--data", Path.Combine(scaffolds.Standalone, "samples", "xa-mau.json"), "--format", "json");
        eval.ExitCode.Should().Be(0, eval.ToString());
        var one = JObject.Parse(eval.Stdout).SelectTokens("$..indicators[?(@.code == '1')]").Single();
        ((string)one["status"]!).Should().Be("dat");
        ((double)one["actual"]!["value"]!).Should().Be(90);
    }

    [Fact]
    public async Task Every_scaffolded_file_validates_against_the_schema_it_names()
    {
        foreach (var dir in new[] { scaffolds.Extending, scaffolds.Standalone })
        {
            var files = Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories).Where(f => !f.Contains(Path.DirectorySeparatorChar + "schemas" + Path.DirectorySeparatorChar)).ToArray();
            files.Should().HaveCount(5);
            foreach (var file in files)
            {
                var o = JObject.Parse(File.ReadAllText(file));
                var schemaPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, (string)o["$schema"]!));
                File.Exists(schemaPath).Should().BeTrue(schemaPath);
                // The copies the scaffold ships are the repository's schemas.
                File.ReadAllText(schemaPath).Should().Be(File.ReadAllText(Path.Combine(Cli.RepoRoot, "docs", "schemas", Path.GetFileName(schemaPath))));
                var schema = await JsonSchema.FromFileAsync(schemaPath);
                schema.Validate(File.ReadAllText(file)).Should().BeEmpty(file);
            }
        }
    }

    private static Task<JsonSchema> Schema(string name) => JsonSchema.FromFileAsync(Path.Combine(Cli.RepoRoot, "docs", "schemas", name + ".schema.json"));

    [Fact]
    public async Task Every_shipped_plugin_file_follows_its_schema()
    {
        var checks = new (string Schema, string[] Files)[]
        {
            ("plugin-manifest", Directory.GetFiles(Path.Combine(Cli.RepoRoot, "plugins"), "plugin.json", SearchOption.AllDirectories)),
            ("criteria-set", Directory.GetDirectories(Path.Combine(Cli.RepoRoot, "plugins")).SelectMany(d => Directory.Exists(Path.Combine(d, "sets")) ? Directory.GetFiles(Path.Combine(d, "sets"), "*.json") : []).ToArray()),
            ("workflow", Directory.GetFiles(Path.Combine(Cli.RepoRoot, "rules"), "*.json", SearchOption.AllDirectories)),
        };
        foreach (var (name, files) in checks)
        {
            files.Should().NotBeEmpty(name);
            var schema = await Schema(name);
            foreach (var file in files) schema.Validate(File.ReadAllText(file)).Should().BeEmpty(file);
        }
    }

    [Fact]
    public async Task The_schemas_refuse_what_the_host_refuses()
    {
        var manifest = await Schema("plugin-manifest");
        manifest.Validate("""{ "id": "vn.x", "name": "X", "version": "1.0.0", "sets": ["sets/a.json"] }""").Should().Contain(e => e.Property == "publisher");
        manifest.Validate("""{ "id": "VN.Quảng Trị", "name": "X", "version": "1.0.0", "publisher": "P", "sets": ["sets/a.json"] }""").Should().Contain(e => e.Property == "id");

        var workflow = await Schema("workflow");
        workflow.Validate("""{ "WorkflowName": "vn.x.a", "Rules": [ { "RuleName": "1", "Operator": "and", "Rules": [ { "RuleName": "a", "Expression": "true" } ] } ] }""").Should().NotBeEmpty("lowercase 'and' fails to compile in RulesEngine");
        workflow.Validate("""{ "WorkflowName": "vn.x.a", "Rules": [ { "RuleName": "1" } ] }""").Should().NotBeEmpty("a rule has an Expression or child Rules");
        workflow.Validate("""{ "WorkflowName": "vn.x.a", "Rules": [ { "RuleName": "1", "Expression": "true", "Actions": {} } ] }""").Should().NotBeEmpty("actions are refused");
        workflow.Validate("""{ "WorkflowName": "vn.x.a", "WorkflowsToInject": ["b"], "Rules": [ { "RuleName": "1", "Expression": "true" } ] }""").Should().NotBeEmpty("injection is refused");
        workflow.Validate("""{ "WorkflowName": "vn.x.a", "Rules": [ { "RuleName": "1", "LocalParams": [ { "Name": "actual", "Expression": "m.a" } ], "Expression": "actual >= threshold" } ] }""").Should().BeEmpty();

        var test = await Schema("plugin-test");
        test.Validate("""{ "format": "ntm.plugin-test/1", "name": "n", "set": "vn.x.a", "data": "../samples/a.json", "expect": { "11": "passed" } }""").Should().NotBeEmpty();
        test.Validate("""{ "format": "ntm.plugin-test/1", "name": "n", "set": "vn.x.a", "data": "../samples/a.json", "expect": {} }""").Should().NotBeEmpty();
        test.Validate("""{ "format": "ntm.plugin-test/1", "name": "n", "set": "vn.x.a", "data": { "format": "ntm.commune-data/1" }, "expect": { "11": "dat" } }""").Should().NotBeEmpty("inline data follows the commune-data schema");
    }

    [Fact]
    public void New_refuses_a_non_empty_folder_and_a_malformed_id()
    {
        var occupied = Path.Combine(Path.GetTempPath(), "ntm-occupied-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(occupied);
        File.WriteAllText(Path.Combine(occupied, "keep.txt"), "mine");
        var r = Cli.Run("plugin", "new", "--id", "vn.test", "--province", "Test", "--decision", "QĐ 1/2026/QĐ-UBND", "--out", occupied);
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("not empty");
        Directory.GetFiles(occupied).Should().Equal(Path.Combine(occupied, "keep.txt"));

        var bad = Cli.Run("plugin", "new", "--id", "VN.Quảng Trị", "--province", "Quảng Trị", "--decision", "QĐ 1/2026/QĐ-UBND", "--out", Path.Combine(occupied, "x"), "--lang", "vi");
        bad.ExitCode.Should().Be(2, bad.ToString());
        bad.Stderr.Should().Contain("--id").And.Contain("chữ thường");
        Cli.Run("plugin", "new", "--id", "VN.Quảng Trị", "--province", "Quảng Trị", "--decision", "QĐ 1/2026/QĐ-UBND", "--out", Path.Combine(occupied, "x"))
            .Stderr.Should().Contain("lower-case ASCII words");
        Directory.Exists(Path.Combine(occupied, "x")).Should().BeFalse();
    }

    [Fact]
    public void A_missing_manifest_field_is_reported_with_file_and_path_and_the_sets_are_still_checked()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Standalone);
        EditJson(Path.Combine(dir, "plugin.json"), o => o.Remove("publisher"));
        EditJson(Path.Combine(dir, "rules", "xa-ntm.json"), o => o["Rules"]![0]!["Expression"] = "actaul >= threshold");

        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        ErrorLine(r, "plugin.json", "publisher", "missing required field 'publisher'");
        // Reported in the same run: the manifest error does not hide the rule's.
        ErrorLine(r, "rules/xa-ntm.json", "Rules[0].Expression", "'actaul' is not allowed");
        r.Stdout.Should().Contain("KHÔNG hợp lệ").And.Contain("2 errors");
    }

    [Fact]
    public void An_expression_typo_and_an_unknown_measure_are_reported_with_file_position_and_path()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Standalone);
        EditJson(Path.Combine(dir, "rules", "xa-ntm.json"), o =>
        {
            var rule = (JObject)o["Rules"]![0]!;
            rule["LocalParams"]![0]!["Expression"] = "Ntm.Rate(m.soHoDatChuan, m.tongSoHo";
            rule["LocalParams"] = new JArray(rule["LocalParams"]![0]!, new JObject { ["Name"] = "khac", ["Expression"] = "m.soHoDatChuann + 1" });
        });

        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        ErrorLine(r, "rules/xa-ntm.json", "Rules[0].LocalParams[0].Expression", "does not compile");
        ErrorLine(r, "rules/xa-ntm.json", "Rules[0].LocalParams[1].Expression", "'m.soHoDatChuann' is not a measure of this set");
    }

    [Fact]
    public void Every_class_of_forbidden_construct_gets_its_own_message_at_its_param()
    {
        (string Expression, string Message)[] cases =
        [
            ("m.tongSoHo.GetType().Name.Length", "GetType: reflection is forbidden"),
            ("typeof(Ntm).Name.Length", "typeof: reflection is forbidden"),
            ("Type.GetType(\"System.IO.File\").Name.Length", "Type: reflection is forbidden"),
            ("Assembly.GetExecutingAssembly().FullName.Length", "Assembly: reflection is forbidden"),
            ("Activator.CreateInstance(null) == null ? 1 : 0", "Activator: reflection is forbidden"),
            ("DateTime.Now.Year", "DateTime.Now is non-deterministic: pass the date as a measure"),
            ("DateTime.Today.Year", "DateTime.Today is non-deterministic: pass the date as a measure"),
            ("File.ReadAllText(\"/etc/passwd\").Length", "File: file access is forbidden"),
            ("Process.Start(\"sh\").Id", "Process: starting processes is forbidden"),
            ("Environment.ProcessorCount", "Environment: reading the environment is forbidden"),
            ("new HttpClient().Timeout.TotalSeconds", "HttpClient: network access is forbidden"),
            ("new WebClient().BaseAddress.Length", "WebClient: network access is forbidden"),
            ("new Socket(0, 0, 0).Available", "Socket: network access is forbidden"),
        ];
        var dir = ScaffoldFixture.Copy(scaffolds.Standalone);
        EditJson(Path.Combine(dir, "rules", "xa-ntm.json"), o =>
        {
            var locals = (JArray)o["Rules"]![0]!["LocalParams"]!;
            foreach (var (expression, _) in cases) locals.Add(new JObject { ["Name"] = "p" + locals.Count, ["Expression"] = expression });
        });

        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        for (var k = 0; k < cases.Length; k++)
            ErrorLine(r, "rules/xa-ntm.json", $"Rules[0].LocalParams[{k + 1}].Expression", cases[k].Message);
        Regex.Matches(r.Stdout, ": error: ").Count.Should().Be(cases.Length, "one error per forbidden param, all reported at once");

        // The host refuses the same plugin at load, with the same messages.
        var plugins = Cli.TempPluginsFolder();
        CopyInto(dir, plugins);
        var load = Cli.Run("--allow-unsigned", "measures", "--plugins", plugins, "--set", ScaffoldFixture.StandaloneId + ".xa-ntm");
        load.ExitCode.Should().Be(3, load.ToString());
        load.Stderr.Should().Contain("refused at load");
        foreach (var line in ErrorLines(r))
            load.Stderr.Should().Contain(line[(line.IndexOf(": error: ", StringComparison.Ordinal) + 2)..], "the host says what validate says");
    }

    [Fact]
    public void A_threshold_outside_the_measure_range_an_uncited_value_and_a_duplicate_code_are_reported()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Standalone);
        EditJson(Path.Combine(dir, "sets", "xa-ntm.json"), o =>
        {
            var indicators = (JArray)o["criteria"]![0]!["indicators"]!;
            var first = (JObject)indicators[0]!;
            first["threshold"]!["values"]![0]!["value"] = 800; // a rate in %: 0–100
            var uncited = (JObject)first.DeepClone();
            uncited["code"] = "1.2";
            ((JObject)uncited["threshold"]!["values"]![0]!).Remove("citation");
            var duplicate = (JObject)first.DeepClone();
            duplicate["threshold"]!["values"]![0]!["value"] = 50;
            indicators.Add(uncited);
            indicators.Add(duplicate);
            ((JArray)o["measures"]!).Add(new JObject { ["key"] = "tyLeHoCoNuocSach", ["label"] = "Tỷ lệ hộ có nước sạch", ["type"] = "percent" });
        });
        EditJson(Path.Combine(dir, "rules", "xa-ntm.json"), o => ((JArray)o["Rules"]!).Add(new JObject
        {
            ["RuleName"] = "1.2",
            ["LocalParams"] = new JArray(new JObject { ["Name"] = "actual", ["Expression"] = "m.tyLeHoCoNuocSach" }),
            ["Expression"] = "actual >= threshold",
        }));

        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        ErrorLine(r, "sets/xa-ntm.json", "criteria[0].indicators[1].threshold.values[0].citation", "every threshold value must cite its legal source");
        ErrorLine(r, "sets/xa-ntm.json", "criteria[0].indicators[2].code", "indicator code '1' appears twice");
        ErrorLine(r, "sets/xa-ntm.json", "criteria[0].indicators[0].threshold.values[0].value", "threshold value 800 from 2026-03-15 is outside the valid range 0–100");
    }

    [Fact]
    public void A_threshold_outside_a_single_measure_range_is_reported_at_the_value()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Standalone);
        EditJson(Path.Combine(dir, "sets", "xa-ntm.json"), o =>
        {
            ((JArray)o["measures"]!).Add(new JObject { ["key"] = "tyLeHoCoNuocSach", ["label"] = "Tỷ lệ hộ có nước sạch", ["type"] = "percent" });
            var indicator = (JObject)o["criteria"]![0]!["indicators"]![0]!.DeepClone();
            indicator["code"] = "1.2";
            indicator["value"]!["unit"] = "";
            indicator["threshold"]!["values"]![0]!["value"] = 95;
            indicator["threshold"]!["values"]![0]!["regions"] = new JObject { ["TDMNPB"] = 105 };
            ((JArray)o["criteria"]![0]!["indicators"]!).Add(indicator);
        });
        EditJson(Path.Combine(dir, "rules", "xa-ntm.json"), o => ((JArray)o["Rules"]!).Add(new JObject
        {
            ["RuleName"] = "1.2",
            ["LocalParams"] = new JArray(new JObject { ["Name"] = "actual", ["Expression"] = "m.tyLeHoCoNuocSach" }),
            ["Expression"] = "actual >= threshold",
        }));

        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        ErrorLine(r, "sets/xa-ntm.json", "criteria[0].indicators[1].threshold.values[0].regions", "threshold value 105 (region TDMNPB) from 2026-03-15 is outside the valid range 0–100 of measure tyLeHoCoNuocSach");
        ErrorLines(r).Should().HaveCount(1, "the general value 95 is in range");
    }

    [Fact]
    public void An_override_out_of_range_is_reported_at_the_override_even_when_its_rule_is_broken()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Extending);
        EditJson(Path.Combine(dir, "sets", "xa-ntm.json"), o => o["override"]!["11"]!["threshold"]!["values"]![0]!["value"] = 650);
        EditJson(Path.Combine(dir, "rules", "xa-ntm.json"), o => o["Rules"]![0]!["LocalParams"]![0]!["Expression"] = "Ntm.Rate(m.hoNgheo + m.hoCanNgheo, m.tongSoHoo)");

        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        ErrorLine(r, "sets/xa-ntm.json", "override.11.threshold.values[0].value", "threshold value 650 from 2026-03-15 is outside the valid range 0–100 of a rate in %");
        ErrorLine(r, "rules/xa-ntm.json", "Rules[0].LocalParams[0].Expression", "'m.tongSoHoo' is not a measure of this set");
        ErrorLines(r).Should().HaveCount(2);
    }

    [Fact]
    public void An_added_indicator_clashing_with_an_inherited_code_is_reported_at_its_code()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Extending);
        EditJson(Path.Combine(dir, "sets", "xa-ntm.json"), o => o["criteria"] = new JArray(new JObject
        {
            ["number"] = 1,
            ["add"] = new JArray(new JObject
            {
                ["code"] = "1.2",
                ["name"] = "Chỉ tiêu bổ sung trùng số",
                ["rule"] = "tinh-1-2",
                ["threshold"] = new JObject
                {
                    ["operator"] = "==",
                    ["values"] = new JArray(new JObject { ["from"] = "2026-03-15", ["value"] = true, ["citation"] = new JObject { ["decision"] = "12/2026/QĐ-UBND" },
                        ["provenance"] = new JObject { ["state"] = "reported", ["document"] = "Văn bản thử của tỉnh, 2026" } }),
                },
            }),
        }));
        EditJson(Path.Combine(dir, "rules", "xa-ntm.json"), o => ((JArray)o["Rules"]!).Add(new JObject
        {
            ["RuleName"] = "tinh-1-2",
            ["LocalParams"] = new JArray(new JObject { ["Name"] = "actual", ["Expression"] = "m.coQuyHoachChungDuocDuyet" }),
            ["Expression"] = "actual == threshold",
        }));

        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        ErrorLine(r, "sets/xa-ntm.json", "criteria[0].add[0].code", "indicator code \"1.2\" appears 2 times after inheritance");
    }

    [Fact]
    public void A_broken_extending_set_still_has_its_rules_and_test_cases_checked_in_the_same_run()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Extending);
        EditJson(Path.Combine(dir, "sets", "xa-ntm.json"), o => ((JObject)o["override"]!["11"]!["threshold"]!["values"]![0]!).Remove("citation"));
        EditJson(Path.Combine(dir, "rules", "xa-ntm.json"), o => ((JArray)o["Rules"]![0]!["LocalParams"]!).Add(new JObject { ["Name"] = "nam", ["Expression"] = "DateTime.Today.Year" }));
        EditJson(Path.Combine(dir, "tests", "xa-mau.test.json"), o => o["expect"]!["11"] = "pass");

        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        ErrorLine(r, "sets/xa-ntm.json", "override.11.threshold.values[0].citation", "every threshold value must cite its legal source");
        ErrorLine(r, "rules/xa-ntm.json", "Rules[0].LocalParams[1].Expression", "DateTime.Today is non-deterministic: pass the date as a measure");
        ErrorLine(r, "tests/xa-mau.test.json", "expect.11", "status must be one of");
        ErrorLines(r).Should().HaveCount(3);
    }

    [Fact]
    public void An_indicator_without_a_rule_is_reported_at_its_code()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Standalone);
        EditJson(Path.Combine(dir, "sets", "xa-ntm.json"), o =>
        {
            var indicator = (JObject)o["criteria"]![0]!["indicators"]![0]!.DeepClone();
            indicator["code"] = "1.9";
            ((JArray)o["criteria"]![0]!["indicators"]!).Add(indicator);
        });
        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        ErrorLine(r, "sets/xa-ntm.json", "criteria[0].indicators[1].code", "indicator 1.9 has no rule named \"1.9\"");
    }

    [Fact]
    public void A_template_that_does_not_parse_is_reported_with_its_line_and_the_host_refuses_it()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Standalone);
        File.AppendAllText(Path.Combine(dir, "templates", "indicator.md.scriban"), "\n{{ if indicator.code }}\n");
        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stdout.Should().MatchRegex(@"templates/indicator\.md\.scriban\(\d+,\d+\): error: template ""indicator\.md"" does not parse");

        // Any command that loads plugins runs the template check, not only draft.
        var plugins = Cli.TempPluginsFolder();
        CopyInto(dir, plugins);
        var eval = Cli.Run("--allow-unsigned", "measures", "--plugins", plugins, "--set", ScaffoldFixture.StandaloneId + ".xa-ntm");
        eval.ExitCode.Should().Be(3, eval.ToString());
        eval.Stderr.Should().Contain("does not parse");
    }

    [Fact]
    public void Two_plugins_claiming_one_id_are_both_refused_naming_each_other()
    {
        var plugins = Cli.TempPluginsFolder();
        CopyInto(scaffolds.Standalone, plugins, "A");
        CopyInto(scaffolds.Standalone, plugins, "B");
        var r = Cli.Run("--allow-unsigned", "measures", "--plugins", plugins, "--set", ScaffoldFixture.StandaloneId + ".xa-ntm");
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stderr.Should().Contain($"plugin id \"{ScaffoldFixture.StandaloneId}\" is claimed by 2 plugin folders: A (version 0.1.0), B (version 0.1.0)");
    }

    [Fact]
    public void Validate_warns_when_an_installed_plugin_has_the_same_id()
    {
        var plugins = Cli.TempPluginsFolder();
        CopyInto(scaffolds.Standalone, plugins, "old-copy");
        var r = Cli.Run("--allow-unsigned", "plugin", "validate", scaffolds.Standalone, "--plugins", plugins);
        r.ExitCode.Should().Be(0, "a warning is not an error\n" + r);
        r.Stdout.Should().Contain($"warning: id: an installed plugin has the same id \"{ScaffoldFixture.StandaloneId}\"").And.Contain("old-copy").And.Contain("0 errors, 1 warnings");
    }

    [Fact]
    public void Test_cases_are_checked_against_the_set()
    {
        var dir = ScaffoldFixture.Copy(scaffolds.Standalone);
        EditJson(Path.Combine(dir, "tests", "xa-mau.test.json"), o => o["expect"] = new JObject { ["1"] = "dat", ["99"] = "dat", ["1 "] = "passed" });
        var r = Validate(dir);
        r.ExitCode.Should().Be(3, r.ToString());
        ErrorLine(r, "tests/xa-mau.test.json", "expect.99", "indicator \"99\" is not in set");
        ErrorLine(r, "tests/xa-mau.test.json", "expect['1 ']", "status must be one of dat, chua-dat, thieu-so-lieu, khong-ap-dung");
    }

    [Fact]
    public void A_missing_package_or_folder_is_bad_input()
    {
        var r = Cli.Run("plugin", "validate", "vn.test-1.0.0.ntmplugin");
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("vn.test-1.0.0.ntmplugin").And.Contain("package file not found");
        var missing = Cli.Run("plugin", "validate", "/no/such/plugin");
        missing.ExitCode.Should().Be(2, missing.ToString());
        missing.Stderr.Should().Contain("no such plugin folder");
    }

    private static Cli.Result Validate(string dir) => Cli.Run(["plugin", "validate", "."], workingDirectory: dir);

    private static string[] ErrorLines(Cli.Result r) => r.Stdout.Split('\n').Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToArray();

    /// <summary>Asserts a line <c>file(line,col): error: path: …message…</c>.</summary>
    private static void ErrorLine(Cli.Result r, string file, string path, string message)
    {
        var pattern = $@"^{Regex.Escape(file)}\(\d+,\d+\): error: {Regex.Escape(path)}: .*{Regex.Escape(message)}";
        ErrorLines(r).Should().Contain(l => Regex.IsMatch(l, pattern), $"expected {file}(line,col): error: {path}: …{message}…\n{r}");
    }

    private static void EditJson(string path, Action<JObject> edit)
    {
        var o = JObject.Parse(File.ReadAllText(path));
        edit(o);
        File.WriteAllText(path, o.ToString());
    }

    private static void CopyInto(string source, string pluginsRoot, string? name = null)
    {
        var target = Path.Combine(pluginsRoot, name ?? Path.GetFileName(source));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }
}

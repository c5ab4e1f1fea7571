using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Testing;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// A plugin's test case files are validated against their shipped schema (<c>docs/schemas/plugin-test.schema.json</c>)
/// when they are read (#18): what only the schema forbids is reported at its line, worded as the readers word it; a
/// place the reader already reported is not reported twice.
/// </summary>
public class PluginTestSchemaTests
{
    private static string PluginWith(string caseJson)
    {
        var dir = CopyFixture("mini");
        File.WriteAllText(Path.Combine(dir, "plugin.json"),
            new JObject { ["id"] = "vn.test", ["name"] = "Test", ["version"] = "1.0.0", ["publisher"] = "Test", ["sets"] = new JArray("set.json") }.ToString());
        Directory.CreateDirectory(Path.Combine(dir, "tests", "data"));
        File.WriteAllText(Path.Combine(dir, "tests", "x.test.json"), caseJson);
        File.WriteAllText(Path.Combine(dir, "tests", "data", "d.json"), new JObject
        {
            ["format"] = "ntm.commune-data/1",
            ["commune"] = new JObject { ["name"] = "Xã thử" },
            ["region"] = "BTB",
            ["year"] = 2024,
            ["measures"] = new JObject { ["hoNgheo"] = 5, ["hoCanNgheo"] = 0, ["tongSoHo"] = 100 },
        }.ToString());
        return dir;
    }

    private static IReadOnlyList<Problem> Problems(string caseJson)
    {
        var act = () => PluginTestRunner.RunAsync(PluginHost.LoadCandidate(PluginWith(caseJson), null));
        return act.Should().ThrowAsync<InputException>().GetAwaiter().GetResult().Which.Problems;
    }

    [Fact]
    public void What_only_the_schema_forbids_is_an_error_at_its_line()
    {
        var problems = Problems("{\n  \"$schema\": 1,\n  \"format\": \"ntm.plugin-test/1\",\n  \"name\": \"x\",\n  \"set\": \"vn.test.mini\",\n  \"data\": \"data/d.json\",\n  \"expect\": { \"11\": \"dat\" }\n}");
        var p = problems.Should().ContainSingle().Subject;
        p.Should().Match<Problem>(x => x.File == "tests/x.test.json" && x.Line == 2 && x.Field == "$schema");
        p.Message.Should().Be("'$schema' must be a string, not the number 1");
    }

    [Fact]
    public void A_place_the_reader_reported_is_not_reported_again_by_the_schema()
    {
        var problems = Problems("{\n  \"format\": \"ntm.plugin-test/9\",\n  \"name\": 5,\n  \"set\": \"vn.test.mini\",\n  \"data\": \"data/d.json\",\n  \"expect\": { \"11\": \"passed\" }\n}");
        problems.Select(p => p.Line).Should().Equal([2, 3, 6], "one problem per place: the format, the name and the status");
        problems[0].Message.Should().Be("unsupported format \"ntm.plugin-test/9\"; this version reads \"ntm.plugin-test/1\"");
        problems[2].Message.Should().StartWith("unknown status \"passed\"");
    }

    [Fact]
    public async Task A_sound_case_file_passes_the_schema()
    {
        var dir = PluginWith("{ \"$schema\": \"../plugin-test.schema.json\", \"format\": \"ntm.plugin-test/1\", \"name\": \"x\", \"set\": \"vn.test.mini\", \"data\": \"data/d.json\", \"expect\": { \"11\": \"dat\" } }");
        var report = await PluginTestRunner.RunAsync(PluginHost.LoadCandidate(dir, null));
        report.Warnings.Should().BeEmpty();
        report.Cases.Should().ContainSingle();
    }
}

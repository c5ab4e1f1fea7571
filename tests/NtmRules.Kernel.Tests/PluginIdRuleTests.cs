using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Intake.Annex;
using NtmRules.Kernel.Loading;
using NtmRules.Tests.Shared;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// One id rule: <see cref="PluginId"/> is what <c>ntm plugin new</c> and <c>ntm plugin import</c> check
/// (both call <see cref="PluginId.TryParse"/>), what the host's manifest reader checks, and what the
/// manifest schema states. Once two copies drifted and the scaffold wrote ids the host refused.
/// </summary>
public class PluginIdRuleTests
{
    public static TheoryData<string, bool> Ids => new()
    {
        { "quang-tri.2026", true },
        { "vn.quang-tri.2026-2030", true },
        { "vn.qd318", true },
        { "thanh-hoa", true },
        { "2026", true },
        { "Quang-Tri.2026", false },
        { "quang_tri.2026", false },
        { "quang--tri.2026", false },
        { "-quang-tri", false },
        { "quang-tri-.2026", false },
        { "vn..x", false },
        { "vn.x.", false },
        { "quảng-trị", false },
        { "", false },
    };

    [Fact]
    public void The_manifest_schemas_pattern_is_PluginIds()
    {
        var schema = JObject.Parse(FormatSchemas.Text(FormatSchema.PluginManifest));
        ((string?)schema["properties"]!["id"]!["pattern"]).Should().Be(PluginId.Pattern);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_rule_the_schema_and_the_manifest_reader_agree_on_every_id(string id, bool valid)
    {
        PluginId.IsValid(id).Should().Be(valid, "the rule of plugin new and import");
        Regex.IsMatch(id, PluginId.Pattern).Should().Be(valid && id.Length > 0, "the schema's pattern");
        var problems = new List<Problem>();
        var dir = Directory.CreateTempSubdirectory("ntm-id-").FullName;
        File.WriteAllText(Path.Combine(dir, PluginManifest.FileName), new PluginManifest(id, "x", "1", "p", ["a.json"]).ToJson().ToString());
        var manifest = PluginManifest.Read(Path.Combine(dir, PluginManifest.FileName), null, problems);
        manifest!.Id.Should().Be(valid ? id : "", "the host's reader");
        problems.Any(p => p.Severity == Severity.Error && p.Field == "id").Should().Be(!valid);
    }

    [Fact]
    public void A_province_id_with_a_hyphen_loads_in_the_host()
    {
        PluginId.IsValid("quang-tri.2026").Should().BeTrue("ntm plugin new accepts it");
        var root = Directory.CreateTempSubdirectory("ntm-id-").FullName;
        var plugin = Path.Combine(root, "quang-tri.2026");
        Directory.Move(CopyFixture("mini"), plugin);
        Rewrite(Path.Combine(plugin, "set.json"), o => o["id"] = "quang-tri.2026.mini");
        Rewrite(Path.Combine(plugin, "workflow.json"), o => o["WorkflowName"] = "quang-tri.2026.mini");
        File.WriteAllText(Path.Combine(plugin, PluginManifest.FileName),
            new PluginManifest("quang-tri.2026", "Bộ tiêu chí thử của tỉnh", "1.0.0", "UBND tỉnh thử", ["set.json"]).ToJson().ToString());

        var host = PluginHost.Load(root);

        host.Reports.Should().ContainSingle().Which.Problems.Where(p => p.Severity == Severity.Error).Should().BeEmpty();
        host.GetSet("quang-tri.2026.mini").Set.Plugin.Id.Should().Be("quang-tri.2026");
    }

    [Fact]
    public async Task An_id_the_host_refuses_is_refused_by_import_with_the_rules_words()
    {
        using var vietnamese = TestCulture.Use("vi"); // the import's messages asserted here are the Vietnamese ones
        const string id = "Quang_Tri.2026";
        PluginId.IsValid(id).Should().BeFalse();
        var act = () => AnnexImporter.ImportAsync(null, "khong-co.xlsx", "khong-co.xlsx", new AnnexOptions(id, "1/QĐ-UBND"), Path.GetTempPath(), null,
            _ => throw new InvalidOperationException("nothing is loaded for a refused id"));
        var problem = (await act.Should().ThrowAsync<InputException>()).Which.Problems.Single();
        problem.Message.Should().Be($"mã plugin \"{id}\" không hợp lệ: {PluginId.Rule}");
        problem.Field.Should().Be("--id");
    }

    private static void Rewrite(string path, Action<JObject> edit)
    {
        var o = JObject.Parse(File.ReadAllText(path));
        edit(o);
        File.WriteAllText(path, o.ToString());
    }
}

using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Loading.Pipeline;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The loading pipeline stage by stage: each stage's refusal, what a refused folder no longer
/// reaches, and the order of a plugin's problems (the stages' order). Plugins are data-only folders
/// built from the mini fixtures.
/// </summary>
public class LoadingPipelineTests
{
    private static string NewRoot() => Path.Combine(Path.GetTempPath(), "ntm-pipeline-" + Guid.NewGuid().ToString("N"));

    /// <summary>A data-only plugin <paramref name="id"/> in <c>root/folder</c> with one fixture set, its id and base set as given.</summary>
    private static string Plugin(string root, string folder, string id, string fixture, string setId, string? baseId = null)
    {
        var dir = Path.Combine(root, folder);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Fixture(fixture))) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        var set = JObject.Parse(File.ReadAllText(Path.Combine(dir, "set.json")));
        set["id"] = setId;
        if (baseId is not null) ((JObject)set["extends"]!)["set"] = baseId;
        File.WriteAllText(Path.Combine(dir, "set.json"), set.ToString());
        var wf = JObject.Parse(File.ReadAllText(Path.Combine(dir, "workflow.json")));
        wf["WorkflowName"] = setId;
        File.WriteAllText(Path.Combine(dir, "workflow.json"), wf.ToString());
        File.WriteAllText(Path.Combine(dir, "plugin.json"),
            new JObject { ["id"] = id, ["name"] = folder, ["version"] = "1.0.0", ["publisher"] = "Test", ["sets"] = new JArray("set.json") }.ToString());
        return dir;
    }

    private static PluginLoadReport In(PluginHost host, string folder) => host.Reports.Single(r => Path.GetFileName(r.Folder) == folder);

    private static IEnumerable<string> Errors(PluginLoadReport r) => r.Problems.Where(p => p.Severity == Severity.Error).Select(p => p.Message);

    private sealed class Refusing(Func<string, bool> refuses) : IPluginVerifier
    {
        public List<string> Asked { get; } = [];

        public PluginSignature? Verify(string pluginFolder, ICollection<Problem> problems)
        {
            Asked.Add(Path.GetFileName(pluginFolder));
            return refuses(pluginFolder) ? null : PluginSignature.NotChecked;
        }
    }

    private sealed class Throwing : IPluginVerifier
    {
        public PluginSignature? Verify(string pluginFolder, ICollection<Problem> problems) => throw new InvalidOperationException("key store unreadable");
    }

    private sealed class ErrorFor(string pluginId, string message) : IPluginCheck
    {
        public IEnumerable<Problem> Check(PluginInfo plugin) =>
            plugin.Id == pluginId ? [new Problem(Severity.Error, message, plugin.Folder)] : [];
    }

    [Fact]
    public void Discovery_orders_candidates_by_folder_and_reports_every_folder_once()
    {
        var root = NewRoot();
        Plugin(root, "Z-Base", "vn.test", "mini", "vn.test.mini");
        Plugin(root, "A-Other", "vn.other", "mini", "vn.other.mini");
        Directory.CreateDirectory(Path.Combine(root, ".unpacking"));

        var host = PluginHost.Load(root);

        host.Reports.Select(r => Path.GetFileName(r.Folder)).Should().Equal("A-Other", "Z-Base");
        host.Sets.Select(s => s.Set.Id).Should().Equal("vn.other.mini", "vn.test.mini");
    }

    [Fact]
    public void A_folder_refused_by_the_signature_stage_is_not_read_any_further()
    {
        var root = NewRoot();
        Plugin(root, "Z-Base", "vn.test", "mini", "vn.test.mini");
        var refused = Plugin(root, "A-Refused", "vn.refused", "mini", "vn.refused.mini");
        File.WriteAllText(Path.Combine(refused, "plugin.json"), "{ not json");
        var verifier = new Refusing(dir => dir == refused);

        var host = PluginHost.Load(root, verifier: verifier);

        verifier.Asked.Should().Equal("A-Refused", "Z-Base");
        var report = In(host, "A-Refused");
        report.Loaded.Should().BeFalse();
        report.Plugin.Should().BeNull("the manifest stage never ran");
        report.Problems.Select(p => p.Message).Should().Equal(["refused by the signature check"], "the broken manifest is not read");
        In(host, "Z-Base").Loaded.Should().BeTrue();
    }

    [Fact]
    public void A_verifier_that_fails_refuses_the_folder_with_its_error()
    {
        var candidate = new PluginCandidate(Plugin(NewRoot(), "A", "vn.test", "mini", "vn.test.mini"));

        SignatureStage.Verify(candidate, new Throwing()).Should().BeFalse();

        candidate.Problems.Should().ContainSingle().Which.Message.Should().Be("signature check failed: InvalidOperationException: key store unreadable");
    }

    [Fact]
    public void A_folder_with_neither_an_assembly_nor_a_manifest_is_refused_by_the_entry_point_stage()
    {
        var dir = Path.Combine(NewRoot(), "Empty");
        Directory.CreateDirectory(dir);
        var candidate = new PluginCandidate(dir);

        EntryPointStage.Open(candidate).Should().BeFalse();

        candidate.Problems.Should().ContainSingle().Which.Message.Should()
            .Be("neither a plugin assembly (Empty.dll) nor a plugin.json (a data-only plugin) in the folder");
    }

    [Fact]
    public void The_manifest_stage_reads_identity_and_set_files_and_keeps_the_signature()
    {
        var candidate = new PluginCandidate(Plugin(NewRoot(), "A", "vn.test", "mini", "vn.test.mini")) { Signature = PluginSignature.Bundled };
        EntryPointStage.Open(candidate).Should().BeTrue();

        ManifestStage.Read(candidate).Should().BeTrue();

        candidate.Info!.Id.Should().Be("vn.test");
        candidate.Info.Signature.Should().Be(PluginSignature.Bundled);
        candidate.Manifest!.SetFiles.Should().Equal("set.json");
        candidate.Report().DataOnly.Should().BeTrue();
    }

    [Fact]
    public void Two_folders_claiming_one_plugin_id_are_both_refused_and_the_set_clash_is_not_said_twice()
    {
        var root = NewRoot();
        Plugin(root, "A-Copy", "vn.test", "mini", "vn.test.mini");
        Plugin(root, "B-Copy", "vn.test", "mini", "vn.test.mini");

        var host = PluginHost.Load(root);

        foreach (var folder in new[] { "A-Copy", "B-Copy" })
        {
            In(host, folder).Loaded.Should().BeFalse();
            Errors(In(host, folder)).Should().Equal(
                "plugin id \"vn.test\" is claimed by 2 plugin folders: A-Copy (version 1.0.0), B-Copy (version 1.0.0). The host refuses all of them rather than choose by folder name; keep only one");
        }
        host.Sets.Should().BeEmpty();
    }

    [Fact]
    public void Two_plugins_providing_one_set_id_are_both_refused_naming_each_file()
    {
        var root = NewRoot();
        Plugin(root, "A", "vn.test", "mini", "vn.test.mini");
        Plugin(root, "B", "vn.test2", "mini", "vn.test.mini");

        var host = PluginHost.Load(root);

        Errors(In(host, "A")).Should().Contain(
            "set id \"vn.test.mini\" is provided 2 times: vn.test 1.0.0 (A/set.json), vn.test2 1.0.0 (B/set.json). The host refuses every plugin that provides it rather than choose one");
        In(host, "B").Loaded.Should().BeFalse();
    }

    [Fact]
    public void Sets_extending_each_other_across_plugins_are_refused_as_a_cycle_by_the_inheritance_stage()
    {
        var root = NewRoot();
        Plugin(root, "A", "vn.a", "mini-province", "vn.a.province", baseId: "vn.b.province");
        Plugin(root, "B", "vn.b", "mini-province", "vn.b.province", baseId: "vn.a.province");

        var host = PluginHost.Load(root);

        Errors(In(host, "A")).Should().Contain(m => m.Contains("the sets extend each other in a cycle: vn.b.province → vn.a.province → vn.b.province"));
        Errors(In(host, "B")).Should().Contain(m => m.Contains("the sets extend each other in a cycle: vn.a.province → vn.b.province → vn.a.province"));
    }

    [Fact]
    public void A_refused_base_refuses_the_plugins_extending_it_and_says_so_first()
    {
        var root = NewRoot();
        Plugin(root, "Z-Base", "vn.test", "mini", "vn.test.mini");
        Plugin(root, "A-Province", "vn.tinh", "mini-province", "vn.tinh.province");
        // A set extending the province's and changing nothing: refused only through the province.
        var nangCao = Plugin(root, "M-Nang-Cao", "vn.nc", "mini-province", "vn.nc.province", baseId: "vn.tinh.province");
        var set = JObject.Parse(File.ReadAllText(Path.Combine(nangCao, "set.json")));
        foreach (var part in new[] { "workflow", "measures", "override", "remove", "criteria" }) set.Remove(part);
        File.WriteAllText(Path.Combine(nangCao, "set.json"), set.ToString());

        var host = PluginHost.Load(root, [new ErrorFor("vn.test", "template missing")]);

        Errors(In(host, "Z-Base")).Should().Equal("template missing");
        var province = In(host, "A-Province");
        province.Loaded.Should().BeFalse();
        province.Problems.Should().ContainSingle().Which.Message.Should().Be(
            "set vn.tinh.province extends vn.test.mini of plugin vn.test (Z-Base), which was refused at load");
        province.SetIds.Should().BeEmpty();
        // Two levels down: the nâng cao set is refused through the province, which the propagation refused.
        Errors(In(host, "M-Nang-Cao")).Should().Equal(
            "set vn.nc.province extends vn.test.mini of plugin vn.test (Z-Base), which was refused at load",
            "set vn.nc.province extends vn.tinh.province of plugin vn.tinh (A-Province), which was refused at load");
        host.Sets.Should().BeEmpty();
    }

    [Fact]
    public void A_plugins_problems_come_in_the_order_of_the_stages()
    {
        var root = NewRoot();
        var dir = Plugin(root, "A", "vn.test", "mini", "vn.test.mini");
        var manifest = JObject.Parse(File.ReadAllText(Path.Combine(dir, "plugin.json")));
        manifest["sets"] = new JArray("set.json", "../outside.json");
        File.WriteAllText(Path.Combine(dir, "plugin.json"), manifest.ToString());
        var wf = JObject.Parse(File.ReadAllText(Path.Combine(dir, "workflow.json")));
        var rule10 = wf["Rules"]!.OfType<JObject>().Single(r => (string?)r["ruleName"] == "10");
        rule10["expression"] = "actual >= threshold && m.khongCo > 0";
        File.WriteAllText(Path.Combine(dir, "workflow.json"), wf.ToString());

        var host = PluginHost.Load(root, [new ErrorFor("vn.test", "check says no")]);

        var messages = Errors(In(host, "A")).ToArray();
        messages.Should().HaveCount(3, string.Join("\n", messages));
        messages[0].Should().Be("check says no");
        messages[1].Should().Be("set file \"../outside.json\" is not in the plugin folder");
        messages[2].Should().Contain("khongCo");
    }

    [Fact]
    public void A_narrow_load_runs_the_same_stages_on_the_folders_the_set_needs()
    {
        var root = NewRoot();
        Plugin(root, "Z-Base", "vn.test", "mini", "vn.test.mini");
        Plugin(root, "A-Province", "vn.tinh", "mini-province", "vn.tinh.province");
        Plugin(root, "M-Unrelated", "vn.other", "mini", "vn.other.mini");

        var host = PluginHost.LoadFor(root, "vn.tinh.province");

        host.Reports.Select(r => Path.GetFileName(r.Folder)).Should().Equal("A-Province", "Z-Base");
        host.GetSet("vn.tinh.province").Set.Bases.Should().ContainSingle().Which.SetId.Should().Be("vn.test.mini");
    }
}

using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The host resolves inheritance across plugin folders, whatever their order, and refuses
/// cycles and clashing ids. The plugins here are data-only folders (no assembly), which the
/// host loads without running any plugin code.
/// </summary>
public class HostInheritanceTests
{
    /// <summary>A plugins root with the mini set as plugin <c>vn.test</c> in <paramref name="baseFolder"/> and the provincial fixture, re-id'd, as <c>vn.tinh</c>.</summary>
    private static string Root(string baseFolder = "Z-Base", string provinceFolder = "A-Province", Action<JObject>? editProvince = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "ntm-host-" + Guid.NewGuid().ToString("N"));
        Plugin(root, baseFolder, "vn.test", "mini", null);
        Plugin(root, provinceFolder, "vn.tinh", "mini-province", doc =>
        {
            doc["id"] = "vn.tinh.province";
            editProvince?.Invoke(doc);
        });
        return root;
    }

    private static string Plugin(string root, string folder, string id, string fixture, Action<JObject>? edit)
    {
        var dir = Path.Combine(root, folder);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Fixture(fixture))) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        var setPath = Path.Combine(dir, "set.json");
        var set = JObject.Parse(File.ReadAllText(setPath));
        if (edit is not null)
        {
            edit(set);
            var wfPath = Path.Combine(dir, "workflow.json");
            var wf = JObject.Parse(File.ReadAllText(wfPath));
            wf["WorkflowName"] = set["id"];
            File.WriteAllText(wfPath, wf.ToString());
        }
        File.WriteAllText(setPath, set.ToString());
        File.WriteAllText(Path.Combine(dir, "plugin.json"),
            new JObject { ["id"] = id, ["name"] = folder, ["version"] = "1.0.0", ["publisher"] = "Test", ["sets"] = new JArray("set.json") }.ToString());
        return dir;
    }

    private static string Errors(PluginLoadReport r) => string.Join("\n", r.Problems.Where(p => p.Severity == Severity.Error));

    [Fact]
    public void A_data_only_provincial_plugin_extends_a_base_in_another_folder_whatever_the_folder_order()
    {
        foreach (var (baseFolder, provinceFolder) in new[] { ("Z-Base", "A-Province"), ("A-Base", "Z-Province") })
        {
            var host = PluginHost.Load(Root(baseFolder, provinceFolder));
            host.Reports.Should().OnlyContain(r => r.Loaded, string.Join("\n", host.Reports.Select(Errors)));
            host.Reports.Should().OnlyContain(r => r.DataOnly);
            var set = host.GetSet("vn.tinh.province").Set;
            set.Bases.Should().ContainSingle().Which.Plugin.Id.Should().Be("vn.test");
            set.Indicators.Select(i => i.Code).Should().Equal("1", "10", "11", "15.1", "15.4");
            host.GetSet("vn.test.mini").Set.Bases.Should().BeEmpty();
        }
    }

    [Fact]
    public void A_candidate_plugin_loads_against_the_installed_bases_and_stands_in_for_its_installed_version()
    {
        var installed = Root();
        // The candidate is the provincial plugin, edited, outside the installed folder.
        var elsewhere = Path.Combine(Path.GetTempPath(), "ntm-candidate-" + Guid.NewGuid().ToString("N"));
        var candidate = Plugin(elsewhere, "Draft", "vn.tinh", "mini-province", doc => doc["id"] = "vn.tinh.province");

        var host = PluginHost.LoadCandidate(candidate, installed);

        host.Candidate.Should().NotBeNull();
        host.Candidate!.Folder.Should().Be(candidate);
        host.Candidate.Loaded.Should().BeTrue(Errors(host.Candidate));
        host.Reports.Should().HaveCount(2, "the installed vn.tinh is left out rather than clash with the candidate");
        host.GetSet("vn.tinh.province").Set.Bases.Single().Plugin.Id.Should().Be("vn.test");

        var alone = PluginHost.LoadCandidate(candidate, installedRoot: null);
        alone.Candidate!.Loaded.Should().BeFalse();
        Errors(alone.Candidate).Should().Contain("no installed plugin provides it");
    }

    [Fact]
    public void Sets_extending_each_other_in_a_cycle_are_refused()
    {
        var root = Root(editProvince: d => d["extends"]!["set"] = "vn.tinh2.other");
        Plugin(root, "M-Other", "vn.tinh2", "mini-province", d =>
        {
            d["id"] = "vn.tinh2.other";
            d["extends"]!["set"] = "vn.tinh.province";
        });
        var host = PluginHost.Load(root);
        host.Reports.Single(r => r.Folder.EndsWith("A-Province")).Loaded.Should().BeFalse();
        host.Reports.Single(r => r.Folder.EndsWith("M-Other")).Loaded.Should().BeFalse();
        Errors(host.Reports.Single(r => r.Folder.EndsWith("A-Province"))).Should().Contain("base set \"vn.tinh2.other\" is not available: the sets extend each other in a cycle: vn.tinh2.other → vn.tinh.province → vn.tinh2.other");
        host.Reports.Single(r => r.Folder.EndsWith("Z-Base")).Loaded.Should().BeTrue("the base is not part of the cycle");
    }

    [Fact]
    public void Two_folders_providing_one_set_id_are_both_refused_and_name_each_other()
    {
        var root = Root();
        Plugin(root, "B-Copy", "vn.test", "mini", null);
        var host = PluginHost.Load(root);
        var copies = host.Reports.Where(r => r.Folder.EndsWith("Z-Base") || r.Folder.EndsWith("B-Copy")).ToArray();
        copies.Should().HaveCount(2).And.OnlyContain(r => !r.Loaded);
        copies.Should().OnlyContain(r => Errors(r).Contains("plugin id \"vn.test\" is claimed by 2 plugin folders: B-Copy (version 1.0.0), Z-Base (version 1.0.0)"));
        var province = host.Reports.Single(r => r.Folder.EndsWith("A-Province"));
        province.Loaded.Should().BeFalse("its base is provided twice, so neither copy may serve as its base");
        Errors(province).Should().Contain("base set \"vn.test.mini\" is not available: more than one plugin folder claims it");
    }

    [Fact]
    public void A_missing_base_is_named_with_the_sets_that_are_installed()
    {
        var root = Root(editProvince: d => d["extends"]!["set"] = "vn.test.khong-co");
        var host = PluginHost.Load(root);
        Errors(host.Reports.Single(r => r.Folder.EndsWith("A-Province")))
            .Should().Contain("base set \"vn.test.khong-co\" is not available: no installed plugin provides it (sets found: vn.test.mini, vn.tinh.province)");
    }

    [Fact]
    public async Task Sets_of_two_periods_live_side_by_side()
    {
        var root = Root();
        Plugin(root, "Period2026", "vn.test2026", "mini", d =>
        {
            d["id"] = "vn.test2026.mini";
            d["effective"] = new JObject { ["from"] = "2026-01-01", ["to"] = "2030-12-31" };
        });
        var host = PluginHost.Load(root);
        host.Reports.Should().OnlyContain(r => r.Loaded, string.Join("\n", host.Reports.Select(Errors)));
        host.Sets.Select(s => (s.Set.Id, s.Set.Effective.ToString())).Should().Contain([("vn.test.mini", "2022-03-08 – 2025-12-31"), ("vn.test2026.mini", "2026-01-01 – 2030-12-31")]);
        var late = await host.Evaluator.EvaluateAsync(host.GetSet("vn.test.mini"), Commune(PassingMeasures(), year: 2026, date: "2026-06-01"));
        late.Problems.Should().Contain(p => p.Message.Contains("outside the period of set vn.test.mini"));
        var current = await host.Evaluator.EvaluateAsync(host.GetSet("vn.test2026.mini"), Commune(PassingMeasures(), year: 2026, date: "2026-06-01"));
        current.Problems.Should().NotContain(p => p.Message.Contains("outside the period"));
    }

    [Fact]
    public void A_folder_with_neither_assembly_nor_manifest_is_refused_saying_what_a_plugin_folder_holds()
    {
        var root = Root();
        Directory.CreateDirectory(Path.Combine(root, "Empty"));
        var host = PluginHost.Load(root);
        var empty = host.Reports.Single(r => r.Folder.EndsWith("Empty"));
        empty.Loaded.Should().BeFalse();
        Errors(empty).Should().Contain("neither a plugin assembly (Empty.dll) nor a plugin.json");
    }

    /// <summary>A verifier that signs, refuses or throws by folder name, and remembers what it was asked.</summary>
    private sealed class FakeVerifier(Func<string, ICollection<Problem>, PluginSignature?> decide) : IPluginVerifier
    {
        public List<string> Asked { get; } = [];

        public PluginSignature? Verify(string pluginFolder, ICollection<Problem> problems)
        {
            Asked.Add(Path.GetFileName(pluginFolder));
            return decide(Path.GetFileName(pluginFolder), problems);
        }
    }

    [Fact]
    public void The_verifier_decides_before_a_folder_is_read_and_its_status_is_carried_by_the_plugin()
    {
        var root = Root("Z-Base", "A-Province");
        // A refused folder's assembly must not even be opened: this one is not an assembly at all.
        File.WriteAllText(Path.Combine(root, "A-Province", "A-Province.dll"), "not an assembly");
        Directory.CreateDirectory(Path.Combine(root, ".ntm-install-0123"));
        var verifier = new FakeVerifier((folder, problems) =>
        {
            if (folder == "Z-Base") return PluginSignature.Signed("Sở thử", "0123456789abcdef");
            problems.Add(new Problem(Severity.Error, "untrusted: test refusal", folder));
            return null;
        });

        var host = PluginHost.Load(root, verifier: verifier);

        verifier.Asked.Should().Equal("A-Province", "Z-Base"); // the hidden work folder of an install is not a plugin
        host.Reports.Should().HaveCount(2);
        var base_ = host.Reports.Single(r => r.Folder.EndsWith("Z-Base"));
        base_.Loaded.Should().BeTrue(Errors(base_));
        base_.Plugin!.Signature.Should().Be(PluginSignature.Signed("Sở thử", "0123456789abcdef"));
        var province = host.Reports.Single(r => r.Folder.EndsWith("A-Province"));
        province.Loaded.Should().BeFalse();
        province.Plugin.Should().BeNull("nothing of a refused folder is read");
        Errors(province).Should().Contain("untrusted: test refusal").And.NotContain("cannot load the plugin assembly");
        host.GetSet("vn.test.mini").Set.Plugin.Signature.Status.Should().Be(PluginSignatureStatus.Signed);
    }

    [Fact]
    public void A_verifier_that_throws_refuses_the_folder_with_the_reason_and_no_verifier_means_not_checked()
    {
        var root = Root();
        var host = PluginHost.Load(root, verifier: new FakeVerifier((_, _) => throw new InvalidOperationException("trust store unreadable")));
        host.Reports.Should().OnlyContain(r => !r.Loaded);
        Errors(host.Reports[0]).Should().Contain("signature check failed: InvalidOperationException: trust store unreadable");

        PluginHost.Load(root).Reports.Should().OnlyContain(r => r.Plugin!.Signature == PluginSignature.NotChecked);
    }
}

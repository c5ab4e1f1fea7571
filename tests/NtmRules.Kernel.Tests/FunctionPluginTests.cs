using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The host's assembly path, kept for plugins that bring functions (docs/plugins-data-only.md):
/// the fixture plugin tests/Fixtures/FunctionPlugin, built with this project, loads in its own
/// load context and its rule calls the function its assembly exposes.
/// </summary>
public class FunctionPluginTests
{
    private const string SetId = "vn.test-function.thon";

    /// <summary>A fresh plugins root holding a copy of the built fixture plugin in <paramref name="folder"/>, without the files <paramref name="leaveOut"/> names.</summary>
    private static string Root(Func<string, bool>? leaveOut = null, string folder = "FunctionPlugin")
    {
        var built = RepoPaths.Of("artifacts", "test-plugins", "FunctionPlugin");
        File.Exists(Path.Combine(built, "FunctionPlugin.dll")).Should().BeTrue("the test project builds the fixture plugin first");
        var root = Path.Combine(Path.GetTempPath(), "ntm-function-plugin-" + Guid.NewGuid().ToString("N"));
        var target = Path.Combine(root, folder);
        foreach (var file in Directory.GetFiles(built, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(built, file);
            if (leaveOut?.Invoke(relative) == true) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
        return root;
    }

    [Fact]
    public async Task A_plugin_assembly_brings_a_function_that_its_rules_call()
    {
        var host = PluginHost.Load(Root());

        var report = host.Reports.Should().ContainSingle().Subject;
        report.Loaded.Should().BeTrue(string.Join("\n", report.Problems));
        report.DataOnly.Should().BeFalse("the plugin brings an assembly");
        report.SetIds.Should().Equal(SetId);
        var set = host.GetSet(SetId);
        var met = await host.Evaluator.EvaluateAsync(set, Commune("""{ "tongSoHo": 1250, "soThon": 10 }"""));
        met.Indicator("1.1").Status.Should().Be(IndicatorStatus.Dat);
        met.Indicator("1.1").Actual!.Value.Number.Should().Be(125);
        var failed = await host.Evaluator.EvaluateAsync(set, Commune("""{ "tongSoHo": 957, "soThon": 10 }"""));
        failed.Indicator("1.1").Status.Should().Be(IndicatorStatus.ChuaDat);
        failed.Indicator("1.1").Actual!.Value.Number.Should().Be(95.7);
    }

    [Fact]
    public void In_a_folder_named_after_the_plugin_id_as_an_installed_package_is_the_assembly_is_found_by_its_deps_file()
    {
        var host = PluginHost.Load(Root(folder: "vn.test-function"));

        var report = host.Reports.Should().ContainSingle().Subject;
        report.Loaded.Should().BeTrue(string.Join("\n", report.Problems));
        report.DataOnly.Should().BeFalse("FunctionPlugin.dll is named by FunctionPlugin.deps.json beside it");
        report.SetIds.Should().Equal(SetId);
    }

    [Fact]
    public void An_assembly_whose_manifest_is_missing_is_refused_naming_the_file()
    {
        var host = PluginHost.Load(Root(leaveOut: f => f == "plugin.json"));

        var report = host.Reports.Should().ContainSingle().Subject;
        report.Loaded.Should().BeFalse();
        report.Problems.Where(p => p.Severity == Severity.Error).Should().Contain(p => p.Message.Contains("cannot read the file") && p.File!.EndsWith("plugin.json"));
    }

    [Fact]
    public void Without_its_assembly_the_same_folder_is_data_only_and_its_rule_may_not_call_the_function()
    {
        var host = PluginHost.Load(Root(leaveOut: f => !f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".deps.json", StringComparison.Ordinal)));

        var report = host.Reports.Should().ContainSingle().Subject;
        report.DataOnly.Should().BeTrue();
        report.Loaded.Should().BeFalse();
        report.Problems.Where(p => p.Severity == Severity.Error).Should().ContainSingle()
            .Which.Message.Should().Contain("HoGiaDinh");
    }
}

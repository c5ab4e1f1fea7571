using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Output;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// <see cref="PluginHost.LoadFor"/>: a command judging one set loads only the plugins that set needs,
/// and gives what a full load gives — the same evaluation byte for byte, the same refusals and messages.
/// </summary>
public class NarrowLoadTests
{
    /// <summary>
    /// Z-Base (vn.test.mini), A-Province (vn.tinh.province, extends it) and M-Other (vn.khac.other,
    /// extends it too, unrelated to the province): three data-only plugin folders.
    /// </summary>
    private static string Root(Action<string>? breakBase = null, Action<string>? breakOther = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "ntm-narrow-" + Guid.NewGuid().ToString("N"));
        var baseDir = Plugin(root, "Z-Base", "vn.test", "mini", null);
        Plugin(root, "A-Province", "vn.tinh", "mini-province", "vn.tinh.province");
        var other = Plugin(root, "M-Other", "vn.khac", "mini-province", "vn.khac.other");
        breakBase?.Invoke(baseDir);
        breakOther?.Invoke(other);
        return root;
    }

    private static string Plugin(string root, string folder, string pluginId, string fixture, string? setId)
    {
        var dir = Path.Combine(root, folder);
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(Fixture(fixture))) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        if (setId is not null)
        {
            var set = JObject.Parse(File.ReadAllText(Path.Combine(dir, "set.json")));
            set["id"] = setId;
            File.WriteAllText(Path.Combine(dir, "set.json"), set.ToString());
            var wf = JObject.Parse(File.ReadAllText(Path.Combine(dir, "workflow.json")));
            wf["WorkflowName"] = setId;
            File.WriteAllText(Path.Combine(dir, "workflow.json"), wf.ToString());
        }
        File.WriteAllText(Path.Combine(dir, "plugin.json"),
            new JObject { ["id"] = pluginId, ["name"] = folder, ["version"] = "1.0.0", ["publisher"] = "Test", ["sets"] = new JArray("set.json") }.ToString());
        return dir;
    }

    /// <summary>Makes the first rule of a folder's workflow read a measure no set has: the plugin is refused at load.</summary>
    private static void BreakFirstRule(string dir)
    {
        var path = Path.Combine(dir, "workflow.json");
        var wf = JObject.Parse(File.ReadAllText(path));
        wf["Rules"]![0]!["Expression"] = "m.khongCoChiSoNay > threshold";
        File.WriteAllText(path, wf.ToString());
    }

    private static string Json(PluginHost host, string setId, string measures)
    {
        var data = CommuneDataReader.Parse(Encoding.UTF8.GetBytes($$"""
            { "format": "ntm.commune-data/1", "commune": { "name": "Xã Thử" }, "region": "BTB", "year": 2023, "measures": {{measures}} }
            """), "test.json", []);
        var compiled = host.GetSet(setId);
        var result = host.Evaluator.EvaluateAsync(compiled, data).GetAwaiter().GetResult();
        var writer = new StringWriter();
        EvaluationJsonWriter.Write(result, writer);
        return writer.ToString();
    }

    [Fact]
    public void Only_the_set_and_its_base_are_loaded_and_the_evaluation_is_byte_identical()
    {
        var root = Root();
        var narrow = PluginHost.LoadFor(root, "vn.tinh.province");
        narrow.Reports.Select(r => Path.GetFileName(r.Folder)).Should().Equal("A-Province", "Z-Base");
        narrow.Sets.Select(s => s.Set.Id).Should().Equal("vn.test.mini", "vn.tinh.province");

        var measures = PassingMeasures(("danSo", "5000"), ("nguoiCoSoKhamChuaBenhDienTu", "4000"));
        Json(narrow, "vn.tinh.province", measures).Should().Be(Json(PluginHost.Load(root), "vn.tinh.province", measures));
    }

    [Fact]
    public void Measures_of_sets_not_loaded_are_still_named_as_other_sets_measures()
    {
        var root = Root();
        var narrow = PluginHost.LoadFor(root, "vn.test.mini");
        narrow.Reports.Select(r => Path.GetFileName(r.Folder)).Should().Equal("Z-Base");

        // danSo belongs to the provincial sets, not to the base: the same warning as with everything loaded.
        var measures = PassingMeasures(("danSo", "5000"));
        var json = Json(narrow, "vn.test.mini", measures);
        json.Should().Contain("used by other sets");
        json.Should().Be(Json(PluginHost.Load(root), "vn.test.mini", measures));
    }

    [Fact]
    public void A_refused_plugin_the_set_does_not_need_is_neither_loaded_nor_reported()
    {
        var root = Root(breakOther: BreakFirstRule);
        PluginHost.Load(root).Reports.Single(r => Path.GetFileName(r.Folder) == "M-Other").Loaded.Should().BeFalse();

        var narrow = PluginHost.LoadFor(root, "vn.tinh.province");
        narrow.Reports.Should().OnlyContain(r => r.Loaded);
        narrow.Reports.Select(r => Path.GetFileName(r.Folder)).Should().NotContain("M-Other");
    }

    [Fact]
    public void A_refused_base_is_reported_exactly_as_a_full_load_reports_it()
    {
        var root = Root(breakBase: BreakFirstRule);
        string Refusal(PluginHost host)
        {
            var act = () => host.GetSet("vn.tinh.province");
            return string.Join("\n", act.Should().Throw<PluginException>().Which.Problems.Select(p => p.ToString()));
        }

        var narrow = PluginHost.LoadFor(root, "vn.tinh.province");
        Refusal(narrow).Should().Contain("Z-Base").And.Be(Refusal(PluginHost.Load(root)));
        narrow.Reports.Select(r => (r.Folder, r.Loaded, Problems: string.Join("\n", r.Problems)))
            .Should().Equal(PluginHost.Load(root).Reports.Select(r => (r.Folder, r.Loaded, Problems: string.Join("\n", r.Problems))));
    }

    [Fact]
    public void An_unknown_set_gets_the_message_of_a_full_load()
    {
        var root = Root();
        string Unknown(PluginHost host)
        {
            var act = () => host.GetSet("vn.khong.co");
            return act.Should().Throw<InputException>().Which.Problems.Single().ToString();
        }

        Unknown(PluginHost.LoadFor(root, "vn.khong.co")).Should().Contain("Known sets: vn.khac.other, vn.test.mini, vn.tinh.province")
            .And.Be(Unknown(PluginHost.Load(root)));
    }
}

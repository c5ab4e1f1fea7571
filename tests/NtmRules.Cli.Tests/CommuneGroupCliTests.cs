using Newtonsoft.Json.Linq;

namespace NtmRules.Cli.Tests;

/// <summary>Commune groups end to end: a set keyed by group, data with and without <c>communeGroup</c>.</summary>
public class CommuneGroupCliTests
{
    private const string Set = "vn.qd318.xa-ntm";

    /// <summary>
    /// A copy of the national plugin whose indicator 11 is keyed only by group. The figures are
    /// test figures (5, 10, 15 %), marked assumed: no decision's figures.
    /// </summary>
    private static string GroupedPlugins()
    {
        var dir = Cli.TempPluginsFolder();
        var plugin = Cli.CopyPlugin("NtmRules.Plugins.Qd318", dir);
        var path = Path.Combine(plugin, "sets", "xa-ntm.json");
        var root = JObject.Parse(File.ReadAllText(path));
        var eleven = root["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => (string)i["code"]! == "11");
        foreach (var v in eleven["threshold"]!["values"]!.Cast<JObject>())
        {
            v.Remove("value");
            v.Remove("regions");
            v.Remove("provenance");
            v["groups"] = new JObject(new[] { 5, 10, 15 }.Select((figure, n) => new JProperty((n + 1).ToString(), new JObject
            {
                ["value"] = figure,
                ["provenance"] = new JObject { ["state"] = "assumed", ["reason"] = "Mức thử nghiệm, không phải mức của quyết định nào." },
            })));
        }
        File.WriteAllText(path, root.ToString());
        return dir;
    }

    private static string Data(string folder, string name, int? group)
    {
        var o = JObject.Parse(File.ReadAllText(Cli.Sample("cam-thanh-2023.json")));
        if (group is { } g) o["communeGroup"] = g;
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, o.ToString());
        return path;
    }

    [Fact]
    public void Evaluate_without_a_group_is_a_data_error_and_with_one_shows_the_group()
    {
        var plugins = GroupedPlugins();
        var work = Cli.TempPluginsFolder();
        var none = Cli.Run("evaluate", "--plugins", plugins, "--allow-unsigned", "--set", Set, "--data", Data(work, "none.json", null));
        none.ExitCode.Should().Be(2, none.ToString());
        none.Stderr.Should().Contain("communeGroup");

        // Cẩm Thành's multidimensional poverty, 12,23 %: above group 1's test figure, within group 3's.
        var one = Cli.Run("evaluate", "--plugins", plugins, "--allow-unsigned", "--set", Set, "--format", "json", "--data", Data(work, "g1.json", 1));
        var three = Cli.Run("evaluate", "--plugins", plugins, "--allow-unsigned", "--set", Set, "--format", "json", "--data", Data(work, "g3.json", 3));
        foreach (var (r, group, status) in new[] { (one, "1", "chua-dat"), (three, "3", "dat") })
        {
            var o = JObject.Parse(r.Stdout);
            ((string)o["communeGroup"]!).Should().Be(group, r.ToString());
            var i11 = o["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => (string)i["code"]! == "11");
            ((string)i11["threshold"]!["group"]!).Should().Be(group);
            ((string)i11["status"]!).Should().Be(status);
        }

        var table = Cli.Run("evaluate", "--plugins", plugins, "--allow-unsigned", "--set", Set, "--data", Data(work, "g2.json", 2), "--lang", "vi");
        table.Stdout.Should().Contain("nhóm xã: xã nhóm 2");
        var measures = Cli.Run("measures", "--plugins", plugins, "--allow-unsigned", "--set", Set, "--lang", "vi");
        measures.Stdout.Should().Contain("Bộ này đặt ngưỡng theo nhóm xã").And.Contain("bắt buộc");
    }

    [Fact]
    public void Batch_rejects_the_commune_without_a_group_and_reports_the_group_of_the_others()
    {
        var plugins = GroupedPlugins();
        var input = Cli.TempPluginsFolder();
        Data(input, "a.json", 1);
        Data(input, "b.json", null);
        var output = Path.Combine(Cli.TempPluginsFolder(), "out");
        var r = Cli.Run("batch", "--plugins", plugins, "--allow-unsigned", "--set", Set, "--data", input, "--out", output, "--lang", "vi");
        r.Stdout.Should().Contain("đã nhận 1, loại 1", r.ToString());
        r.ExitCode.Should().Be(2, "a rejected commune is a data error");
        File.ReadAllText(Path.Combine(output, "errors.csv")).Should().Contain("b.json").And.Contain("communeGroup");
        File.ReadAllText(Path.Combine(output, "report.md")).Should().Contain("| Nhóm xã |");
    }
}

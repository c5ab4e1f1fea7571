using Newtonsoft.Json.Linq;
using NtmRules.Bench.Synthetic;

namespace NtmRules.Bench.Tests;

/// <summary>
/// A synthetic province for a set that keys a threshold only by commune group: every commune states
/// its group (without one, every evaluation is a data error and <c>ntm bench</c> stopped), in the
/// generated communes and in the CSV alike; a set without groups keeps its columns.
/// </summary>
public class SyntheticGroupTests
{
    /// <summary>The mini fixture with indicator 11 keyed only by group (test figures, marked assumed).</summary>
    private static string GroupedMini()
    {
        var folder = TestKit.CopyFixture("mini");
        var path = Path.Combine(folder, "set.json");
        var root = JObject.Parse(File.ReadAllText(path));
        var eleven = root["criteria"]!.SelectMany(c => c["indicators"]!).Cast<JObject>().Single(i => (string)i["code"]! == "11");
        foreach (var v in eleven["threshold"]!["values"]!.Cast<JObject>())
        {
            v.Remove("value");
            v.Remove("regions");
            v.Remove("provenance");
            v["groups"] = new JObject(new[] { 4, 5, 6 }.Select((figure, n) => new JProperty((n + 1).ToString(), new JObject
            {
                ["value"] = figure,
                ["provenance"] = new JObject { ["state"] = "assumed", ["reason"] = "mức thử nghiệm" },
            })));
        }
        File.WriteAllText(path, root.ToString());
        return folder;
    }

    [Fact]
    public async Task Every_commune_of_a_set_keyed_by_group_has_a_group_and_evaluates()
    {
        var (compiled, evaluator) = TestKit.Compile(GroupedMini());
        var province = SyntheticProvince.For(compiled);
        province.Layout.HeaderLine.Should().Contain("," + CommuneCsvLayout.GroupColumn + ",");
        var communes = province.Generate(60, seed: 2).ToArray();
        communes.Should().OnlyContain(c => c.Group != null);
        communes.Select(c => c.Group).Distinct().Should().HaveCountGreaterThan(1);
        foreach (var c in communes) (await evaluator.EvaluateAsync(compiled, c)).Summary.IndicatorsTotal.Should().BeGreaterThan(0);

        var read = CommuneCsvReader.Read(new StringReader(province.Layout.HeaderLine + "\n" + string.Join("\n", province.Rows(60, seed: 2)) + "\n"), "p.csv").ToArray();
        read.Select(c => c.Group).Should().Equal(communes.Select(c => c.Group));
    }

    [Fact]
    public async Task The_three_paths_of_the_bench_agree_on_a_set_keyed_by_group()
    {
        var (compiled, evaluator) = TestKit.Compile(GroupedMini());
        var communes = SyntheticProvince.For(compiled).Generate(80, seed: 3).ToArray();
        var province = PreparedProvince.Prepare(compiled, communes);
        var codes = compiled.Set.Indicators.Select(i => i.Code).ToArray();
        var (a, b, c) = (new VerdictTable(80, codes), new VerdictTable(80, codes), new VerdictTable(80, codes));
        var baseline = new PlainRulesEngineBaseline(compiled);
        await baseline.PrepareAsync(province);
        await baseline.RunAsync(province, a);
        await ProductPath.RunAsync(evaluator, compiled, communes, b);
        new HandWrittenFloor(compiled).Run(province, c);
        var check = VerdictComparison.Compare(a, b, c);
        check.Identical.Should().BeTrue(string.Join("\n", check.Examples));
        check.Judged.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_set_without_groups_keeps_its_columns()
    {
        var (compiled, _) = TestKit.Compile(TestKit.Fixture("mini"));
        SyntheticProvince.For(compiled).Layout.HeaderLine.Should().NotContain(CommuneCsvLayout.GroupColumn);
        SyntheticProvince.For(compiled).Generate(20, seed: 2).Should().OnlyContain(c => c.Group == null);
    }
}

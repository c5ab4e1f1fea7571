using Newtonsoft.Json.Linq;

namespace NtmRules.Cli.Tests;

/// <summary>The bundled samples tell the seed documents' own stories through the national plugin.</summary>
public class SampleCommuneTests
{
    private static JObject Evaluate(string set, string sample)
    {
        var r = Cli.Run("evaluate", "--set", set, "--data", Cli.Sample(sample), "--format", "json");
        r.ExitCode.Should().Be(0, r.ToString());
        return JObject.Parse(r.Stdout);
    }

    private static IEnumerable<JToken> Indicators(JObject doc) => doc["criteria"]!.SelectMany(c => c["indicators"]!);

    [Fact]
    public void Cam_thanh_2023_meets_47_of_57_indicators_and_11_of_19_criteria_as_seed_001_reports()
    {
        var doc = Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json");
        ((string)doc["summary"]!["text"]!).Should().Be("11/19 tiêu chí, 47/57 chỉ tiêu");
        // Seed 001 §III.1.2 lists exactly these unmet indicators.
        Indicators(doc).Where(i => (string)i["status"]! == "chua-dat").Select(i => (string)i["code"]!)
            .Should().Equal("5", "6.2", "11", "12.2", "13.3", "15.1", "15.4", "17.1", "17.7", "19.2");
        var poverty = Indicators(doc).Single(i => (string)i["code"]! == "11");
        ((double)poverty["actual"]!["value"]!).Should().BeApproximately(12.2255, 0.0001);
        var given = poverty["inputs"]!.Where(x => x["value"]!.Type != JTokenType.Null).Select(x => ((string)x["key"]!, (double)x["value"]!));
        given.Should().Contain(("hoNgheo", 71)).And.Contain(("tongSoHo", 1784)).And.Contain(("hoCanNgheo", 149)).And.Contain(("tongSoHoRaSoatCanNgheo", 1807));
        var excluded = poverty["inputs"]!.Single(x => (string)x["key"]! == "hoNgheoBaoTroXaHoi");
        ((double)excluded["defaultUsed"]!).Should().Be(0, "the sample states no excluded households: the set's default stands in, and says so");
    }

    [Fact]
    public void Tan_lap_2024_meets_18_of_19_xa_ntm_criteria_with_quy_hoach_dropped_as_seed_002_reports()
    {
        var doc = Evaluate("vn.qd318.xa-ntm", "tan-lap-2024.json");
        ((int)doc["summary"]!["criteriaMet"]!).Should().Be(18);
        doc["criteria"]!.Where(c => (string)c["status"]! != "dat" && (string)c["status"]! != "khong-ap-dung")
            .Select(c => (string)c["name"]!).Should().Equal("Quy hoạch");
        ((string)doc["thresholdRegion"]!).Should().Be("TDMNPB");
    }

    [Fact]
    public void National_sets_have_the_decisions_counts()
    {
        var ntm = Evaluate("vn.qd318.xa-ntm", "tan-lap-2024.json");
        ((int)ntm["summary"]!["criteriaTotal"]!).Should().Be(19);
        ((int)ntm["summary"]!["indicatorsTotal"]!).Should().Be(57);
        var nangCao = Evaluate("vn.qd318.xa-ntm-nang-cao", "tan-lap-2024.json");
        ((int)nangCao["summary"]!["criteriaTotal"]!).Should().Be(19);
        ((int)nangCao["summary"]!["indicatorsTotal"]!).Should().Be(75);
        // Seed 002's 2024 targets (criteria 2, 3, 5, 13, 14) are not yet met under nâng cao.
        var unmet = nangCao["criteria"]!.Where(c => (string)c["status"]! == "chua-dat").Select(c => (int)c["number"]!).ToArray();
        unmet.Should().Contain([2, 3, 5, 13, 14]);
    }
}

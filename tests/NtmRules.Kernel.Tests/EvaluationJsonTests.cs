using Newtonsoft.Json.Linq;
using NJsonSchema;
using NtmRules.Kernel.Output;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

public class EvaluationJsonTests
{
    private static string Json(string measures)
    {
        var writer = new StringWriter();
        EvaluationJsonWriter.Write(EvaluateMini(Commune(measures)), writer);
        return writer.ToString();
    }

    [Theory]
    [InlineData("passing")]
    [InlineData("failing")]
    [InlineData("missing")]
    [InlineData("invalid")]
    public async Task Output_validates_against_the_shipped_schema(string scenario)
    {
        var measures = scenario switch
        {
            "failing" => PassingMeasures(("hoNgheo", "71"), ("hoCanNgheo", "149"), ("tongSoHo", "1784")),
            "missing" => PassingMeasures(("tongSoHo", null!), ("coLangNghe", "false")),
            "invalid" => PassingMeasures(("tyLeThamGiaBhyt", "\"90,06\""), ("khongCo", "1")),
            _ => PassingMeasures(),
        };
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "evaluation.schema.json"));
        var errors = schema.Validate(Json(measures));
        errors.Should().BeEmpty(string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task Schema_rejects_a_status_outside_the_four()
    {
        var schema = await JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "evaluation.schema.json"));
        var broken = Json(PassingMeasures()).Replace("\"status\": \"dat\"", "\"status\": \"passed\"");
        schema.Validate(broken).Should().NotBeEmpty();
    }

    [Fact]
    public void Same_data_and_set_give_byte_identical_output()
    {
        var measures = PassingMeasures(("hoNgheo", "71"), ("tongSoHo", null!));
        Json(measures).Should().Be(Json(measures));
    }

    [Fact]
    public void Indicator_carries_status_figures_threshold_rule_and_citation()
    {
        var doc = JObject.Parse(Json(PassingMeasures(("hoNgheo", "71"), ("hoCanNgheo", "149"), ("tongSoHo", "1784"))));
        var i = doc["criteria"]!.SelectMany(c => c["indicators"]!).Single(x => (string)x["code"]! == "11");
        ((string)i["status"]!).Should().Be("chua-dat");
        ((string)i["statusLabel"]!).Should().Be("chưa đạt");
        ((double)i["actual"]!["value"]!).Should().BeApproximately(12.3318, 0.0001);
        ((string)i["threshold"]!["operator"]!).Should().Be("<=");
        ((double)i["threshold"]!["value"]!).Should().Be(6);
        ((string)i["rule"]!["name"]!).Should().Be("11");
        ((string)i["citation"]!["decision"]!).Should().Be("1/QĐ-TEST");
        i["inputs"]!.Select(x => (string)x["key"]!).Should().Equal("hoNgheo", "hoCanNgheo", "tongSoHo");
        ((string)doc["summary"]!["text"]!).Should().Be("4/5 tiêu chí, 4/5 chỉ tiêu");
    }

    [Fact]
    public async Task Fixture_set_and_samples_follow_their_schemas()
    {
        var setSchema = await JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "criteria-set.schema.json"));
        setSchema.Validate(File.ReadAllText(Fixture("mini/set.json"))).Should().BeEmpty();
        var dataSchema = await JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "commune-data.schema.json"));
        foreach (var sample in Directory.GetFiles(RepoPaths.Of("samples"), "*.json"))
            dataSchema.Validate(File.ReadAllText(sample)).Should().BeEmpty(sample);
    }
}

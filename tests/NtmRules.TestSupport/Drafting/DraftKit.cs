using NtmRules.Drafting;
using NtmRules.Drafting.Model;
using NtmRules.Kernel.Evaluation;
using Scriban;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>Renders plans of the mini fixture with the repository's default templates or test templates.</summary>
internal static class DraftKit
{
    public static TemplateLibrary Defaults { get; } = TemplateLibrary.Load(RepoPaths.Of("templates"));

    public static EvaluationResult Failing(string narrative = "{}", string plan = "null")
    {
        var json = $$"""
        {
          "format": "ntm.commune-data/1",
          "commune": { "name": "Xã Thử", "province": "Tỉnh Thử" },
          "region": "BTB", "year": 2023, "assessmentDate": "2023-07-15",
          "measures": { "hoNgheo": 71, "hoCanNgheo": 149, "tongSoHo": 1784, "thuNhapBinhQuan": 60,
                        "coQuyHoachChung": false, "coLangNghe": false, "coKeHoachLangNghe": false },
          "narrative": {{narrative}},
          "plan": {{plan}}
        }
        """;
        var data = Data.CommuneDataReader.Parse(System.Text.Encoding.UTF8.GetBytes(json), "test.json", []);
        return TestKit.EvaluateMini(data);
    }

    public static string Render(EvaluationResult result, IReadOnlyDictionary<string, Template>? templates = null) =>
        PlanRenderer.Render(PlanModelBuilder.Build(result, Defaults.Guidance(result.Set)), templates ?? Defaults.For(result.Set));

    /// <summary>The defaults with one template replaced by <paramref name="text"/>.</summary>
    public static Dictionary<string, Template> With(string name, string text)
    {
        var templates = new Dictionary<string, Template>(Defaults.For(Failing().Set));
        var t = Template.Parse(text, name + ".scriban");
        t.HasErrors.Should().BeFalse(string.Join("; ", t.Messages));
        templates[name] = t;
        return templates;
    }
}

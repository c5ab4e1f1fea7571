using Newtonsoft.Json.Linq;
using NtmRules.Drafting;
using NtmRules.Drafting.Library;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>The drafting library: coverage of the shipped sets, province overrides, and errors at their place in the file.</summary>
public class DraftingLibraryTests
{
    [Fact]
    public void Every_indicator_of_every_shipped_set_has_causes_measures_and_a_commune_lead()
    {
        var uncovered = ShippedPlugins.Host.Sets.SelectMany(s => s.Set.Indicators
                .Where(i => ShippedPlugins.Templates.Guidance(s.Set).For(i.Code) is not { Causes.Count: > 0, Measures.Count: > 0 })
                .Select(i => $"{s.Set.Id} {i.Code}"))
            .ToArray();
        uncovered.Should().BeEmpty();
    }

    [Fact]
    public void Every_library_text_names_the_real_plan_it_draws_on_by_its_title_never_a_repository_name()
    {
        foreach (var set in ShippedPlugins.Host.Sets)
        {
            foreach (var g in ShippedPlugins.Templates.Guidance(set.Set).ByCode.Values)
            {
                g.Causes.Concat(g.Measures).Should().OnlyContain(t => t.Source.StartsWith("Kế hoạch", StringComparison.Ordinal)
                    && !t.Source.Contains("seed", StringComparison.OrdinalIgnoreCase) && !t.Source.Contains(".txt", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Every_shipped_library_follows_its_json_schema()
    {
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(RepoPaths.Of("docs", "schemas", "drafting-library.schema.json"));
        var files = Directory.GetFiles(RepoPaths.Of("plugins"), DraftingLibrary.FileName, SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "templates" && !f.Contains("/obj/", StringComparison.Ordinal)).ToArray();
        files.Should().HaveCountGreaterThanOrEqualTo(4);
        foreach (var file in files)
            schema.Validate(File.ReadAllText(file)).Should().BeEmpty(file);
    }

    [Fact]
    public void A_province_plugin_overrides_the_lead_and_renames_a_role_for_its_own_sets_only()
    {
        var (host, templates) = ShippedPlugins.Load(root => File.WriteAllText(Path.Combine(root, "NtmRules.Plugins.LangSon", "templates", DraftingLibrary.FileName), """
            {
              "format": "ntm.drafting-library/1",
              "roles": { "tram-y-te": "Trạm Y tế xã (Lạng Sơn)", "y-te-thon": "Nhân viên y tế thôn, bản" },
              "entries": [ { "indicators": { "vn.lang-son.2022-2025.xa-ntm-nang-cao": "14.1" }, "lead": "tram-y-te", "support": ["y-te-thon"] } ]
            }
            """));
        var province = templates.Guidance(host.GetSet("vn.lang-son.2022-2025.xa-ntm-nang-cao").Set).For("14.1")!;
        province.Lead.Label.Should().Be("Trạm Y tế xã (Lạng Sơn)");
        province.Support.Select(r => r.Label).Should().Equal("Nhân viên y tế thôn, bản");
        province.Measures.Should().NotBeEmpty("fields the province leaves out come from the national library");
        var national = templates.Guidance(host.GetSet("vn.qd318.xa-ntm-nang-cao").Set).For("14.1")!;
        national.Lead.Label.Should().Be("Công chức Văn hóa - Xã hội");
        national.Support.Select(r => r.Label).Should().Contain("Trạm y tế xã");
    }

    [Fact]
    public void A_sets_guidance_is_resolved_once_and_again_from_its_library_once_that_is_read_again()
    {
        var (host, templates) = ShippedPlugins.Load(_ => { });
        var set = host.GetSet("vn.lang-son.2022-2025.xa-ntm-nang-cao").Set;
        var first = templates.Guidance(set);
        templates.Guidance(set).Should().BeSameAs(first, "every draft of the set asks for it again");
        first.For("14.1")!.Lead.Label.Should().NotBe("Trạm Y tế xã (Lạng Sơn)");

        File.WriteAllText(Path.Combine(set.Plugin.Folder, "templates", DraftingLibrary.FileName), """
            {
              "format": "ntm.drafting-library/1",
              "roles": { "tram-y-te": "Trạm Y tế xã (Lạng Sơn)" },
              "entries": [ { "indicators": { "vn.lang-son.2022-2025.xa-ntm-nang-cao": "14.1" }, "lead": "tram-y-te" } ]
            }
            """);
        templates.Check(set.Plugin).Should().BeEmpty();
        var reread = templates.Guidance(set);
        reread.Should().NotBeSameAs(first);
        reread.For("14.1")!.Lead.Label.Should().Be("Trạm Y tế xã (Lạng Sơn)", "nothing resolved from the old file is handed out after it");
    }

    [Fact]
    public void A_malformed_library_is_refused_with_every_problem_at_its_line()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntm-lib-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        File.WriteAllText(Path.Combine(folder, "templates", DraftingLibrary.FileName), """
            {
              "format": "ntm.drafting-library/1",
              "plans": { "kh": "Kế hoạch thử" },
              "entries": [
                { "indicators": { "vn.test": "11" }, "lead": "phong-huyen",
                  "causes": [ { "text": "[Dự thảo — cần bổ sung]", "plan": "kh" } ],
                  "measures": [ { "text": "Làm ngay", "plan": "khac", "effort": "quick" }, { "text": "Làm", "plan": "kh", "effort": "mai" } ] },
                { "indicators": { "vn.test": "11" } }
              ]
            }
            """);
        var problems = TemplateLibrary.Load(RepoPaths.Of("templates")).Check(new PluginInfo("vn.test", "t", "1", "t", folder, "")).ToArray();
        problems.Should().OnlyContain(p => p.Severity == Severity.Error && p.File!.EndsWith(DraftingLibrary.FileName) && p.Line != null);
        problems.Select(p => p.Message).Should().Contain(m => m.Contains("unknown role") && m.Contains("phong-huyen"))
            .And.Contain(m => m.Contains("placeholder"))
            .And.Contain(m => m.Contains("unknown plan \"khac\""))
            .And.Contain(m => m.Contains("unknown effort \"mai\""))
            .And.Contain(m => m.Contains("has two entries"));
    }
}

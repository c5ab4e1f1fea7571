using NtmRules.Drafting;
using NtmRules.Drafting.Library;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// A plugin's drafting library is validated against its shipped schema (<c>docs/schemas/drafting-library.schema.json</c>)
/// when the plugin is checked (#18): what only the schema forbids is an error at its line, worded as the readers word it;
/// a place the reader already reported is not reported twice.
/// </summary>
public class DraftingLibrarySchemaTests
{
    private static Problem[] Check(string library)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ntm-lib-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "templates"));
        File.WriteAllText(Path.Combine(folder, "templates", DraftingLibrary.FileName), library);
        return TemplateLibrary.Load(RepoPaths.Of("templates")).Check(new PluginInfo("vn.test", "t", "1", "t", folder, "")).ToArray();
    }

    [Fact]
    public void An_unknown_field_and_an_empty_request_are_errors_at_their_lines()
    {
        var problems = Check("""
            {
              "format": "ntm.drafting-library/1",
              "entries": [
                { "indicators": { "vn.test": "11" }, "lead": "tram-y-te",
                  "leed": "tram-y-te",
                  "request": "" }
              ]
            }
            """);
        problems.Should().HaveCount(2).And.OnlyContain(p => p.Severity == Severity.Error && p.File!.EndsWith(DraftingLibrary.FileName));
        problems.Should().ContainSingle(p => p.Line == 5 && p.Field == "entries[0].leed").Which.Message.Should().Be("unknown field 'leed' is not allowed here");
        problems.Should().ContainSingle(p => p.Line == 6 && p.Field == "entries[0].request").Which.Message.Should().Be("'request' must not be empty");
    }

    [Fact]
    public void A_place_the_reader_reported_is_not_reported_again_by_the_schema()
    {
        var problems = Check("""
            {
              "format": "ntm.drafting-library/2",
              "roles": { "Tram Y Te": "Trạm" },
              "entries": [ { "indicators": { "vn.test": "11" }, "beyondCommune": "có" } ]
            }
            """);
        problems.Select(p => p.Line).Should().Equal([2, 3, 4], "one problem per place: the format, the role key and the flag");
        problems[0].Message.Should().Be("unknown format \"ntm.drafting-library/2\"; expected \"ntm.drafting-library/1\"");
        problems[1].Message.Should().Be("role key \"Tram Y Te\" must be lowercase words joined by '-'");
    }

    [Fact]
    public void A_library_without_entries_is_refused_once()
    {
        var problems = Check("{ \"format\": \"ntm.drafting-library/1\" }");
        problems.Should().ContainSingle().Which.Message.Should().Be("missing required field 'entries'");
    }
}

using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;

namespace NtmRules.Kernel.Tests;

/// <summary><see cref="PluginManifest"/> is the one reader of plugin.json: checked by the reader and the schema, every problem located.</summary>
public class ManifestReaderTests
{
    private static string Folder(string json)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ntm-manifest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, PluginManifest.FileName), json);
        return dir;
    }

    private static (PluginManifest? Manifest, List<Problem> Problems) Read(string json)
    {
        var problems = new List<Problem>();
        var path = Path.Combine(Folder(json), PluginManifest.FileName);
        return (PluginManifest.Read(path, "plugin.json", problems), problems);
    }

    [Fact]
    public void A_good_manifest_reads_into_its_fields()
    {
        var (m, problems) = Read("""{ "$schema": "schemas/plugin-manifest.schema.json", "id": "quang-tri.2026", "name": "Bộ tiêu chí Quảng Trị", "version": "1.0.0", "publisher": "UBND tỉnh Quảng Trị", "sets": ["sets/xa-ntm.json"] }""");
        problems.Should().BeEmpty();
        m.Should().Be(new PluginManifest("quang-tri.2026", "Bộ tiêu chí Quảng Trị", "1.0.0", "UBND tỉnh Quảng Trị", m!.SetFiles));
        m.SetFiles.Should().Equal("sets/xa-ntm.json");
    }

    [Fact]
    public void Each_problem_is_reported_once_with_line_column_and_field()
    {
        var (m, problems) = Read("""
        {
          "id": "vn.x",
          "version": 2,
          "publisher": "Sở thử",
          "sets": []
        }
        """);
        m.Should().NotBeNull("a manifest with errors is still returned, so the plugin's sets can be checked too");
        problems.Select(p => (p.Field, p.Message)).Should().BeEquivalentTo(new (string?, string)[]
        {
            ("name", "missing required field 'name'"),
            ("version", "'version' must be a string, not the number 2"),
            ("sets", "a plugin ships at least one set"),
        });
        problems.Single(p => p.Field == "version").Should().Match<Problem>(p => p.Line == 3 && p.Column > 1 && p.File == "plugin.json");
    }

    [Fact]
    public void What_only_the_schema_states_is_refused_in_clear_words()
    {
        var (_, problems) = Read("""{ "id": "vn.x", "name": "x", "version": "1", "publisher": "p", "sets": [""] }""");
        var p = problems.Should().ContainSingle().Which;
        p.Message.Should().Be("'sets[0]' must not be empty");
        p.Field.Should().Be("sets[0]");
        p.Line.Should().Be(1);
    }

    [Fact]
    public void A_manifest_that_is_not_an_object_gives_no_manifest()
    {
        var (m, problems) = Read("[1, 2]");
        m.Should().BeNull();
        problems.Should().ContainSingle().Which.Message.Should().Be("plugin.json must be a JSON object");
    }

    [Fact]
    public void ReadFolder_refuses_a_folder_without_a_manifest_and_a_manifest_with_errors()
    {
        var empty = Directory.CreateTempSubdirectory("ntm-manifest-").FullName;
        var missing = () => PluginManifest.ReadFolder(empty);
        missing.Should().Throw<PluginException>().Which.Problems.Single().Message.Should().Be("not a plugin folder: no plugin.json");

        var broken = () => PluginManifest.ReadFolder(Folder("""{ "id": "Vn_X", "name": "x", "version": "1", "publisher": "p", "sets": ["a.json"] }"""));
        broken.Should().Throw<PluginException>().Which.Problems.Single().Message
            .Should().Be("plugin id \"Vn_X\" must be lowercase ASCII words separated by dots, e.g. vn.thanh-hoa.2022-2025");
    }

    [Fact]
    public void PeekId_gives_the_claimed_id_without_checking_and_null_when_unreadable()
    {
        PluginManifest.PeekId(Folder("""{ "id": "vn.x" }""")).Should().Be("vn.x");
        PluginManifest.PeekId(Folder("{ not json")).Should().BeNull();
        PluginManifest.PeekId(Directory.CreateTempSubdirectory("ntm-manifest-").FullName).Should().BeNull();
    }

    [Fact]
    public void Peek_reads_what_it_can_without_reporting()
    {
        var m = PluginManifest.Peek(Folder("""{ "id": "vn.x", "version": 3, "sets": ["a.json", 5, "b.json"] }"""));
        m.Should().NotBeNull();
        m!.Id.Should().Be("vn.x");
        m.Version.Should().BeEmpty();
        m.SetFiles.Should().Equal("a.json", "b.json");
        PluginManifest.Peek(Folder("[]")).Should().BeNull();
    }

    [Fact]
    public void ToJson_writes_the_fields_in_the_order_every_generated_manifest_has()
    {
        var json = new PluginManifest("vn.x", "Tên", "1.0.0", "Sở", ["sets/a.json"]).ToJson();
        json.Properties().Select(p => p.Name).Should().Equal("id", "name", "version", "publisher", "sets");
        var problems = new List<Problem>();
        var path = Path.Combine(Folder(json.ToString()), PluginManifest.FileName);
        PluginManifest.Read(path, null, problems).Should().BeEquivalentTo(new PluginManifest("vn.x", "Tên", "1.0.0", "Sở", ["sets/a.json"]));
        problems.Should().BeEmpty();
    }
}

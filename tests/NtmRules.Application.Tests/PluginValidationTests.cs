using System.Text.Json.Nodes;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;

namespace NtmRules.Application.Tests;

public sealed class PluginValidationTests : IDisposable
{
    private readonly string _root = Repo.TempFolder("ntm-app-validate");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name, string? manifest)
    {
        var dir = Path.Combine(_root, name);
        Directory.CreateDirectory(dir);
        if (manifest is not null) File.WriteAllText(Path.Combine(dir, "plugin.json"), manifest);
        return dir;
    }

    private PluginInfo Candidate(string id) => new(id, "Thử", "1.1.0", "UBND tỉnh", Path.Combine(_root, "candidate"), "hash");

    [Fact]
    public void An_installed_plugin_with_the_candidates_id_is_a_warning_naming_its_folder_and_version()
    {
        var installed = Path.Combine(_root, "installed");
        var same = Folder(Path.Combine("installed", "b-same"), """{ "id": "vn.thu", "version": "1.0.0", "name": "x", "publisher": "y", "sets": [] }""");
        Folder(Path.Combine("installed", "a-other"), """{ "id": "vn.khac", "version": "2.0.0" }""");
        Folder(Path.Combine("installed", "c-broken"), "{ not json");
        Folder(Path.Combine("installed", "d-empty"), null);
        Folder(Path.Combine("installed", "e-number-id"), """{ "id": 5 }""");

        var problems = PluginValidator.SameIdInstalled(Candidate("vn.thu"), installed).ToArray();

        var warning = problems.Should().ContainSingle().Subject;
        warning.Severity.Should().Be(Severity.Warning);
        warning.Field.Should().Be("id");
        warning.File.Should().Be(Path.Combine(_root, "candidate", "plugin.json"));
        warning.Message.Should().StartWith($"an installed plugin has the same id \"vn.thu\": {same} (version 1.0.0); it was left out");
    }

    [Fact]
    public void The_candidates_own_folder_and_a_missing_plugins_folder_say_nothing()
    {
        var installed = Path.Combine(_root, "installed");
        Directory.CreateDirectory(installed);
        var candidate = Candidate("vn.thu") with { Folder = Folder(Path.Combine("installed", "candidate"), """{ "id": "vn.thu", "version": "1.1.0" }""") };
        PluginValidator.SameIdInstalled(candidate, installed).Should().BeEmpty();
        PluginValidator.SameIdInstalled(candidate, Path.Combine(_root, "none")).Should().BeEmpty();
    }

    [Fact]
    public void The_kernels_manifest_peek_reads_identity_leniently()
    {
        var dir = Folder("p", """{ "id": "vn.thu", "name": "Thử", "version": "1.0.0", "publisher": "UBND", "sets": ["sets/a.json", 3] }""");
        PluginManifest.Peek(dir).Should().BeEquivalentTo(new PluginManifest("vn.thu", "Thử", "1.0.0", "UBND", ["sets/a.json"]));
        PluginManifest.Peek(Folder("q", "[1]")).Should().BeNull();
        PluginManifest.Peek(Folder("r", null)).Should().BeNull();
    }

    [Fact]
    public void The_bundled_national_plugin_validates_against_the_other_bundled_plugins_and_its_json_has_the_one_problem_shape()
    {
        var candidate = Path.Combine(_root, "NtmRules.Plugins.Qd318");
        Repo.CopyFolder(Path.Combine(Repo.Plugins, "NtmRules.Plugins.Qd318"), candidate);
        var host = PluginHost.LoadCandidate(candidate, Repo.Plugins, [Repo.Templates]);

        var validation = PluginValidator.Validate(host, Repo.Plugins);

        validation.Valid.Should().BeTrue(string.Join("\n", validation.Problems));
        validation.Problems.Should().Contain(p => p.Field == "id" && p.Message.StartsWith("an installed plugin has the same id \"vn.qd318\""),
            "the bundled copy is installed beside it");
        using var json = new MemoryStream();
        PluginValidationJson.Write(validation, json);
        var doc = JsonNode.Parse(json.ToArray())!;
        ((string)doc["format"]!).Should().Be("ntm.plugin-validation/2");
        ((bool)doc["valid"]!).Should().BeTrue();
        ((int)doc["warnings"]!).Should().Be(validation.Warnings);
        doc["sets"]!.AsArray().Select(s => (string)s!).Should().Contain(Repo.XaNtm);
        var problem = doc["problems"]!.AsArray().Select(p => p!.AsObject()).First(p => (string?)p["field"] == "id");
        problem.Select(kv => kv.Key).Should().Equal("severity", "message", "file", "line", "column", "field", "text");
        json.ToArray()[^1].Should().Be((byte)'\n');
    }
}

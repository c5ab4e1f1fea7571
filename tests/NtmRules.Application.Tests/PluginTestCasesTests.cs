using NtmRules.Kernel.Loading;

namespace NtmRules.Application.Tests;

public sealed class PluginTestCasesTests : IDisposable
{
    private readonly string _root = Repo.TempFolder("ntm-app-cases");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Every_problem_of_every_case_file_is_reported_located()
    {
        var plugin = Path.Combine(_root, "NtmRules.Plugins.Qd318");
        Repo.CopyFolder(Path.Combine(Repo.Plugins, "NtmRules.Plugins.Qd318"), plugin);
        var tests = Path.Combine(plugin, PluginTestCases.Folder);
        File.WriteAllText(Path.Combine(tests, "a-malformed" + PluginTestCases.Suffix), "{ \"format\": ");
        File.WriteAllText(Path.Combine(tests, "b-wrong" + PluginTestCases.Suffix), """
            {
              "format": "ntm.plugin-test/0",
              "name": "sai",
              "set": "vn.qd318.khong-co",
              "data": "../../ngoai.json",
              "expect": { "99.9": "dat", "1.1": "tot" }
            }
            """);
        var host = PluginHost.LoadCandidate(plugin, null, [Repo.Templates]);

        var problems = PluginTestCases.Check(host.Candidate!, host).Where(p => Path.GetFileName(p.File!).StartsWith("a-") || Path.GetFileName(p.File!).StartsWith("b-")).ToArray();

        problems.Should().HaveCount(5);
        problems[1].Message.Should().Be("'format' must be \"ntm.plugin-test/1\"");
        problems[2].Message.Should().StartWith("set \"vn.qd318.khong-co\" is neither in this plugin (").And.Contain("vn.qd318.xa-ntm").And.EndWith(") nor installed");
        problems[3].Message.Should().Be("data file \"../../ngoai.json\" must be inside the plugin folder");
        problems[4].Message.Should().StartWith("status must be one of ").And.Contain("chua-dat");
        problems[4].Field.Should().Be("expect['1.1']");
        problems[0].Message.Should().StartWith("malformed JSON: ");
        problems[1].Line.Should().Be(2);
        problems[1].Field.Should().Be("format");
    }
}

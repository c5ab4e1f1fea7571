using System.Diagnostics;

namespace NtmRules.Cli.Tests;

/// <summary>
/// Hostile-input suite, drafting part, end to end (issue 16): #16.12 a plugin template that doubles a
/// string 9.000 times is refused by <c>ntm plugin validate</c> and by <c>ntm draft</c> in seconds,
/// naming the template; #16.21 <c>draft --out x.docx</c> twice gives the same bytes.
/// </summary>
public class HostileTemplateCliTests
{
    private const string Doubling = "{{ s = 'ab'; for i in 1..9000; s = s + s; end; s | string.size }}";

    private static string PluginWithTemplate(string text, out string pluginsRoot)
    {
        pluginsRoot = Cli.TempPluginsFolder();
        var plugin = Cli.CopyPlugin("NtmRules.Plugins.Qd318", pluginsRoot);
        Directory.CreateDirectory(Path.Combine(plugin, "templates"));
        File.WriteAllText(Path.Combine(plugin, "templates", "indicator.md.scriban"), text);
        return plugin;
    }

    [Fact]
    public void _16_12_plugin_validate_refuses_a_template_doubling_a_string_naming_the_file()
    {
        var plugin = PluginWithTemplate(Doubling, out _);
        var watch = Stopwatch.StartNew();
        var r = Cli.Run("plugin", "validate", plugin, "--allow-unsigned");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stdout.Should().MatchRegex(@"indicator\.md\.scriban\(1,\d+\): error: .*template failed");
    }

    [Fact]
    public void _16_12_draft_with_such_a_template_ends_quickly_with_the_plugin_problem_code()
    {
        PluginWithTemplate(Doubling, out var root);
        var watch = Stopwatch.StartNew();
        var r = Cli.Run("draft", "--plugins", root, "--allow-unsigned", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stderr.Should().Contain("indicator.md.scriban").And.Contain("template failed");
    }

    [Fact]
    public void _16_21_draft_out_docx_twice_gives_the_same_bytes()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ntm-docx-" + Guid.NewGuid().ToString("N"));
        var first = Cli.Run("draft", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json", "--out", Path.Combine(dir, "a.docx"));
        first.ExitCode.Should().Be(0, first.ToString());
        Thread.Sleep(2100); // past the two-second resolution of zip entry times
        var second = Cli.Run("draft", "--set", "vn.qd318.xa-ntm", "--data", "samples/cam-thanh-2023.json", "--out", Path.Combine(dir, "b.docx"));
        second.ExitCode.Should().Be(0, second.ToString());
        File.ReadAllBytes(Path.Combine(dir, "b.docx")).Should().Equal(File.ReadAllBytes(Path.Combine(dir, "a.docx")));
    }
}

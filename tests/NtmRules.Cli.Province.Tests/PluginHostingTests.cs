namespace NtmRules.Cli.Tests;

/// <summary>End-to-end: plugin discovery and refusal, through the built CLI and real plugin folders.</summary>
public class PluginHostingTests
{
    private const string Qd318 = "NtmRules.Plugins.Qd318";

    [Fact]
    public void Built_plugin_folder_loads_next_to_the_cli()
    {
        var r = Cli.Run("plugins", "--lang", "vi");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("vn.qd318.xa-ntm").And.Contain("vn.qd318.xa-ntm-nang-cao").And.Contain("đã nạp").And.Contain("318/QĐ-TTg");
        var en = Cli.Run("plugins", "--lang", "en");
        en.Stdout.Should().Contain("Plugin folder: ").And.Contain("loaded").And.Contain("318/QĐ-TTg").And.NotContain("đã nạp");
    }

    [Fact]
    public void Unconfirmed_thresholds_are_listed_with_their_state_and_each_set_counts_its_states()
    {
        var r = Cli.Run("plugins", "--unverified", "--lang", "vi");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("Ngưỡng chưa được xác nhận").And.MatchRegex(@"\d+ ngưỡng chưa được xác nhận bằng trích dẫn văn bản")
            .And.Contain("giả định").And.Contain("theo văn bản áp dụng");
        System.Text.RegularExpressions.Regex.Replace(r.Stdout, @"[\s│]+", " ").Should().MatchRegex(@"ngưỡng: \d+ đã xác nhận, \d+ theo văn bản áp dụng, \d+ giả định");
    }

    [Fact]
    public void A_broken_plugin_is_reported_and_the_others_still_load()
    {
        var dir = Cli.TempPluginsFolder();
        Cli.CopyPlugin(Qd318, dir);
        Directory.CreateDirectory(Path.Combine(dir, "Junk"));
        File.WriteAllText(Path.Combine(dir, "Junk", "Junk.dll"), "this is not an assembly");

        var list = Cli.Run("plugins", "--plugins", dir, "--allow-unsigned");
        list.ExitCode.Should().Be(3, list.ToString());
        list.Stdout.Should().Contain("Junk").And.Contain("was refused").And.Contain("cannot load the plugin assembly").And.Contain("vn.qd318.xa-ntm");

        var eval = Cli.Run("evaluate", "--plugins", dir, "--allow-unsigned", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"));
        eval.ExitCode.Should().Be(0, eval.ToString());
        eval.Stderr.Should().Contain("plugin Junk refused");
    }

    [Fact]
    public void A_plugin_with_a_broken_rule_is_refused_with_file_and_rule()
    {
        var dir = Cli.TempPluginsFolder();
        var plugin = Cli.CopyPlugin(Qd318, dir);
        var workflow = Path.Combine(plugin, "rules", "xa-ntm.json");
        var text = File.ReadAllText(workflow);
        var broken = text.Replace("actual >= threshold", "actual >= threshold &&", StringComparison.Ordinal);
        broken.Should().NotBe(text, "the workflow has at least one '>=' rule to break");
        File.WriteAllText(workflow, broken);

        var r = Cli.Run("evaluate", "--plugins", dir, "--allow-unsigned", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"));
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stderr.Should().Contain("xa-ntm.json").And.Contain("does not compile").And.Contain("refused at load");
    }

    [Fact]
    public void A_plugin_folder_without_its_manifest_is_refused()
    {
        var dir = Cli.TempPluginsFolder();
        var plugin = Cli.CopyPlugin(Qd318, dir);
        File.Delete(Path.Combine(plugin, "plugin.json"));
        var r = Cli.Run("plugins", "--plugins", dir, "--allow-unsigned");
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stdout.Should().Contain("plugin.json").And.Contain("neither a plugin assembly");
    }

    [Fact]
    public void Environment_variable_overrides_the_default_folder()
    {
        var empty = Cli.TempPluginsFolder();
        var r = Cli.Run(["evaluate", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json")],
            new Dictionary<string, string?> { ["NTM_PLUGINS"] = empty });
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("unknown criteria set \"vn.qd318.xa-ntm\"").And.Contain("Known sets: none");
    }

    [Fact]
    public void Missing_plugin_folder_is_a_plugin_problem()
    {
        var r = Cli.Run("plugins", "--plugins", "/nonexistent/ntm-plugins");
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stderr.Should().Contain("plugin folder does not exist");
    }
}

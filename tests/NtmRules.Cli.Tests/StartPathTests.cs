namespace NtmRules.Cli.Tests;

/// <summary>
/// A line that starts with a command's name is parsed with only that command built (the cold start);
/// its help and errors must be those of the full command line, which a line starting with an option
/// still gets, and every other line lists every command.
/// </summary>
public class StartPathTests
{
    private static readonly string[] Commands =
        ["plugins", "plugin", "measures", "evaluate", "trace", "draft", "form", "batch", "history", "verify", "compare", "bench", "trust", "serve", "users"];

    /// <summary>The names under "Commands:" in a help text, in order.</summary>
    private static List<string> Listed(string help)
    {
        var lines = help.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var start = Array.IndexOf(lines, "Commands:");
        return start < 0 ? [] : lines.Skip(start + 1).TakeWhile(l => l.Length > 0)
            .Where(l => l.Length > 2 && l[2] != ' ').Select(l => l[2..].Split(' ')[0]).ToList();
    }

    [Fact]
    public void Help_of_ntm_itself_and_of_a_mistyped_command_list_every_command()
    {
        foreach (var args in new[] { new[] { "--help", "--lang", "en" }, ["evalute", "--help", "--lang", "en"], ["--lang", "en", "--help"] })
        {
            var r = Cli.Run(args);
            r.ExitCode.Should().Be(0, r.ToString());
            Listed(r.Stdout).Should().Equal(Commands, string.Join(' ', args));
        }
    }

    [Fact]
    public void A_mistyped_command_is_refused_naming_it()
    {
        var r = Cli.Run("evalute", "--set", "x", "--lang", "en");
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("Unrecognized command or argument 'evalute'").And.Contain("Run 'ntm --help' for usage.");
    }

    [Fact]
    public void Each_command_named_first_has_the_help_and_the_errors_of_the_full_command_line()
    {
        foreach (var name in Commands)
        {
            // An option before the command's name makes ntm build every command: the full command line to compare with.
            Cli.Run(name, "--help", "--lang", "en").Should().Be(Cli.Run("--lang", "en", name, "--help"), name);
            var alone = Cli.Run(name, "--no-such-option", "--lang", "en");
            alone.ExitCode.Should().Be(2, alone.ToString());
            alone.Should().Be(Cli.Run("--lang", "en", name, "--no-such-option"), name);
        }
    }

    [Fact]
    public void With_the_cache_on_a_plugin_whose_templates_changed_is_checked_again_and_refused_when_broken()
    {
        var cache = Path.Combine(Path.GetTempPath(), "ntm-cache-" + Guid.NewGuid().ToString("N"));
        var plugins = Cli.TempPluginsFolder();
        try
        {
            var qd318 = Cli.CopyPlugin("NtmRules.Plugins.Qd318", plugins);
            var env = new Dictionary<string, string?> { ["NTM_CACHE"] = cache };
            string[] measures = ["measures", "--allow-unsigned", "--plugins", plugins, "--set", "vn.qd318.xa-ntm", "--lang", "en"];

            var first = Cli.Run(measures, env);
            first.ExitCode.Should().Be(0, first.ToString());
            Directory.GetFiles(Path.Combine(cache, "passes")).Should().NotBeEmpty();
            Cli.Run(measures, env).Should().Be(first);

            var template = Path.Combine(qd318, "templates", "indicator.md.scriban");
            File.WriteAllText(template, "{{ if indicator.code }}\n");
            var broken = Cli.Run(measures, env);
            broken.ExitCode.Should().Be(3, broken.ToString());
            broken.Stderr.Should().Contain("does not parse");
            Cli.Run(measures, env).Should().Be(broken, "a refusal is never recorded");

            File.Delete(template);
            Cli.Run(measures, env).Should().Be(first);
        }
        finally
        {
            // The entry point left this run's cache set for the process: the next run sets its own, and meanwhile none.
            NtmRules.Kernel.Loading.FormatSchemas.PassCache = null;
            Directory.Delete(plugins, recursive: true);
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }
}

namespace NtmRules.Cli.Tests;

/// <summary>
/// Every command's --help ends with examples, described in the session's language (the command lines stay as
/// typed), and is shown even though its required options are missing.
/// </summary>
public class HelpExamplesTests
{
    /// <summary>The headings of one language's help.</summary>
    private sealed record Headings(string Examples, string Commands);

    private static readonly Dictionary<string, Headings> HeadingsOf = new(StringComparer.Ordinal)
    {
        ["vi"] = new("Ví dụ:", "Lệnh:"),
        ["en"] = new("Examples:", "Commands:"),
    };

    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public void Every_command_shows_examples_of_itself_in_its_help(string language)
    {
        var examples = ExamplesOfEveryCommand(language);
        examples.Keys.Should().Contain(["", "evaluate", "batch", "history", "plugin new", "trust add", "bench", "serve", "users add"]);
        foreach (var (path, lines) in examples.Where(e => e.Key.Length > 0))
            lines.Should().Contain(e => e.CommandLine == $"  ntm {path}" || e.CommandLine.StartsWith($"  ntm {path} ", StringComparison.Ordinal), $"'ntm {path}' shows itself in use");
    }

    /// <summary>
    /// The two languages show the same command lines under each command; each description differs, and the English
    /// ones hold no Vietnamese words beyond the place names and decision numbers an example types.
    /// </summary>
    [Fact]
    public void Examples_are_described_in_the_language_asked_for_with_the_same_command_lines()
    {
        var vi = ExamplesOfEveryCommand("vi");
        var en = ExamplesOfEveryCommand("en");
        en.Keys.Should().BeEquivalentTo(vi.Keys);
        foreach (var (path, viExamples) in vi)
        {
            var enExamples = en[path];
            enExamples.Select(e => e.CommandLine).Should().Equal(viExamples.Select(e => e.CommandLine), $"'ntm {path} --help' types the same commands");
            foreach (var (v, e) in viExamples.Zip(enExamples))
            {
                e.Description.Should().NotBe(v.Description, $"the example '{e.CommandLine}' is described in English");
                VietnameseLetters.In(e.Description, "Lạng Sơn", "Thanh Hóa", "QĐ").Should().BeEmpty($"'{e.Description}' is English");
            }
        }
    }

    [Fact]
    public void Examples_are_described_in_Vietnamese_by_the_installed_program()
    {
        // One real process: the help an officer sees from the built ntm, in its default language.
        var r = Cli.RunProcess(["batch", "--help"], Cli.ProductDefault());
        r.Stdout.Should().Contain("Ví dụ:\n  ntm batch --set vn.qd318.xa-ntm --data huyen.csv --out ket-qua\n      đánh giá mọi xã trong bảng, lập báo cáo tổng hợp\n");
    }

    [Fact]
    public void Examples_are_described_in_English_on_request()
    {
        var r = Help("en", "batch");
        r.Stdout.Should().Contain("Examples:\n  ntm batch --set vn.qd318.xa-ntm --data huyen.csv --out ket-qua\n      evaluate every commune in the table and write a summary report\n");
    }

    /// <summary>One example as the help shows it: its command line (two spaces in) and the description under it.</summary>
    private sealed record Example(string CommandLine, string Description);

    /// <summary>Walks the help from <c>ntm --help</c> down through every subcommand: each command's examples, by path.</summary>
    private static Dictionary<string, List<Example>> ExamplesOfEveryCommand(string language)
    {
        var headings = HeadingsOf[language];
        var found = new Dictionary<string, List<Example>>(StringComparer.Ordinal);
        var pending = new Queue<string>([""]);
        while (pending.TryDequeue(out var path))
        {
            var r = Help(language, path);
            r.ExitCode.Should().Be(0, r.ToString());
            r.Stderr.Should().BeEmpty("help needs no other option: " + r);
            found[path] = ExamplesIn(r.Stdout, headings.Examples) ?? throw new Xunit.Sdk.XunitException($"no examples in 'ntm {path} --help --lang {language}':\n{r}");
            foreach (var sub in Subcommands(r.Stdout, headings.Commands)) pending.Enqueue((path + " " + sub).Trim());
        }
        return found;
    }

    /// <summary>
    /// <c>ntm PATH --help --lang LANGUAGE</c> in this process, whatever the command: help runs no command, so even
    /// serve and users (whose other command lines <see cref="Cli.Run(string[])"/> starts as processes) can be asked here.
    /// </summary>
    private static Cli.Result Help(string language, string path) =>
        InProcess.Run([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help", "--lang", language], null, Cli.RepoRoot);

    private static List<Example>? ExamplesIn(string help, string heading)
    {
        var lines = help.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var start = Array.IndexOf(lines, heading);
        if (start < 0) return null;
        var section = lines.Skip(start + 1).TakeWhile(l => l.Length > 0).ToList();
        var examples = new List<Example>();
        for (var i = 0; i < section.Count; i++)
        {
            if (!section[i].StartsWith("  ntm", StringComparison.Ordinal)) continue;
            var description = i + 1 < section.Count && section[i + 1].StartsWith("      ", StringComparison.Ordinal) ? section[i + 1].Trim() : "";
            examples.Add(new Example(section[i], description));
        }
        examples.Should().NotBeEmpty($"the '{heading}' section lists examples");
        examples.Should().OnlyContain(e => e.Description.Length > 0, "each example says what it does");
        return examples;
    }

    /// <summary>The names listed under "Lệnh:" (System.CommandLine's "Commands:") (one per line, two spaces in; wrapped descriptions are indented further).</summary>
    internal static IEnumerable<string> Subcommands(string help, string heading = "Lệnh:")
    {
        var lines = help.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var start = Array.IndexOf(lines, heading);
        if (start < 0) yield break;
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => l.Length > 0))
        {
            if (line.StartsWith("  ", StringComparison.Ordinal) && line.Length > 2 && line[2] != ' ') yield return line[2..].Split(' ')[0];
        }
    }
}

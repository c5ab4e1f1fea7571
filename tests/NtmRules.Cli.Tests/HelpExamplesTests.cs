namespace NtmRules.Cli.Tests;

/// <summary>Every command's --help ends with Vietnamese examples, and is shown even though its required options are missing.</summary>
public class HelpExamplesTests
{
    [Fact]
    public void Every_command_shows_examples_of_itself_in_its_help()
    {
        var paths = new List<string>();
        var pending = new Queue<string>([""]);
        while (pending.TryDequeue(out var path))
        {
            var args = path.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(["--help", "--lang", "vi"]).ToArray();
            var r = Cli.Run(args);
            r.ExitCode.Should().Be(0, r.ToString());
            r.Stderr.Should().BeEmpty("help needs no other option: " + r);
            var examples = r.Stdout[(r.Stdout.IndexOf("\nVí dụ:\n", StringComparison.Ordinal) is var at and >= 0 ? at : throw new Xunit.Sdk.XunitException($"no examples in 'ntm {path} --help':\n{r}"))..];
            var exampleLines = examples.Split('\n').Where(l => l.StartsWith("  ntm ", StringComparison.Ordinal)).ToList();
            exampleLines.Should().NotBeEmpty();
            if (path.Length > 0) exampleLines.Should().Contain(l => l == $"  ntm {path}" || l.StartsWith($"  ntm {path} ", StringComparison.Ordinal), $"'ntm {path}' shows itself in use");
            paths.Add(path);
            foreach (var sub in Subcommands(r.Stdout)) pending.Enqueue((path + " " + sub).Trim());
        }
        paths.Should().Contain(["evaluate", "batch", "history", "plugin new", "trust add"]);
    }

    [Fact]
    public void Examples_are_described_in_Vietnamese()
    {
        var r = Cli.RunProcess(["batch", "--help", "--lang", "vi"]);
        r.Stdout.Should().Contain("Ví dụ:\n  ntm batch --set vn.qd318.xa-ntm --data huyen.csv --out ket-qua\n      đánh giá mọi xã trong bảng, lập báo cáo tổng hợp\n");
    }

    /// <summary>The names listed under "Lệnh:" (System.CommandLine's "Commands:") (one per line, two spaces in; wrapped descriptions are indented further).</summary>
    internal static IEnumerable<string> Subcommands(string help)
    {
        var lines = help.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var start = Array.IndexOf(lines, "Lệnh:");
        if (start < 0) yield break;
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => l.Length > 0))
        {
            if (line.StartsWith("  ", StringComparison.Ordinal) && line.Length > 2 && line[2] != ' ') yield return line[2..].Split(' ')[0];
        }
    }
}

using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli;

/// <summary>
/// Writes a command's help in the session's language: description, usage, arguments, options, subcommands
/// and the command's examples (<see cref="CommandExamples"/>). System.CommandLine's own help builder is
/// internal and English-only, so ntm lays the same sections out itself.
/// </summary>
internal sealed class HelpWriter(CommandLineTexts library)
{
    private const int Indent = 2;
    private const int MaxFirstColumn = 36;

    /// <summary>Writes the help of <paramref name="command"/>, reached by <paramref name="path"/> ("plugin new"), to <paramref name="output"/>.</summary>
    public void Write(Command command, string path, TextWriter output, int width)
    {
        if (!string.IsNullOrWhiteSpace(command.Description)) Section(output, library.Get("HelpDescriptionTitle"), [Pad(command.Description)]);
        Section(output, library.Get("HelpUsageTitle"), [Pad(Usage(command, path))]);
        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => (Argument(a), a.Description ?? "")).ToList();
        if (arguments.Count > 0) Section(output, library.Get("HelpArgumentsTitle"), Columns(arguments, width));
        var options = VisibleOptions(command).Select(o => (OptionColumn(o), OptionDescription(o))).ToList();
        if (options.Count > 0) Section(output, library.Get("HelpOptionsTitle"), Columns(options, width));
        var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => (SubcommandColumn(c), c.Description ?? "")).ToList();
        if (subcommands.Count > 0) Section(output, library.Get("HelpCommandsTitle"), Columns(subcommands, width));
        var examples = CommandExamples.For(path);
        if (examples.Count > 0) Section(output, Texts.HelpExamplesTitle, examples.SelectMany(e => new[] { Pad(e.CommandLine), Pad(e.Description, 3 * Indent) }));
    }

    private static void Section(TextWriter output, string title, IEnumerable<string> lines)
    {
        output.WriteLine(title);
        foreach (var line in lines) output.WriteLine(line);
        output.WriteLine();
    }

    private string Usage(Command command, string path)
    {
        var parts = new List<string> { ("ntm " + path).TrimEnd() };
        parts.AddRange(command.Arguments.Where(a => !a.Hidden).Select(Argument));
        if (command.Subcommands.Any(c => !c.Hidden)) parts.Add(library.Get("HelpUsageCommand"));
        if (VisibleOptions(command).Any()) parts.Add(library.Get("HelpUsageOptions"));
        return string.Join(' ', parts);
    }

    /// <summary>The command's own options, then the recursive options of the commands above it, as System.CommandLine shows them.</summary>
    private static IEnumerable<Option> VisibleOptions(Command command)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (Symbol? s = command; s is Command c; s = c.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var o in c.Options.Where(o => !o.Hidden && (ReferenceEquals(c, command) || o.Recursive)))
            {
                if (seen.Add(o.Name)) yield return o;
            }
        }
    }

    private static string Argument(Argument argument) => $"<{argument.HelpName ?? argument.Name}>";

    private static string SubcommandColumn(Command command) =>
        string.Join(' ', new[] { command.Name }.Concat(command.Arguments.Where(a => !a.Hidden).Select(Argument)));

    private string OptionColumn(Option option)
    {
        var names = string.Join(", ", option.Aliases.Append(option.Name).Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal));
        var value = TakesValue(option) ? " " + ValueLabel(option) : "";
        var required = option.Required ? " " + library.Get("HelpOptionsRequiredLabel") : "";
        return names + value + required;
    }

    private string OptionDescription(Option option)
    {
        var description = option is HelpOption ? library.Get("HelpOptionDescription")
            : option is VersionOption ? library.Get("VersionOptionDescription")
            : option.Description ?? "";
        if (!option.HasDefaultValue || !TakesValue(option)) return description;
        var value = option.GetDefaultValue();
        return value is null or "" ? description : $"{description} {string.Format(Texts.Culture, Texts.HelpDefaultValue, value)}".Trim();
    }

    private static bool TakesValue(Option option) =>
        option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool) && option.ValueType != typeof(bool?);

    private static string ValueLabel(Option option)
    {
        if (option.HelpName is { } name) return $"<{name}>";
        var choices = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        return choices.Count > 0 ? $"<{string.Join('|', choices)}>" : $"<{option.Name.TrimStart('-')}>";
    }

    private static string Pad(string text, int indent = Indent) => new string(' ', indent) + text;

    /// <summary>Two columns: names padded to a common width (at most <see cref="MaxFirstColumn"/>), descriptions wrapped to <paramref name="width"/>.</summary>
    private static IEnumerable<string> Columns(IReadOnlyList<(string First, string Second)> rows, int width)
    {
        var first = Math.Min(MaxFirstColumn, rows.Max(r => r.First.Length));
        var secondStart = Indent + first + Indent;
        var secondWidth = Math.Max(30, width - secondStart);
        foreach (var (name, description) in rows)
        {
            var lines = Wrap(description, secondWidth).ToList();
            if (name.Length > first)
            {
                yield return Pad(name);
                foreach (var l in lines) yield return new string(' ', secondStart) + l;
                continue;
            }
            yield return (Pad(name.PadRight(first)) + new string(' ', Indent) + lines.FirstOrDefault()).TrimEnd();
            foreach (var l in lines.Skip(1)) yield return new string(' ', secondStart) + l;
        }
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}

/// <summary>The help option's action: <see cref="HelpWriter"/> on the command asked about.</summary>
internal sealed class LocalizedHelpAction(HelpWriter writer) : SynchronousCommandLineAction
{
    /// <summary>Help clears the other parse errors ("ntm evaluate --help" lacks --set and --data).</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var width = Console.IsOutputRedirected ? 100 : Math.Max(60, Console.WindowWidth);
        writer.Write(command, CommandExamples.PathOf(parseResult.CommandResult), parseResult.InvocationConfiguration.Output, width);
        return 0;
    }
}

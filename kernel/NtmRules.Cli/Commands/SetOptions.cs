using System.Globalization;
using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Application;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>--set</c>, or what stands for it when it is left out: <c>--province</c>, <c>--level</c> and,
/// for commands without a data file (measures, form) or with many (batch), <c>--on</c>. The choice
/// itself is <see cref="SetChooser"/>'s and <see cref="SetSelector"/>'s.
/// </summary>
internal sealed class SetOptions(bool withDate)
{
    public Option<string?> Set { get; } = new("--set") { Description = RunMessages.SetOptionDescription };

    public Option<string?> Province { get; } = new("--province") { Description = RunMessages.ProvinceOptionDescription };

    public Option<string?> Level { get; } = CreateLevelOption();

    public Option<string?> On { get; } = new("--on") { Description = RunMessages.OnOptionDescription };

    public void AddTo(Command command)
    {
        command.Options.Add(Set);
        command.Options.Add(Province);
        command.Options.Add(Level);
        if (withDate) command.Options.Add(On);
    }

    /// <summary>The choice the options make (with --set, the others are not read).</summary>
    public SetChoice Choice(ParseResult parse) => parse.GetValue(Set) is { } id ? SetChoice.Named(id) : new(
        null,
        parse.GetValue(Province),
        Levels.TryParse(parse.GetValue(Level), out var l) ? l : SetChooser.DefaultLevel,
        withDate && parse.GetValue(On) is { } on ? PluginsCommand.OnDate(on) : null);

    /// <summary>The set named by --set, or chosen for the commune of <paramref name="dataPath"/> (when given) or for --province and --on.</summary>
    public CompiledCriteriaSet Resolve(ParseResult parse, PluginHost host, string? dataPath = null) =>
        SetResolver.Resolve(host, Choice(parse), Reporter.Instance, dataPath);

    private static Option<string?> CreateLevelOption()
    {
        var option = new Option<string?>("--level") { Description = MessageText.Format(RunMessages.LevelOptionDescription, string.Join(", ", Levels.Codes), SetChooser.DefaultLevel.Code()) };
        option.AcceptOnlyFromAmong([.. Levels.Codes]);
        return option;
    }

    /// <summary>The chosen set, said on standard error; or the candidates listed and exit 2 (bad input).</summary>
    internal sealed class Reporter : ISetChoiceReporter
    {
        public static Reporter Instance { get; } = new();

        public void Chosen(CriteriaSet set) =>
            Console.Error.WriteLine(MessageText.Format(RunMessages.SetChosen, set.Id, set.Decision.ReferenceIn(CultureInfo.CurrentUICulture), set.Effective.Text(CultureInfo.CurrentUICulture)));

        public Problem NoneChosen(SetSelection selection)
        {
            var hint = RunMessages.NoSetChosenHint;
            var lines = selection.CandidateLines.Select(l => "  - " + l).Append("  " + hint);
            return new Problem(Severity.Error, string.Join(Environment.NewLine, lines.Prepend(selection.Reason)), Field: "--set");
        }
    }
}

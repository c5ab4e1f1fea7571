using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Cli.Rendering;
using NtmRules.Kernel.Formatting;
using Spectre.Console;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm measures --set ID</c>: the figures a commune must report for a set.</summary>
internal static class MeasuresCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var set = new SetOptions(withDate: true);
        var command = new Command("measures", RunMessages.MeasuresDescription);
        set.AddTo(command);
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var host = CommandRunner.LoadPlugins(parse, pluginsOption);
            var compiled = set.Resolve(parse, host);
            var usedBy = compiled.Set.Indicators
                .SelectMany(i => compiled.MeasuresReadBy(i.Code).Select(k => (Key: k, i.Code)))
                .GroupBy(x => x.Key)
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(x => x.Code).Distinct()));
            var console = ConsoleFactory.Create();
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(MessageText.Format(RunMessages.MeasuresTitle, compiled.Set.Id)))
                .AddColumn(RunMessages.ColKey).AddColumn(RunMessages.ColContent).AddColumn(RunMessages.ColUnit).AddColumn(RunMessages.ColType)
                .AddColumn(RunMessages.ColRange).AddColumn(RunMessages.ColUsedBy);
            foreach (var m in compiled.Set.Measures)
            {
                var (lo, hi) = VietnameseFormat.EffectiveRange(m);
                table.AddRow(Markup.Escape(m.Key), Markup.Escape(m.Label), Markup.Escape(m.Unit), DisplayFormat.TypeName(m.Type),
                    Markup.Escape(string.Join("; ", new[] { DisplayFormat.Range(lo, hi), m.RelationText }.Where(t => t.Length > 0))),
                    Markup.Escape(usedBy.GetValueOrDefault(m.Key, "-")));
            }
            console.Write(table);
            console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.MeasuresCount, compiled.Set.Measures.Count)));
            if (compiled.Set.UsesGroups)
                console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.MeasuresGroups, Kernel.Domain.CommuneGroups.Accepted)
                    + (compiled.Set.Indicators.Any(i => i.Threshold.Values.Any(v => v.NeedsGroup)) ? RunMessages.MeasuresGroupsRequired : RunMessages.MeasuresGroupsOptional)));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}

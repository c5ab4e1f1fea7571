using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Intake.Thresholds;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin thresholds SET --out FILE.xlsx</c> exports the set's threshold figures for checking
/// against the decision (<see cref="ThresholdSheet"/>); <c>ntm plugin thresholds SET --apply FILE.xlsx
/// --out DIR</c> writes a new version of a data-only plugin with the checked figures confirmed
/// (<see cref="ThresholdApplier"/>), after validating it and running its test cases, and prints which
/// test-case verdicts change. The use case lives in NtmRules.Intake; the web set page calls the same code.
/// </summary>
internal static class PluginThresholdsCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var set = new Argument<string>("set") { Description = PluginMessages.SetIdArgumentDescription };
        var apply = new Option<string?>("--apply") { Description = PluginMessages.ThresholdsApplyDescription };
        var output = new Option<string>("--out") { Description = PluginMessages.ThresholdsOutDescription, Required = true };
        var command = new Command("thresholds", PluginMessages.ThresholdsDescription) { set, apply, output };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var host = CommandRunner.LoadPlugins(parse, pluginsOption);
            var setId = parse.GetValue(set)!;
            var outPath = parse.GetValue(output)!;
            if (parse.GetValue(apply) is not { } workbook)
            {
                var compiled = host.GetSet(setId);
                File.WriteAllBytes(outPath, ThresholdSheet.Export(compiled.Set));
                Console.WriteLine(MessageText.Format(PluginMessages.ThresholdsExported, MessageText.Count(compiled.Set.ThresholdFigures.Count()), setId,
                    SessionText.ProvenanceSummary(compiled.Set), outPath));
                return ExitCodes.Ok;
            }
            if (!File.Exists(workbook)) throw new InputException(new Problem(Severity.Error, PluginMessages.NoSuchWorkbook, workbook, Field: "--apply"));
            var result = await ThresholdApplier.ApplyAsync(host, setId, workbook, workbook, outPath,
                dir => CommandRunner.LoadCandidate(parse, pluginsOption, dir), cancel);
            Write(result);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(ThresholdApplyResult r)
    {
        Console.WriteLine(MessageText.Format(PluginMessages.ThresholdsApplied, r.PluginId, r.Version, r.SetId, r.Folder, r.Edits.Count));
        foreach (var e in r.Edits)
            Console.WriteLine("  " + MessageText.Format(PluginMessages.ThresholdsEdit, e.Row, e.Indicator.Code, SessionText.Place(e.Group, e.Region), MessageText.Date(e.Value.From),
                e.Indicator.Threshold.Operator.Symbol(), DisplayFormat.Value(e.NewValue, e.Indicator.ValueUnit), e.Location));
        Console.WriteLine(r.Changes.Count == 0
            ? MessageText.Format(PluginMessages.ThresholdsNoChange, r.Cases)
            : MessageText.Format(PluginMessages.ThresholdsChanged, r.Cases, r.Changes.Count));
        foreach (var c in r.Changes)
        {
            var change = MessageText.Format(PluginMessages.ThresholdsChange, c.File, c.Case, c.Code, SessionText.Status(c.Before), SessionText.Status(c.After));
            Console.WriteLine("  " + (c.After == c.Expected ? change : MessageText.Format(PluginMessages.ThresholdsCaseExpects, change, SessionText.Status(c.Expected))));
        }
        Console.WriteLine(MessageText.Format(PluginMessages.ThresholdsNext, r.Folder));
    }
}

using System.Globalization;
using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Intake.Annex;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin export SET --annex OUT.xlsx|.csv</c>: writes any installed set, inherited values
/// resolved, in the annex layout that <c>ntm plugin import</c> reads (<see cref="AnnexExporter"/>).
/// </summary>
internal static class PluginExportCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var set = new Argument<string>("set") { Description = PluginMessages.SetIdArgumentDescription };
        var annex = new Option<string>("--annex") { Description = PluginMessages.ExportAnnexDescription, Required = true };
        var command = new Command("export", PluginMessages.ExportDescription) { set, annex };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(() =>
        {
            var compiled = CommandRunner.LoadPlugins(parse, pluginsOption).GetSet(parse.GetValue(set)!);
            var path = parse.GetValue(annex)!;
            var s = compiled.Set;
            var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            if (!csv && !path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                throw new InputException(new Problem(Severity.Error, PluginMessages.ExportExtension, path, Field: "--annex"));
            File.WriteAllBytes(path, csv ? AnnexExporter.ToCsv(s) : AnnexExporter.ToXlsx(s));
            Console.WriteLine(MessageText.Format(PluginMessages.ExportWritten, s.Id, s.Criteria.Count, s.Indicators.Count, s.Measures.Count, path));
            if (csv)
                Console.WriteLine(MessageText.Format(PluginMessages.ExportCsvReimport, path, s.Decision.Number, s.Decision.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    s.Decision.Authority, Kernel.Domain.Levels.Code(s.Level)));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}

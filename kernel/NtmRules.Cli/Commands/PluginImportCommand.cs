using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Intake.Annex;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin import ANNEX.xlsx|.csv --id ID --decision "QĐ …" [--extends SET] --out DIR</c>: builds a
/// data-only plugin from a table laid out as decision annexes are (<see cref="AnnexImporter"/>, the one
/// implementation); every bad cell is reported by sheet, row and column and nothing is written (exit 2).
/// </summary>
internal static class PluginImportCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var annex = new Argument<string>("annex") { Description = PluginMessages.ImportAnnexDescription };
        var id = new Option<string>("--id") { Description = PluginMessages.ImportIdDescription, Required = true };
        var decision = new Option<string>("--decision") { Description = PluginMessages.ImportDecisionDescription, Required = true };
        var extends = new Option<string?>("--extends") { Description = PluginMessages.ImportExtendsDescription };
        var output = new Option<string>("--out") { Description = PluginMessages.ImportOutDescription, Required = true };
        var name = new Option<string?>("--name") { Description = PluginMessages.ImportNameDescription };
        var level = new Option<string?>("--level") { Description = PluginMessages.ImportLevelDescription };
        var date = new Option<string?>("--date") { Description = PluginMessages.ImportDateDescription };
        var authority = new Option<string?>("--authority") { Description = PluginMessages.ImportAuthorityDescription };
        var title = new Option<string?>("--title") { Description = PluginMessages.ImportTitleDescription };
        var to = new Option<string?>("--to") { Description = PluginMessages.ImportToDescription };
        var command = new Command("import", PluginMessages.ImportDescription)
        {
            annex, id, decision, extends, output, name, level, date, authority, title, to,
        };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var options = new AnnexOptions(parse.GetValue(id)!, parse.GetValue(decision)!)
            {
                Extends = parse.GetValue(extends), Name = parse.GetValue(name), Level = parse.GetValue(level), DecisionDate = parse.GetValue(date),
                Authority = parse.GetValue(authority), Title = parse.GetValue(title), EffectiveTo = parse.GetValue(to),
            };
            var installed = options.Extends is null ? null : CommandRunner.LoadPlugins(parse, pluginsOption, quiet: true);
            var file = parse.GetValue(annex)!;
            var schemas = Path.Combine(AppContext.BaseDirectory, "schemas");
            var r = await AnnexImporter.ImportAsync(installed, file, file, options, parse.GetValue(output)!, Directory.Exists(schemas) ? schemas : null,
                dir => CommandRunner.LoadCandidate(parse, pluginsOption, dir), cancel);
            Console.WriteLine(MessageText.Format(PluginMessages.ImportWritten, r.PluginId, r.SetId, r.Folder, r.Criteria, r.Indicators, r.Measures, r.Figures));
            Console.WriteLine(MessageText.Format(PluginMessages.ImportCases, r.Cases, r.Coverage.Covered, r.Coverage.Total));
            foreach (var s in r.Skipped) Console.WriteLine("  " + MessageText.Format(PluginMessages.ImportSkipped, s));
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, r.Folder);
            var shown = relative.StartsWith("..", StringComparison.Ordinal) ? r.Folder : relative;
            Console.WriteLine(MessageText.Format(PluginMessages.ImportNext, shown));
            return ExitCodes.Ok;
        }));
        return command;
    }
}

using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Intake.Annex;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin annex-template --period 2026-2030 --out F.xlsx</c>: the blank annex workbook of a period
/// (<see cref="AnnexTemplate"/>): the areas of the period's decision as headings, three group columns,
/// no indicator and no figure.
/// </summary>
internal static class PluginAnnexTemplateCommand
{
    public static Command Create()
    {
        var period = new Option<string>("--period") { Description = MessageText.Format(PluginMessages.AnnexPeriodDescription, string.Join(", ", AnnexTemplate.Periods)), Required = true };
        var output = new Option<string>("--out") { Description = PluginMessages.AnnexOutDescription, Required = true };
        var command = new Command("annex-template", PluginMessages.AnnexTemplateDescription) { period, output };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(() =>
        {
            var path = parse.GetValue(output)!;
            var name = parse.GetValue(period)!.Trim();
            File.WriteAllBytes(path, AnnexTemplate.ToXlsx(name));
            Console.WriteLine(MessageText.Format(PluginMessages.AnnexTemplateWritten, name, path, AnnexTemplate.Areas2026.Count));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}

using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Intake.Forms;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm form --set ID --out form.xlsx</c>: writes the fill-in workbook of a set.</summary>
internal static class FormCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var set = new SetOptions(withDate: true);
        var output = new Option<string>("--out") { Description = RunMessages.FormOutDescription, Required = true };
        var command = new Command("form", RunMessages.FormDescription) { output };
        set.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(() =>
        {
            var host = CommandRunner.LoadPlugins(parse, pluginsOption);
            var compiled = set.Resolve(parse, host);
            var path = parse.GetValue(output)!;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
            FormWriter.Write(compiled.Set, path);
            Console.Error.WriteLine(MessageText.Format(RunMessages.FormWritten, path, compiled.Set.Measures.Count, compiled.Set.Id, FormLayout.DetailsSheet, FormLayout.MeasuresSheet, FormLayout.NarrativeSheet));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}

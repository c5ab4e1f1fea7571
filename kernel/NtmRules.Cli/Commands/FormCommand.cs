using System.CommandLine;
using NtmRules.Intake.Forms;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm form --set ID --out form.xlsx</c>: writes the fill-in workbook of a set.</summary>
internal static class FormCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var set = new SetOptions(withDate: true);
        var output = new Option<string>("--out") { Description = "The workbook to write (.xlsx); replaced if it exists", Required = true };
        var command = new Command("form", "Tạo biểu mẫu Excel để xã điền số liệu theo một bộ tiêu chí") { output };
        set.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(() =>
        {
            var host = CommandRunner.LoadPlugins(parse, pluginsOption);
            var compiled = set.Resolve(parse, host);
            var path = parse.GetValue(output)!;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
            FormWriter.Write(compiled.Set, path);
            Console.Error.WriteLine($"wrote {path}: {compiled.Set.Measures.Count} measures of {compiled.Set.Id}; fill in the sheets "
                + $"\"{FormLayout.DetailsSheet}\" and \"{FormLayout.MeasuresSheet}\" (\"{FormLayout.NarrativeSheet}\" is optional), then run "
                + $"ntm evaluate --set {compiled.Set.Id} --data {path}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}

using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Application;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin validate DIR|PACKAGE [--format text|json]</c>: loads one plugin folder the way
/// the host loads an installed plugin (<see cref="PluginHost.LoadCandidate"/>, with the installed
/// plugins as the bases its sets extend and the plan-template check), and reports every problem at
/// once as <c>file(line,col): error: json.path: message</c>. The host refuses exactly the plugins
/// this command reports errors for. It also checks the plugin's test cases (<c>tests/*.test.json</c>),
/// which only <c>ntm plugin test</c> reads. Exit 0 when there is no error (warnings allowed), 3 otherwise.
/// </summary>
internal static class PluginValidateCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var path = new Argument<string>("path") { Description = PluginMessages.ValidatePathDescription };
        var format = new Option<string>("--format") { Description = PluginMessages.ValidateFormatDescription, DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("validate", PluginMessages.ValidateDescription) { path, format };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var given = parse.GetValue(path)!;
            using var opened = PluginTarget.Open(parse, given);
            var target = opened.Folder;
            if (!Directory.Exists(target))
                throw new InputException(new Problem(Severity.Error, File.Exists(target)
                    ? PluginMessages.NotAPluginFolder
                    : PluginMessages.NoSuchPluginFolder, target));
            var installed = PluginFolder.Resolve(parse.GetValue(pluginsOption));
            var validation = PluginValidator.Validate(CommandRunner.LoadCandidate(parse, pluginsOption, target), installed);
            if (parse.GetValue(format) == "json")
            {
                using var stdout = Console.OpenStandardOutput();
                PluginValidationJson.Write(validation, stdout);
            }
            else WriteText(validation);
            return Task.FromResult(validation.Valid ? ExitCodes.Ok : ExitCodes.PluginProblem);
        }));
        return command;
    }

    private static void WriteText(PluginValidation validation)
    {
        var report = validation.Report;
        foreach (var p in validation.Problems) Console.WriteLine(Display(p).ToString());
        var who = report.Plugin is { } info ? $"plugin {info.Id} {info.Version}" : "plugin";
        Console.WriteLine(validation.Valid
            ? MessageText.Format(PluginMessages.ValidPlugin, who, Display(report.Folder), report.SetIds.Count, string.Join(", ", report.SetIds), validation.Errors, validation.Warnings)
            : MessageText.Format(PluginMessages.InvalidPlugin, who, Display(report.Folder), validation.Errors, validation.Warnings));
    }

    /// <summary>A path relative to the current folder when it is below it, so that the lines stay short and clickable.</summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static Problem Display(Problem p) => p.File is null ? p : p with { File = Display(p.File) };
}

using NtmRules.Kernel.Localization;
using System.CommandLine;
using System.Text;
using NtmRules.Application;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm draft --set ID --data FILE [--out FILE.md|.html|.docx]</c>: the commune's draft plan in Vietnamese.</summary>
internal static class DraftCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var input = new EvaluationInput();
        var output = new Option<string?>("--out") { Description = RunMessages.DraftOutDescription };
        var command = new Command("draft", RunMessages.DraftDescription) { output };
        input.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var outPath = parse.GetValue(output);
            var format = DraftFormats.FromOutputPath(outPath, "--out");
            var templates = CommandRunner.LoadTemplates();
            var (_, result) = await input.EvaluateAsync(parse, pluginsOption, cancel, templates);
            var code = EvaluationInput.Finish(result);
            if (code == ExitCodes.PluginProblem) return code;

            var draft = new PlanDrafting(templates).Draft(result, format);
            if (outPath is null)
            {
                Console.Out.Write(Encoding.UTF8.GetString(draft.Content));
                return code;
            }
            // Written whole to a temporary file first, so a failure never leaves half a plan behind.
            var full = Path.GetFullPath(outPath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var temp = full + ".tmp";
            File.WriteAllBytes(temp, draft.Content);
            File.Move(temp, full, overwrite: true);
            Console.Error.WriteLine(MessageText.Format(RunMessages.Wrote, outPath));
            return code;
        }));
        return command;
    }
}

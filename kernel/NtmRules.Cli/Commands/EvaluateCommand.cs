using System.CommandLine;
using NtmRules.Cli.Rendering;
using NtmRules.Kernel.Output;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm evaluate --set ID --data FILE [--format table|json]</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var input = new EvaluationInput();
        var format = new Option<string>("--format") { Description = "table (default, for people) or json (ntm.evaluation/1, for programs)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("evaluate", "Đánh giá số liệu của một xã theo một bộ tiêu chí") { format };
        input.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var (_, result) = await input.EvaluateAsync(parse, pluginsOption, cancel);
            if (parse.GetValue(format) == "json") EvaluationJsonWriter.Write(result, Console.Out);
            else EvaluationTable.Write(ConsoleFactory.Create(), result);
            return EvaluationInput.Finish(result);
        }));
        return command;
    }
}

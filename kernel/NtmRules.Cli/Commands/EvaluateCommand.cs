using System.CommandLine;
using NtmRules.Cli.Rendering;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Output;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm evaluate --set ID --data FILE [--format table|json]</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var set = new Option<string>("--set") { Description = "Criteria set id, e.g. vn.qd318.xa-ntm (see 'ntm plugins')", Required = true };
        var data = new Option<string>("--data") { Description = "Commune data file (ntm.commune-data/1 JSON)", Required = true };
        var format = new Option<string>("--format") { Description = "table (default, for people) or json (ntm.evaluation/1, for programs)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("evaluate", "Đánh giá số liệu của một xã theo một bộ tiêu chí") { set, data, format };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var host = CommandRunner.LoadPlugins(parse.GetValue(pluginsOption));
            var compiled = host.GetSet(parse.GetValue(set)!);
            var path = parse.GetValue(data)!;
            var warnings = new List<Problem>();
            var communeData = CommuneDataReader.Read(path, path, warnings);
            var result = await host.Evaluator.EvaluateAsync(compiled, communeData, cancel);
            result = result with { Problems = warnings.Concat(result.Problems).ToArray() };

            if (parse.GetValue(format) == "json")
            {
                EvaluationJsonWriter.Write(result, Console.Out);
            }
            else
            {
                EvaluationTable.Write(ConsoleFactory.Create(), result);
            }
            CommandRunner.WriteProblems(result.Problems);
            foreach (var i in result.Indicators.Where(i => i.Error is not null))
                Console.Error.WriteLine($"{compiled.Set.WorkflowFile}: error: rule \"{i.Indicator.RuleName}\" failed at run time: {i.Error}");
            return result.HasExpressionErrors ? ExitCodes.PluginProblem
                : result.HasDataErrors ? ExitCodes.BadInput
                : ExitCodes.Ok;
        }));
        return command;
    }
}

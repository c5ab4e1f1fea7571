using System.CommandLine;
using NtmRules.Application;
using NtmRules.Cli.Rendering;
using NtmRules.Kernel.Output;
using NtmRules.Records;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm evaluate --set ID --data FILE [--format table|json] [--save [--store PATH]]</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var input = new EvaluationInput();
        var format = new Option<string>("--format") { Description = "table (default, for people) or json (ntm.evaluation/1, for programs)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var save = new Option<bool>("--save") { Description = "Append the evaluation (data, results, trace, provenance) to the record store" };
        var store = StoreOption.Create();
        var command = new Command("evaluate", "Đánh giá số liệu của một xã theo một bộ tiêu chí") { format, save, store };
        input.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var (_, result) = await input.EvaluateAsync(parse, pluginsOption, cancel);
            if (parse.GetValue(format) == "json") EvaluationJsonWriter.Write(result, Console.Out);
            else EvaluationTable.Write(ConsoleFactory.Create(), result);
            var code = EvaluationInput.Finish(result);
            if (!parse.GetValue(save)) return code;
            if (RecordSaving.Refusal(result) is { } refusal)
            {
                Console.Error.WriteLine(refusal.Message);
                return code;
            }
            var storePath = StoreOption.Resolve(parse.GetValue(store));
            var record = RecordSaving.Save(new SaveRequest(result, new EvaluatedFile(parse.GetValue(input.Data)!), storePath), DateTimeOffset.UtcNow);
            Console.Error.WriteLine($"saved as record {record.Id} in {StoreLocation.Display(storePath)} (hash {record.Hash[..16]}…)");
            return code;
        }));
        return command;
    }
}

using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Application;
using NtmRules.Cli.Rendering;
using NtmRules.Kernel.Output;
using NtmRules.Records;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm evaluate --set ID --data FILE [--format table|json] [--save [--store PATH]]</c>.</summary>
internal static class EvaluateCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var input = new EvaluationInput();
        var format = new Option<string>("--format") { Description = RunMessages.EvaluateFormatDescription, DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var save = new Option<bool>("--save") { Description = RunMessages.SaveOptionDescription };
        var store = StoreOption.Create();
        var command = new Command("evaluate", RunMessages.EvaluateDescription) { format, save, store };
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
            Console.Error.WriteLine(MessageText.Format(RunMessages.SavedAsRecord, record.Id, StoreLocation.Display(storePath), record.Hash[..16]));
            return code;
        }));
        return command;
    }
}

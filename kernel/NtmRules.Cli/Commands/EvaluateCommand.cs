using System.CommandLine;
using System.Security.Cryptography;
using NtmRules.Cli.Rendering;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
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
            if (code != ExitCodes.Ok)
            {
                Console.Error.WriteLine("not saved: an evaluation with invalid data or failing rules is not a record to keep; fix the problems above first");
                return code;
            }
            var record = Save(result, parse.GetValue(input.Data)!, StoreOption.Resolve(parse.GetValue(store)));
            Console.Error.WriteLine($"saved as record {record.Id} in {StoreLocation.Display(StoreOption.Resolve(parse.GetValue(store)))} (hash {record.Hash[..16]}…)");
            return code;
        }));
        return command;
    }

    private static EvaluationRecord Save(EvaluationResult result, string dataPath, string storePath)
    {
        var bytes = File.ReadAllBytes(dataPath);
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != result.Data.ContentSha256)
            throw new InputException(new Problem(Severity.Error, "the data file changed while it was being evaluated; nothing saved", dataPath));
        var now = DateTimeOffset.UtcNow;
        using var store = RecordStore.Open(storePath, create: true);
        return store.Append(RecordDrafts.Of(result, bytes, now), now);
    }
}

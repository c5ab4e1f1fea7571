using System.CommandLine;
using NtmRules.Intake.Thresholds;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin thresholds SET --out FILE.xlsx</c> exports the set's threshold figures for checking
/// against the decision (<see cref="ThresholdSheet"/>); <c>ntm plugin thresholds SET --apply FILE.xlsx
/// --out DIR</c> writes a new version of a data-only plugin with the checked figures confirmed
/// (<see cref="ThresholdApplier"/>), after validating it and running its test cases, and prints which
/// test-case verdicts change. The use case lives in NtmRules.Intake; the web set page calls the same code.
/// </summary>
internal static class PluginThresholdsCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var set = new Argument<string>("set") { Description = PluginMessages.SetIdArgumentDescription };
        var apply = new Option<string?>("--apply") { Description = PluginMessages.ThresholdsApplyDescription };
        var output = new Option<string>("--out") { Description = PluginMessages.ThresholdsOutDescription, Required = true };
        var command = new Command("thresholds", PluginMessages.ThresholdsDescription) { set, apply, output };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var host = CommandRunner.LoadPlugins(parse, pluginsOption);
            var setId = parse.GetValue(set)!;
            var outPath = parse.GetValue(output)!;
            if (parse.GetValue(apply) is not { } workbook)
            {
                var compiled = host.GetSet(setId);
                File.WriteAllBytes(outPath, ThresholdSheet.Export(compiled.Set));
                Console.WriteLine($"Đã ghi {compiled.Set.ThresholdFigures.Count()} ngưỡng của bộ {setId} ({compiled.Set.ProvenanceSummary()}) vào {outPath}.");
                return ExitCodes.Ok;
            }
            if (!File.Exists(workbook)) throw new InputException(new Problem(Severity.Error, PluginMessages.NoSuchWorkbook, workbook, Field: "--apply"));
            var result = await ThresholdApplier.ApplyAsync(host, setId, workbook, workbook, outPath,
                dir => CommandRunner.LoadCandidate(parse, pluginsOption, dir), cancel);
            Write(result);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(ThresholdApplyResult r)
    {
        Console.WriteLine($"Đã ghi plugin {r.PluginId} phiên bản {r.Version} (bộ {r.SetId}) vào {r.Folder}: {r.Edits.Count} ngưỡng chuyển sang \"đã xác nhận\".");
        foreach (var e in r.Edits)
            Console.WriteLine($"  dòng {e.Row}: chỉ tiêu {e.Indicator.Code}, {e.Place}, từ {e.Value.From:dd/MM/yyyy}: {e.Indicator.Threshold.Operator.Symbol()} {Kernel.Formatting.VietnameseFormat.Value(e.NewValue, e.Indicator.ValueUnit)} ({e.Location})");
        Console.WriteLine(r.Changes.Count == 0
            ? $"Chạy {r.Cases} ca kiểm thử của bộ: không kết quả nào thay đổi."
            : $"Chạy {r.Cases} ca kiểm thử của bộ: {r.Changes.Count} kết quả thay đổi:");
        foreach (var c in r.Changes)
            Console.WriteLine($"  {c.File} ({c.Case}): chỉ tiêu {c.Code}: {c.Before.Label()} → {c.After.Label()}{(c.After == c.Expected ? "" : $" (ca kiểm thử mong đợi {c.Expected.Label()}: sửa ca kiểm thử)")}");
        Console.WriteLine($"Kiểm tra và đóng gói: ntm plugin validate {r.Folder}; ntm plugin test {r.Folder}; ntm plugin pack {r.Folder} …");
    }
}

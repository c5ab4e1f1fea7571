using System.CommandLine;
using System.Diagnostics;
using NtmRules.Application;
using NtmRules.Intake.Batch;
using NtmRules.Kernel.Formatting;
using Spectre.Console;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm batch [--set ID] --data FILE|DIR --out DIR [--group-by province|group|district] [--full]</c>: evaluates many
/// communes in parallel and writes one results line per commune (with <c>--full</c> also each commune's
/// full result), the rejected rows and the aggregate report.
/// Exits 2 when any row was rejected (the others are still evaluated and reported).
/// </summary>
internal static class BatchCommand
{
    /// <summary>Problems written to stderr before the rest is left to errors.csv.</summary>
    private const int ProblemsShown = 50;

    public static Command Create(Option<string?> pluginsOption)
    {
        var set = new SetOptions(withDate: true);
        var data = new Option<string>("--data") { Description = "A CSV or XLSX table (one commune per row), or a folder of .json/.xlsx/.csv files", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for results.csv, errors.csv, report.md and report.xlsx", Required = true };
        var full = new Option<bool>("--full") { Description = "Also write every commune's full result and trace (ntm.evaluation/1, about 110 KB each) to communes/*.json" };
        var groupBy = new Option<string?>("--group-by") { Description = "Thêm vào báo cáo một bảng theo tỉnh (province), theo nhóm xã (group) hoặc theo huyện cũ (district, số liệu trước 01/7/2025)" };
        groupBy.AcceptOnlyFromAmong([.. ReportGroupings.Codes]);
        var command = new Command("batch", "Đánh giá hàng loạt nhiều xã và lập báo cáo tổng hợp") { data, output, groupBy, full };
        set.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var host = CommandRunner.LoadPlugins(parse, pluginsOption, setId: parse.GetValue(set.Set));
            var outDir = parse.GetValue(output)!;
            ReportGroupings.TryParse(parse.GetValue(groupBy), out var grouping);
            var fullResults = parse.GetValue(full);
            // Without --set, one set is chosen for the whole batch, from its first file's first commune.
            var request = new BatchRequest(CommuneBatch.Inputs(parse.GetValue(data)!, "--data"), set.Choice(parse), outDir, grouping, fullResults);
            var batch = new CommuneBatch(host, SetOptions.Reporter.Instance);
            var clock = Stopwatch.StartNew();
            var outcome = Console.IsErrorRedirected
                ? await batch.RunAsync(request, PlainProgress(), cancel)
                : await WithBarAsync(p => batch.RunAsync(request, p, cancel));
            clock.Stop();

            // All of them are in errors.csv; a province of thousands of rows would bury the summary on a terminal.
            foreach (var p in outcome.Problems.Take(ProblemsShown)) Console.Error.WriteLine(p.ToString());
            if (outcome.Problems.Count > ProblemsShown)
                Console.Error.WriteLine($"… and {outcome.Problems.Count - ProblemsShown} more problem(s), all listed in {Path.Combine(outDir, "errors.csv")}");
            Console.WriteLine(Intake.Reports.AggregateMarkdownWriter.Sentence(outcome.Report));
            var where = Path.Combine(outDir, BatchRunner.ResultsFile) + (fullResults ? $" and {Path.Combine(outDir, BatchRunner.CommunesFolder)}" : "");
            Console.WriteLine($"accepted {outcome.Accepted}, rejected {outcome.Rejected}; results in {where}, "
                + $"report in {Path.Combine(outDir, "report.md")} and report.xlsx{(outcome.Rejected > 0 ? $", rejected rows in {Path.Combine(outDir, "errors.csv")}" : "")}");
            Console.Error.WriteLine($"batch: {outcome.Accepted + outcome.Rejected} row(s) in {clock.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} s");
            return outcome.ExpressionErrors > 0 ? ExitCodes.PluginProblem : outcome.Rejected > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One line per 1.000 communes (and none for small runs' every commune), for logs and CI.</summary>
    private static Action<BatchProgress> PlainProgress() => p =>
    {
        if (p.Evaluated % 1000 == 0) Console.Error.WriteLine($"progress: {VietnameseFormat.Number(p.Evaluated)} evaluated, {VietnameseFormat.Number(p.Rejected)} rejected");
    };

    private static async Task<BatchOutcome> WithBarAsync(Func<Action<BatchProgress>, Task<BatchOutcome>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        BatchOutcome? outcome = null;
        await console.Progress().AutoClear(true).Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("đang đánh giá").IsIndeterminate();
                outcome = await run(p => task.Description = $"đã đánh giá {VietnameseFormat.Number(p.Evaluated)} xã, loại {VietnameseFormat.Number(p.Rejected)} dòng");
            });
        return outcome!;
    }
}

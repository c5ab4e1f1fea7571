using NtmRules.Kernel.Localization;
using System.CommandLine;
using System.Diagnostics;
using NtmRules.Application;
using NtmRules.Intake.Batch;
using NtmRules.Kernel.Formatting;
using Spectre.Console;
using NtmRules.Cli.Localization;

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
        var data = new Option<string>("--data") { Description = RunMessages.BatchDataDescription, Required = true };
        var output = new Option<string>("--out") { Description = RunMessages.BatchOutDescription, Required = true };
        var full = new Option<bool>("--full") { Description = RunMessages.BatchFullDescription };
        var groupBy = new Option<string?>("--group-by") { Description = RunMessages.BatchGroupByDescription };
        groupBy.AcceptOnlyFromAmong([.. ReportGroupings.Codes]);
        var command = new Command("batch", RunMessages.BatchDescription) { data, output, groupBy, full };
        set.AddTo(command);
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var host = CommandRunner.LoadPlugins(parse, pluginsOption, setId: parse.GetValue(set.Set));
            var outDir = parse.GetValue(output)!;
            ReportGroupings.TryParse(parse.GetValue(groupBy), out var grouping);
            var fullResults = parse.GetValue(full);
            // Without --set, one set is chosen for the whole batch, from its first file's first commune.
            // Only the report and the first problems are shown here: the rest is in the files, so memory stays flat however many communes.
            var request = new BatchRequest(CommuneBatch.Inputs(parse.GetValue(data)!, "--data"), set.Choice(parse), outDir, grouping, fullResults)
            {
                KeepCommunes = false,
                ProblemsKept = ProblemsShown,
            };
            var batch = new CommuneBatch(host, SetOptions.Reporter.Instance);
            var clock = Stopwatch.StartNew();
            var outcome = Console.IsErrorRedirected
                ? await batch.RunAsync(request, PlainProgress(), cancel)
                : await WithBarAsync(p => batch.RunAsync(request, p, cancel));
            clock.Stop();

            // All of them are in errors.csv; a province of thousands of rows would bury the summary on a terminal.
            foreach (var p in outcome.Problems.Take(ProblemsShown)) Console.Error.WriteLine(p.ToString());
            if (outcome.ProblemCount > ProblemsShown)
                Console.Error.WriteLine(MessageText.Format(RunMessages.BatchMoreProblems, outcome.ProblemCount - ProblemsShown, Path.Combine(outDir, "errors.csv")));
            Console.WriteLine(Intake.Reports.AggregateMarkdownWriter.Sentence(outcome.Report));
            var results = Path.Combine(outDir, BatchRunner.ResultsFile);
            var where = fullResults ? MessageText.Format(RunMessages.BatchAnd, results, Path.Combine(outDir, BatchRunner.CommunesFolder)) : results;
            var rejectedRows = outcome.Rejected > 0 ? MessageText.Format(RunMessages.BatchRejectedRows, Path.Combine(outDir, "errors.csv")) : "";
            Console.WriteLine(MessageText.Format(RunMessages.BatchDone, outcome.Accepted, outcome.Rejected, where, Path.Combine(outDir, "report.md"), rejectedRows));
            Console.Error.WriteLine(MessageText.Format(RunMessages.BatchTime, outcome.Accepted + outcome.Rejected, clock.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
            return outcome.ExpressionErrors > 0 ? ExitCodes.PluginProblem : outcome.Rejected > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One line per 1.000 communes (and none for small runs' every commune), for logs and CI.</summary>
    private static Action<BatchProgress> PlainProgress() => p =>
    {
        if (p.Evaluated % 1000 == 0) Console.Error.WriteLine(MessageText.Format(RunMessages.BatchProgress, MessageText.Count(p.Evaluated), MessageText.Count(p.Rejected)));
    };

    private static async Task<BatchOutcome> WithBarAsync(Func<Action<BatchProgress>, Task<BatchOutcome>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        BatchOutcome? outcome = null;
        await console.Progress().AutoClear(true).Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(RunMessages.BatchBarStart).IsIndeterminate();
                outcome = await run(p => task.Description = MessageText.Format(RunMessages.BatchBar, MessageText.Count(p.Evaluated), MessageText.Count(p.Rejected)));
            });
        return outcome!;
    }
}

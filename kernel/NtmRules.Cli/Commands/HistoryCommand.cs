using NtmRules.Kernel.Localization;
using System.CommandLine;
using System.Globalization;
using NtmRules.Cli.Rendering;
using NtmRules.Kernel.Domain;
using NtmRules.Records;
using Spectre.Console;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm history [--commune CODE] [--store PATH]</c>: saved evaluations, oldest first.</summary>
internal static class HistoryCommand
{
    /// <summary>Who vouched for the plugin when the record was saved, in a few words.</summary>
    private static string SignatureShort(PluginSignature? s) => s?.Status switch
    {
        PluginSignatureStatus.Signed => MessageText.Format(RunMessages.HistorySignedBy, s.KeyName),
        PluginSignatureStatus.Bundled => RunMessages.HistoryBundled,
        PluginSignatureStatus.UnsignedAllowed => RunMessages.HistoryUnsigned,
        PluginSignatureStatus.NotChecked => RunMessages.HistoryNotChecked,
        _ => RunMessages.HistoryNoSignature,
    };

    private static string ActionText(ReviewAction action) => action switch
    {
        ReviewAction.Submitted => RunMessages.ActionSubmitted,
        ReviewAction.Returned => RunMessages.ActionReturned,
        _ => RunMessages.ActionAccepted,
    };

    /// <summary>The review steps (of one commune when asked), when the store has any: who did what to which record.</summary>
    private static void WriteReviews(IAnsiConsole console, RecordStore records, string? commune)
    {
        var steps = records.AllReviews().Where(s => commune is null || s.CommuneKey == commune).ToList();
        if (steps.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded).Title(RunMessages.ReviewsTitle)
            .AddColumn(RunMessages.ColNumber).AddColumn(RunMessages.ColAtUtc).AddColumn(RunMessages.ColCommune).AddColumn(RunMessages.ColYear).AddColumn(RunMessages.ColRecord)
            .AddColumn(RunMessages.ColStep).AddColumn(RunMessages.ColAccount).AddColumn(RunMessages.ColComments).AddColumn("Hash");
        foreach (var s in steps)
        {
            var comments = (s.Comment is null ? 0 : 1) + s.IndicatorComments.Count;
            table.AddRow(s.Id.ToString(CultureInfo.InvariantCulture), s.CreatedAt, Markup.Escape(s.CommuneKey), s.Year.ToString(CultureInfo.InvariantCulture),
                s.EvaluationRecordId.ToString(CultureInfo.InvariantCulture), Markup.Escape(ActionText(s.Action)), Markup.Escape(s.Account),
                comments.ToString(CultureInfo.InvariantCulture), s.Hash[..12]);
        }
        console.Write(table);
        console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.ReviewsCount, steps.Count)));
    }

    public static Command Create()
    {
        var commune = new Option<string?>("--commune") { Description = RunMessages.HistoryCommuneDescription };
        var store = StoreOption.Create();
        var command = new Command("history", RunMessages.HistoryDescription) { commune, store };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var path = StoreOption.Resolve(parse.GetValue(store));
            if (!StoreLocation.Exists(path))
            {
                // An empty history, not a fault: nothing has been saved yet. Listing must not create the store.
                Console.WriteLine(MessageText.Format(RunMessages.HistoryEmpty, path));
                return Task.FromResult(ExitCodes.Ok);
            }
            using var records = RecordStore.Open(path, create: false);
            var list = records.List(parse.GetValue(commune));
            var console = ConsoleFactory.Create();
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(MessageText.Format(RunMessages.HistoryTitle, records.Path)))
                .AddColumn(RunMessages.ColNumber).AddColumn(RunMessages.ColSavedAtUtc).AddColumn(RunMessages.ColCommune).AddColumn(RunMessages.ColYear)
                .AddColumn(RunMessages.ColSet).AddColumn(RunMessages.ColResult).AddColumn("Plugin").AddColumn("Hash");
            foreach (var r in list)
            {
                table.AddRow(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.CreatedAt, Markup.Escape(r.CommuneName + (r.Province is { } p ? ", " + p : "")),
                    r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(r.SetId), Markup.Escape(r.SummaryIn(CultureInfo.CurrentUICulture)),
                    Markup.Escape($"{r.PluginId} {r.PluginVersion} ({r.PluginSha256[..12]})\n{SignatureShort(r.SavedPluginSignature())}"), r.Hash[..12]);
            }
            console.Write(table);
            console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.HistoryCount, list.Count)));
            WriteReviews(console, records, parse.GetValue(commune));
            if (records.Head() is { } head) console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.HistoryHead, head.Id, head.Hash)));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}

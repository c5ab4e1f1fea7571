using NtmRules.Kernel.Localization;
using System.CommandLine;
using System.Runtime.ExceptionServices;
using NtmRules.Application;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm verify [RECORD-ID | --all] [--expect-head HASH] [--store PATH]</c>: checks the hash chain of
/// the whole store, its append-only triggers, its head file and the head an auditor kept, prints the
/// chain head, then re-runs the record(s) with the plugins installed now and says "identical" or what differs.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var id = new Argument<long?>("record-id") { Description = RunMessages.VerifyIdDescription, Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = RunMessages.VerifyAllDescription };
        var expectHead = new Option<string?>("--expect-head") { Description = RunMessages.VerifyExpectHeadDescription };
        var store = StoreOption.Create();
        var command = new Command("verify", RunMessages.VerifyDescription) { id, all, expectHead, store };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var recordId = parse.GetValue(id);
            var everything = parse.GetValue(all);
            if (recordId is null == !everything)
                throw new InputException(new Problem(Severity.Error, RunMessages.VerifyIdOrAll, Field: "record-id"));
            using var records = RecordStore.Open(StoreOption.Resolve(parse.GetValue(store)), create: false);
            var chain = RecordChecks.Chain(records, parse.GetValue(expectHead));
            WriteChain(chain);
            var targets = everything ? records.List() : [records.Get(recordId!.Value)];
            var host = CommandRunner.LoadPlugins(parse, pluginsOption);
            var differing = 0;
            var missing = 0;
            foreach (var record in targets)
            {
                var check = await RecordChecks.ReRunAsync(record, host, cancel);
                if (check.Error is { } error) ExceptionDispatchInfo.Throw(error);
                var v = check.Verification!;
                if (v.PluginMissing is not null) missing++;
                else if (!v.Identical) differing++;
                WriteCheck(v);
            }
            return !chain.Audit.Intact || differing > 0 ? ExitCodes.VerificationFailed
                : missing > 0 ? ExitCodes.PluginProblem
                : ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteChain(ChainCheck chain)
    {
        var audit = chain.Audit;
        foreach (var b in audit.Breaks) Console.WriteLine(MessageText.Format(RunMessages.ChainBroken, b.RecordId, b.Reason));
        foreach (var t in audit.Tampering) Console.WriteLine(MessageText.Format(RunMessages.Tampering, t));
        foreach (var n in audit.Notes) Console.WriteLine(MessageText.Format(RunMessages.ChainNote, n));
        if (audit.Intact) Console.WriteLine(MessageText.Format(RunMessages.ChainIntact, audit.Count, chain.ReviewSteps == 0 ? "" : MessageText.Format(RunMessages.ChainIntactReviews, chain.ReviewSteps)));
        Console.WriteLine(audit.Head is null ? RunMessages.ChainHeadNone : MessageText.Format(RunMessages.ChainHead, audit.Head));
    }

    private static void WriteCheck(RecordVerification v)
    {
        var record = v.Record;
        if (v.PluginMissing is not null)
        {
            Console.WriteLine(MessageText.Format(RunMessages.RecordCannotReRun, record.Id, v.PluginMissing));
        }
        else if (v.Identical)
        {
            Console.WriteLine(MessageText.Format(RunMessages.RecordIdentical, record.Id, record.CommuneName, record.Year, record.SetId));
        }
        else
        {
            Console.WriteLine(MessageText.Format(RunMessages.RecordDiffers, record.Id, record.CommuneName, record.Year, record.SetId));
            foreach (var d in v.Differences) Console.WriteLine("  - " + d);
        }
    }
}

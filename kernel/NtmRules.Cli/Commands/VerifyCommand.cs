using System.CommandLine;
using System.Runtime.ExceptionServices;
using NtmRules.Application;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;

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
        var id = new Argument<long?>("record-id") { Description = "The record to re-run", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Re-run every record" };
        var expectHead = new Option<string?>("--expect-head") { Description = "The chain head you kept (a record hash printed by 'ntm verify' or 'ntm history'): it must still be in the store" };
        var store = StoreOption.Create();
        var command = new Command("verify", "Kiểm chứng bản ghi: chuỗi hash và chạy lại với plugin hiện có") { id, all, expectHead, store };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var recordId = parse.GetValue(id);
            var everything = parse.GetValue(all);
            if (recordId is null == !everything)
                throw new InputException(new Problem(Severity.Error, "give either a record id or --all", Field: "record-id"));
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
        foreach (var b in audit.Breaks) Console.WriteLine($"chain broken at record {b.RecordId}: {b.Reason}");
        foreach (var t in audit.Tampering) Console.WriteLine($"tampering: {t}");
        foreach (var n in audit.Notes) Console.WriteLine($"note: {n}");
        if (audit.Intact) Console.WriteLine($"hash chain intact ({audit.Count} records{(chain.ReviewSteps == 0 ? "" : $", {chain.ReviewSteps} of them review steps")})");
        Console.WriteLine(audit.Head is null ? "chain head: none (the store is empty)" : $"chain head: {audit.Head} (keep it, and check later with --expect-head)");
    }

    private static void WriteCheck(RecordVerification v)
    {
        var record = v.Record;
        if (v.PluginMissing is not null)
        {
            Console.WriteLine($"record {record.Id}: cannot re-run: {v.PluginMissing}");
        }
        else if (v.Identical)
        {
            Console.WriteLine($"record {record.Id} ({record.CommuneName} {record.Year}, {record.SetId}): identical");
        }
        else
        {
            Console.WriteLine($"record {record.Id} ({record.CommuneName} {record.Year}, {record.SetId}): differs");
            foreach (var d in v.Differences) Console.WriteLine("  - " + d);
        }
    }
}

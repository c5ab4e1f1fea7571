using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;
using NtmRules.Records;

namespace NtmRules.Application;

/// <summary>The store's chain checked: breaks, tampering, notes, head; and how many records are review steps.</summary>
/// <param name="Audit">The hash chain and head.</param>
/// <param name="ReviewSteps">Records that are review steps.</param>
public sealed record ChainCheck(StoreAudit Audit, int ReviewSteps);

/// <summary>One record re-run: the verifier's verdict, or the problems that stopped the re-run.</summary>
/// <param name="Record">The record.</param>
/// <param name="Verification">The verdict; null when the re-run failed.</param>
/// <param name="Error">Why the re-run failed (its data could not be read again, say).</param>
public sealed record RecordCheck(EvaluationRecord Record, RecordVerification? Verification, NtmException? Error)
{
    /// <summary>Re-run and byte-identical.</summary>
    public bool Identical => Verification?.Identical == true;

    /// <summary>Why the re-run failed, as the CLI prints the problems on one line; null when it ran.</summary>
    public string? Failure => Error is null ? null : string.Join("; ", Error.Problems.Select(p => p.ToString()));
}

/// <summary>The record store checked: its chain, then each record re-run.</summary>
/// <param name="Audit">The hash chain and head.</param>
/// <param name="Records">Each record's verdict, oldest first.</param>
public sealed record StoreVerification(StoreAudit Audit, IReadOnlyList<RecordCheck> Records);

/// <summary>Verifying records, as <c>ntm verify</c> and the web's verification page do.</summary>
public static class RecordChecks
{
    /// <summary>The chain of <paramref name="store"/> checked, and, when given, that <paramref name="expectedHead"/> is still in it.</summary>
    /// <exception cref="StoreException">The store cannot be read.</exception>
    public static ChainCheck Chain(RecordStore store, string? expectedHead = null) => new(store.Audit(expectedHead), store.AllReviews().Count);

    /// <summary>
    /// Re-runs <paramref name="record"/> with the plugins of <paramref name="host"/>; the verifier itself keeps a
    /// change of language (the record's texts for people were written in its session's) from reading as a change.
    /// </summary>
    public static async Task<RecordCheck> ReRunAsync(EvaluationRecord record, PluginHost host, CancellationToken cancel)
    {
        try
        {
            return new RecordCheck(record, await RecordVerifier.VerifyAsync(record, host, cancel), null);
        }
        catch (NtmException e)
        {
            return new RecordCheck(record, null, e);
        }
    }

    /// <summary>The whole store: the chain, then every record re-run (a record that cannot be re-run is reported, the others still are).</summary>
    /// <exception cref="StoreException">The store cannot be read.</exception>
    public static async Task<StoreVerification> VerifyAllAsync(RecordStore store, PluginHost host, CancellationToken cancel)
    {
        var audit = store.Audit();
        var records = new List<RecordCheck>();
        foreach (var r in store.List()) records.Add(await ReRunAsync(r, host, cancel));
        return new StoreVerification(audit, records);
    }
}

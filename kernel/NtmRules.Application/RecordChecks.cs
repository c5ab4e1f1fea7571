using System.Globalization;
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

    /// <summary>The languages a session may write its texts for people in (the UI cultures of <c>--lang</c> and <c>Accept-Language</c>).</summary>
    private static readonly IReadOnlyList<CultureInfo> Languages =
        [CultureInfo.GetCultureInfo("vi", predefinedOnly: false), CultureInfo.GetCultureInfo("en", predefinedOnly: false)];

    /// <summary>
    /// Re-runs <paramref name="record"/> with the plugins of <paramref name="host"/>. A saved result holds text for
    /// people (trace notes, messages) in the language of the session that saved it, which the record does not
    /// name: when the re-run in the current language differs, it is re-run in the other languages too, and a
    /// record that one of them reproduces byte for byte is identical. Otherwise the current language's verdict is
    /// kept, so that its differences are written in the session's language.
    /// </summary>
    public static async Task<RecordCheck> ReRunAsync(EvaluationRecord record, PluginHost host, CancellationToken cancel)
    {
        try
        {
            var current = await RecordVerifier.VerifyAsync(record, host, cancel);
            if (current.Identical || current.PluginMissing is not null) return new RecordCheck(record, current, null);
            foreach (var language in Languages.Where(l => l.Name != CultureInfo.CurrentUICulture.Name))
            {
                var again = await InLanguageAsync(language, () => RecordVerifier.VerifyAsync(record, host, cancel));
                if (again.Identical) return new RecordCheck(record, again, null);
            }
            return new RecordCheck(record, current, null);
        }
        catch (NtmException e)
        {
            return new RecordCheck(record, null, e);
        }
    }

    /// <summary>Runs <paramref name="run"/> with <paramref name="language"/> as the UI culture of its flow, then puts the caller's back.</summary>
    private static async Task<T> InLanguageAsync<T>(CultureInfo language, Func<Task<T>> run)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language;
        try
        {
            return await run();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
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

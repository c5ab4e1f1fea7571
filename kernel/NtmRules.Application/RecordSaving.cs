using System.Globalization;
using NtmRules.Application.Localization;
using System.Security.Cryptography;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
using NtmRules.Records;

namespace NtmRules.Application;

/// <summary>The data an evaluation read, as its record keeps it.</summary>
public abstract record EvaluatedData
{
    /// <summary>The bytes now; a file is read again, so that a change since the evaluation is seen.</summary>
    public abstract byte[] ReadBytes();
}

/// <summary>Data read from a file (the CLI's <c>--data</c>, a web upload): read again when saved.</summary>
/// <param name="Path">The file.</param>
public sealed record EvaluatedFile(string Path) : EvaluatedData
{
    /// <inheritdoc />
    public override byte[] ReadBytes() => File.ReadAllBytes(Path);
}

/// <summary>Data held in memory (the web page's typed figures, a small web upload), kept as the bytes the evaluation hashed.</summary>
/// <param name="Bytes">The bytes.</param>
public sealed record EvaluatedBytes(byte[] Bytes) : EvaluatedData
{
    /// <inheritdoc />
    public override byte[] ReadBytes() => Bytes;
}

/// <summary>An evaluation to append to the record store.</summary>
/// <param name="Result">The evaluation.</param>
/// <param name="Data">The data it read.</param>
/// <param name="StorePath">The store (a SQLite file or a PostgreSQL connection string).</param>
public sealed record SaveRequest(EvaluationResult Result, EvaluatedData Data, string StorePath);

/// <summary>Saving an evaluation as a record: what is refused and why, written once for <c>ntm evaluate --save</c> and the web.</summary>
public static class RecordSaving
{
    /// <summary>The refusal of an evaluation that is not a record to keep.</summary>
    public static string NotSaved => ApplicationMessages.NotSaved;

    /// <summary>The refusal of data whose bytes are no longer the ones evaluated.</summary>
    public static string DataChanged => ApplicationMessages.DataChanged;

    /// <summary>Why <paramref name="result"/> may not be saved (invalid data or a rule that failed), or null when it may.</summary>
    public static Problem? Refusal(EvaluationResult result) =>
        result.HasDataErrors || result.HasExpressionErrors ? new Problem(Severity.Error, NotSaved, result.Data.File) : null;

    /// <summary>
    /// Appends the evaluation, its data's bytes, results, trace and provenance to the store (created when
    /// missing), after checking that it may be saved and that the data is still the data evaluated (SHA-256).
    /// </summary>
    /// <exception cref="InputException">Refused (<see cref="Refusal"/>), or the data changed.</exception>
    /// <exception cref="StoreException">The store is locked or damaged.</exception>
    public static EvaluationRecord Save(SaveRequest request, DateTimeOffset now)
    {
        var result = request.Result;
        if (Refusal(result) is { } refusal) throw new InputException(refusal);
        var bytes = request.Data.ReadBytes();
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != result.Data.ContentSha256)
            throw new InputException(new Problem(Severity.Error, DataChanged, result.Data.File));
        using var store = RecordStore.Open(request.StorePath, create: true);
        return store.Append(RecordDrafts.Of(result, bytes, now), now);
    }
}

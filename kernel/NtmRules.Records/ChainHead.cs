using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Records.Localization;

namespace NtmRules.Records;

/// <summary>The newest record of a store: its number and hash. Whoever keeps it can later tell whether records were deleted.</summary>
/// <param name="Id">The record's number.</param>
/// <param name="Hash">Its SHA-256 chain hash (hex).</param>
public sealed record ChainHead(long Id, string Hash)
{
    private const string Format = "ntm.record-head/1";

    /// <summary>"record 15, hash 3f2a…" / "bản ghi 15, mã băm 3f2a…" (the full hash: it is what an auditor copies).</summary>
    public override string ToString() => MessageText.Format(RecordMessages.ChainHeadText, Id.ToString(CultureInfo.InvariantCulture), Hash);

    /// <summary>The head file's one line.</summary>
    internal string ToFileLine() => $"{Format} {Id.ToString(CultureInfo.InvariantCulture)} {Hash}\n";

    /// <summary>Reads a head file's line; null when it is not one.</summary>
    internal static ChainHead? Parse(string text)
    {
        var parts = text.Trim().Split(' ');
        return parts.Length == 3 && parts[0] == Format && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && parts[2].Length == 64 && parts[2].All(Uri.IsHexDigit)
            ? new ChainHead(id, parts[2].ToLowerInvariant())
            : null;
    }
}

/// <summary>What <see cref="RecordStore.Audit"/> found.</summary>
/// <param name="Breaks">Records at which the hash chain does not hold.</param>
/// <param name="Tampering">Signs of tampering outside any one record: dropped triggers, newest records deleted (against the head file or the head an auditor kept).</param>
/// <param name="Notes">What is worth saying but is not tampering (no head file yet; records saved after the head the auditor kept).</param>
/// <param name="Head">The store's newest record, null when empty.</param>
/// <param name="Count">Records in the store.</param>
public sealed record StoreAudit(IReadOnlyList<ChainBreak> Breaks, IReadOnlyList<string> Tampering, IReadOnlyList<string> Notes, ChainHead? Head, int Count)
{
    /// <summary>No break and no sign of tampering.</summary>
    public bool Intact => Breaks.Count == 0 && Tampering.Count == 0;
}

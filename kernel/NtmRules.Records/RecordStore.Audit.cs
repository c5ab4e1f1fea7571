using NtmRules.Kernel.Localization;
using System.Globalization;
using System.Security.Cryptography;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records.Localization;

namespace NtmRules.Records;

public sealed partial class RecordStore
{
    /// <summary>The integrity check, the triggers and the anchored head, each a <see cref="StoreException"/> when it fails.</summary>
    private void CheckBeforeWriting()
    {
        if (_dialect.IntegrityCheck(_connection, _tx) is { } check)
            throw new StoreException(Path, MessageText.Format(RecordMessages.StoreDamaged, check));
        if (MissingTriggers() is { Count: > 0 } missing)
            throw new StoreException(Path, MessageText.Format(RecordMessages.TriggersLost, string.Join(", ", missing)));
        if (HeadProblem(Head(), _dialect.ReadAnchor(_connection, _tx)) is { } problem)
            throw new StoreException(Path, MessageText.Format(RecordMessages.HeadProblemNothingSaved, problem));
    }

    /// <summary>The append-only triggers no longer in the schema (or disabled).</summary>
    public IReadOnlyList<string> MissingTriggers() => Guarded(() =>
    {
        var active = _dialect.ActiveTriggers(_connection, _tx);
        return _dialect.RequiredTriggers.Where(t => !active.Contains(t)).ToArray();
    });

    /// <summary>The newest entry's (evaluation record's or review step's) number and hash; null when the store is empty.</summary>
    public ChainHead? Head() => Guarded(() =>
    {
        using var cmd = Command($"SELECT id, hash FROM {ChainView} ORDER BY id DESC LIMIT 1;");
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? new ChainHead(reader.GetInt64(0), reader.GetString(1)) : null;
    });

    /// <summary>Why the store does not reach its anchored head, or null when it does (or nothing is anchored yet).</summary>
    private string? HeadProblem(ChainHead? head, ChainHead? anchored)
    {
        if (anchored is null) return null;
        var anchor = _dialect.AnchorName;
        if (anchored.Id < 0) return MessageText.Format(RecordMessages.AnchorUnreadable, anchor);
        if (head is null || head.Id < anchored.Id)
            return MessageText.Format(RecordMessages.NewestDeleted, anchor, anchored.Id,
                head is null ? RecordMessages.NoRecord : MessageText.Format(RecordMessages.RecordNumber, head.Id));
        var hash = Guarded(() => Scalar($"SELECT hash FROM {ChainView} WHERE id = @id;", ("@id", anchored.Id)));
        if (hash as string != anchored.Hash)
            return MessageText.Format(RecordMessages.ChainRewritten, anchored.Id, anchor, anchored.Hash[..12]);
        return null;
    }

    /// <summary>
    /// Everything <c>ntm verify</c> checks in the store itself: the hash chain over records and review
    /// steps (<see cref="VerifyChain"/>), the append-only triggers, the anchored head and, when given,
    /// the head an auditor kept (<paramref name="expectedHead"/>: a hash, or its first 12 or more hex
    /// digits as <c>ntm history</c> shows it), which must still be in the chain.
    /// </summary>
    public StoreAudit Audit(string? expectedHead = null)
    {
        var breaks = VerifyChain();
        var tampering = new List<string>();
        var notes = new List<string>();
        foreach (var t in MissingTriggers())
            tampering.Add(MessageText.Format(RecordMessages.TriggerDropped, t, TriggerGuards(t)));
        var head = Head();
        var anchored = Guarded(() => _dialect.ReadAnchor(_connection, _tx));
        if (HeadProblem(head, anchored) is { } problem) tampering.Add(problem);
        else if (anchored is null && head is not null) notes.Add(MessageText.Format(RecordMessages.NoHeadAnchored, _dialect.AnchorName));
        else if (anchored is not null && head is not null && head.Id > anchored.Id) notes.Add(MessageText.Format(RecordMessages.RecordsNewerThanAnchor, anchored.Id + 1, head.Id, _dialect.AnchorName));
        if (expectedHead is not null) CheckExpected(expectedHead.Trim().ToLowerInvariant(), head, tampering, notes);
        var count = Guarded(() => Convert.ToInt32(Scalar($"SELECT count(*) FROM {ChainView};"), CultureInfo.InvariantCulture));
        return new StoreAudit(breaks, tampering, notes, head, count);
    }

    private static string TriggerGuards(string trigger) =>
        trigger.EndsWith("delete", StringComparison.Ordinal) ? RecordMessages.TriggerGuardsDeletes
        : trigger.EndsWith("truncate", StringComparison.Ordinal) ? RecordMessages.TriggerGuardsTruncate
        : RecordMessages.TriggerGuardsUpdates;

    private void CheckExpected(string expected, ChainHead? head, List<string> tampering, List<string> notes)
    {
        if (expected.Length is < 12 or > 64 || !expected.All(Uri.IsHexDigit))
            throw new InputException(new Problem(Severity.Error,
                RecordMessages.ExpectHeadInvalid, Field: "--expect-head"));
        var first = Guarded(() => Scalar($"SELECT min(id) FROM {ChainView} WHERE substr(hash, 1, {expected.Length.ToString(CultureInfo.InvariantCulture)}) = @h;", ("@h", expected)));
        if (first is null or DBNull)
            tampering.Add(MessageText.Format(RecordMessages.ExpectedHeadGone, expected));
        else if (head is not null && Convert.ToInt64(first, CultureInfo.InvariantCulture) is var id && id < head.Id)
            notes.Add(MessageText.Format(RecordMessages.ExpectedHeadOlder, id, id + 1, head.Id));
    }

    /// <summary>
    /// Walks the whole chain of evaluation records and review steps in number order: every entry's
    /// hash must match its content, every entry must point at the one before it, numbers must run
    /// 1, 2, 3… without gaps, and every review step must be about an evaluation record of its commune
    /// and year. Returns every break found.
    /// </summary>
    public IReadOnlyList<ChainBreak> VerifyChain()
    {
        var records = List();
        var byId = records.ToDictionary(r => r.Id);
        var entries = records.Select(r => (r.Id, r.PreviousHash, r.Hash, Problems: RecordProblems(r)))
            .Concat(AllReviews().Select(s => (s.Id, s.PreviousHash, s.Hash, Problems: ReviewProblems(s, byId))))
            .OrderBy(e => e.Id);
        var breaks = new List<ChainBreak>();
        var previous = RecordHash.Genesis;
        long expectedId = 1;
        foreach (var e in entries)
        {
            if (e.Id != expectedId) breaks.Add(new ChainBreak(e.Id, MessageText.Format(RecordMessages.RecordsMissing, e.Id - expectedId > 1 ? $"{expectedId}–{e.Id - 1}" : $"{expectedId}")));
            if (e.PreviousHash != previous) breaks.Add(new ChainBreak(e.Id, RecordMessages.ChainLinkBroken));
            breaks.AddRange(e.Problems.Select(p => new ChainBreak(e.Id, p)));
            previous = e.Hash;
            expectedId = e.Id + 1;
        }
        return breaks;
    }

    private static IEnumerable<string> RecordProblems(EvaluationRecord r)
    {
        if (Convert.ToHexStringLower(SHA256.HashData(r.DataBytes)) != r.DataSha256) yield return RecordMessages.DataEdited;
        if (RecordHash.Of(r) != r.Hash) yield return RecordMessages.RecordEdited;
    }

    private static IEnumerable<string> ReviewProblems(ReviewStep s, IReadOnlyDictionary<long, EvaluationRecord> records)
    {
        if (ReviewFormat.Hash(s) != s.Hash) yield return RecordMessages.ReviewEdited;
        if (!records.TryGetValue(s.EvaluationRecordId, out var r) || r.CommuneKey != s.CommuneKey || r.Year != s.Year)
            yield return MessageText.Format(RecordMessages.ReviewAboutOtherRecord, s.EvaluationRecordId, s.CommuneKey, s.Year);
    }
}

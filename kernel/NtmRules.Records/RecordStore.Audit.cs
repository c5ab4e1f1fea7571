using System.Globalization;
using System.Security.Cryptography;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Records;

public sealed partial class RecordStore
{
    /// <summary>The integrity check, the triggers and the anchored head, each a <see cref="StoreException"/> when it fails.</summary>
    private void CheckBeforeWriting()
    {
        if (_dialect.IntegrityCheck(_connection, _tx) is { } check)
            throw new StoreException(Path, $"the record store is damaged ({check}); nothing was saved. Restore it from a backup");
        if (MissingTriggers() is { Count: > 0 } missing)
            throw new StoreException(Path, $"the record store lost its append-only trigger(s) {string.Join(", ", missing)}, so records could have been changed or deleted; nothing was saved. Run 'ntm verify --all' and restore the store from a backup");
        if (HeadProblem(Head(), _dialect.ReadAnchor(_connection, _tx)) is { } problem)
            throw new StoreException(Path, $"{problem}; nothing was saved. Run 'ntm verify --all' and restore the store from a backup");
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
        if (anchored.Id < 0) return $"{anchor} is unreadable (edited by hand?)";
        if (head is null || head.Id < anchored.Id)
            return $"the newest records were deleted: {anchor} names record {anchored.Id}, the store ends at {(head is null ? "no record" : $"record {head.Id}")}";
        var hash = Guarded(() => Scalar($"SELECT hash FROM {ChainView} WHERE id = @id;", ("@id", anchored.Id)));
        if (hash as string != anchored.Hash)
            return $"record {anchored.Id} is not the one {anchor} names (hash {anchored.Hash[..12]}…): the chain was rewritten";
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
            tampering.Add($"the append-only trigger {t} was dropped: the store no longer refuses {TriggerGuards(t)}");
        var head = Head();
        var anchored = Guarded(() => _dialect.ReadAnchor(_connection, _tx));
        if (HeadProblem(head, anchored) is { } problem) tampering.Add(problem);
        else if (anchored is null && head is not null) notes.Add($"no head anchored yet ({_dialect.AnchorName}): the next save writes it; until then only a head you kept (--expect-head) shows deleted newest records");
        else if (anchored is not null && head is not null && head.Id > anchored.Id) notes.Add($"records {anchored.Id + 1}–{head.Id} are newer than {_dialect.AnchorName} (ntm stopped between saving and updating it?)");
        if (expectedHead is not null) CheckExpected(expectedHead.Trim().ToLowerInvariant(), head, tampering, notes);
        var count = Guarded(() => Convert.ToInt32(Scalar($"SELECT count(*) FROM {ChainView};"), CultureInfo.InvariantCulture));
        return new StoreAudit(breaks, tampering, notes, head, count);
    }

    private static string TriggerGuards(string trigger) =>
        trigger.EndsWith("delete", StringComparison.Ordinal) ? "deletes"
        : trigger.EndsWith("truncate", StringComparison.Ordinal) ? "TRUNCATE"
        : "updates";

    private void CheckExpected(string expected, ChainHead? head, List<string> tampering, List<string> notes)
    {
        if (expected.Length is < 12 or > 64 || !expected.All(Uri.IsHexDigit))
            throw new InputException(new Problem(Severity.Error,
                "--expect-head takes a record hash (64 hex digits, or at least its first 12 as 'ntm history' shows them)", Field: "--expect-head"));
        var first = Guarded(() => Scalar($"SELECT min(id) FROM {ChainView} WHERE substr(hash, 1, {expected.Length.ToString(CultureInfo.InvariantCulture)}) = @h;", ("@h", expected)));
        if (first is null or DBNull)
            tampering.Add($"no record has the hash you kept ({expected}): the records up to that head were deleted or the chain was rewritten");
        else if (head is not null && Convert.ToInt64(first, CultureInfo.InvariantCulture) is var id && id < head.Id)
            notes.Add($"the head you kept is record {id}; records {id + 1}–{head.Id} were saved after it");
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
            if (e.Id != expectedId) breaks.Add(new ChainBreak(e.Id, $"record {expectedId}{(e.Id - expectedId > 1 ? $"–{e.Id - 1}" : "")} is missing (deleted)"));
            if (e.PreviousHash != previous) breaks.Add(new ChainBreak(e.Id, "it does not point at the record before it (a record before it was deleted, inserted or edited)"));
            breaks.AddRange(e.Problems.Select(p => new ChainBreak(e.Id, p)));
            previous = e.Hash;
            expectedId = e.Id + 1;
        }
        return breaks;
    }

    private static IEnumerable<string> RecordProblems(EvaluationRecord r)
    {
        if (Convert.ToHexStringLower(SHA256.HashData(r.DataBytes)) != r.DataSha256) yield return "its stored data file does not match its recorded SHA-256 (data edited)";
        if (RecordHash.Of(r) != r.Hash) yield return "its content does not match its hash (record edited)";
    }

    private static IEnumerable<string> ReviewProblems(ReviewStep s, IReadOnlyDictionary<long, EvaluationRecord> records)
    {
        if (ReviewFormat.Hash(s) != s.Hash) yield return "its content does not match its hash (review step edited)";
        if (!records.TryGetValue(s.EvaluationRecordId, out var r) || r.CommuneKey != s.CommuneKey || r.Year != s.Year)
            yield return $"this review step is about record {s.EvaluationRecordId}, which is not an evaluation of {s.CommuneKey} {s.Year} in the store";
    }
}

using NtmRules.Kernel.Localization;
using System.Data.Common;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records.Localization;

namespace NtmRules.Records;

public sealed partial class RecordStore
{
    /// <summary>Longest account name, comment and indicator comment a review step takes, and most indicator comments.</summary>
    private const int MaxAccount = 256, MaxComment = 20_000, MaxIndicatorComments = 1_000;

    /// <summary>
    /// Appends a review step, chained to the newest entry (evaluation record or review step) in the
    /// same way as <see cref="Append"/>, and anchors the new head. Which account may take which step
    /// is the portal's rule, not the store's; the store only requires that the evaluation record
    /// exists and is of the draft's commune and year.
    /// </summary>
    /// <exception cref="RecordNotFoundException">The evaluation record does not exist.</exception>
    /// <exception cref="InputException">The record is of another commune or year; the account is empty; a comment is too long.</exception>
    /// <exception cref="StoreException">The store is damaged or was tampered with: nothing was saved.</exception>
    public ReviewStep AppendReview(ReviewStepDraft draft, DateTimeOffset at)
    {
        Validate(draft);
        var record = Get(draft.EvaluationRecordId);
        if (record.CommuneKey != draft.CommuneKey || record.Year != draft.Year)
            throw new InputException(new Problem(Severity.Error,
                MessageText.Format(RecordMessages.ReviewWrongRecord, record.Id, record.CommuneKey, record.Year, draft.CommuneKey, draft.Year),
                Path, Field: "evaluationRecordId"));
        return AppendEntry((id, previous) =>
        {
            var unhashed = new ReviewStep
            {
                Id = id,
                CreatedAt = Timestamp(at),
                CommuneKey = draft.CommuneKey,
                Year = draft.Year,
                EvaluationRecordId = draft.EvaluationRecordId,
                Action = draft.Action,
                Account = draft.Account,
                Comment = draft.Comment,
                IndicatorComments = draft.IndicatorComments.ToArray(),
                PreviousHash = previous,
                Hash = "",
            };
            var step = unhashed with { Hash = ReviewFormat.Hash(unhashed) };
            InsertReview(step);
            return (step, new ChainHead(step.Id, step.Hash));
        });
    }

    private void Validate(ReviewStepDraft draft)
    {
        string? problem = null;
        if (!Enum.IsDefined(draft.Action)) problem = MessageText.Format(RecordMessages.ReviewUnknownAction, (int)draft.Action);
        else if (string.IsNullOrWhiteSpace(draft.Account)) problem = RecordMessages.ReviewNoAccount;
        else if (draft.Account.Length > MaxAccount) problem = MessageText.Format(RecordMessages.ReviewAccountTooLong, MaxAccount);
        else if (draft.Comment?.Length > MaxComment) problem = MessageText.Format(RecordMessages.ReviewCommentTooLong, MessageText.Count(MaxComment));
        else if (draft.IndicatorComments.Count > MaxIndicatorComments) problem = MessageText.Format(RecordMessages.ReviewTooManyComments, MessageText.Count(MaxIndicatorComments));
        else if (draft.IndicatorComments.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.IndicatorId) || c.Text is null || c.Text.Length > MaxComment) is { } bad)
            problem = MessageText.Format(RecordMessages.ReviewBadIndicatorComment, bad.IndicatorId, MessageText.Count(MaxComment));
        if (problem is not null) throw new InputException(new Problem(Severity.Error, problem, Path));
    }

    private void InsertReview(ReviewStep s) => Execute("""
        INSERT INTO reviews (id, created_at, commune_key, year, evaluation_record_id, action, account, comment, indicator_comments, previous_hash, hash)
        VALUES (@id, @created, @key, @year, @record, @action, @account, @comment, @comments, @prev, @hash);
        """,
        ("@id", s.Id), ("@created", s.CreatedAt), ("@key", s.CommuneKey), ("@year", s.Year), ("@record", s.EvaluationRecordId),
        ("@action", ReviewFormat.Key(s.Action)), ("@account", s.Account), ("@comment", s.Comment),
        ("@comments", ReviewFormat.CommentsJson(s.IndicatorComments)), ("@prev", s.PreviousHash), ("@hash", s.Hash));

    /// <summary>The review steps of one commune's self-assessment of <paramref name="year"/>, oldest first.</summary>
    public IReadOnlyList<ReviewStep> Reviews(string communeKey, int year) =>
        QueryReviews("SELECT * FROM reviews WHERE commune_key = @key AND year = @year ORDER BY id;", ("@key", communeKey), ("@year", year));

    /// <summary>Every review step in the store, oldest first.</summary>
    public IReadOnlyList<ReviewStep> AllReviews() => QueryReviews("SELECT * FROM reviews ORDER BY id;");

    private List<ReviewStep> QueryReviews(string sql, params (string Name, object? Value)[] parameters) => Guarded(() =>
    {
        using var cmd = Command(sql, parameters);
        using var reader = cmd.ExecuteReader();
        var list = new List<ReviewStep>();
        while (reader.Read()) list.Add(ReadReview(reader));
        return list;
    });

    private ReviewStep ReadReview(DbDataReader reader)
    {
        string Text(string column) => reader.GetString(reader.GetOrdinal(column));
        var id = reader.GetInt64(reader.GetOrdinal("id"));
        var action = ReviewFormat.Parse(Text("action"))
            ?? throw new StoreException(Path, MessageText.Format(RecordMessages.StoreCorruptReviewAction, id, Text("action")));
        IReadOnlyList<IndicatorComment> comments;
        try
        {
            comments = ReviewFormat.ParseComments(Text("indicator_comments"));
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            throw new StoreException(Path, MessageText.Format(RecordMessages.StoreCorruptReviewComments, id, e.Message));
        }
        return new ReviewStep
        {
            Id = id,
            CreatedAt = Text("created_at"),
            CommuneKey = Text("commune_key"),
            Year = reader.GetInt32(reader.GetOrdinal("year")),
            EvaluationRecordId = reader.GetInt64(reader.GetOrdinal("evaluation_record_id")),
            Action = action,
            Account = Text("account"),
            Comment = reader.IsDBNull(reader.GetOrdinal("comment")) ? null : Text("comment"),
            IndicatorComments = comments,
            PreviousHash = Text("previous_hash"),
            Hash = Text("hash"),
        };
    }
}

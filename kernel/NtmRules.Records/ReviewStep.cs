using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;

namespace NtmRules.Records;

/// <summary>What a review step does to a commune's self-assessment (hồ sơ tự đánh giá) of one year.</summary>
public enum ReviewAction
{
    /// <summary>The commune submits an evaluation record for review; a resubmission after a return is <c>Submitted</c> again.</summary>
    Submitted,
    /// <summary>The province returns it with comments.</summary>
    Returned,
    /// <summary>The province accepts it.</summary>
    Accepted,
}

/// <summary>A reviewer's comment on one indicator of the evaluation under review.</summary>
/// <param name="IndicatorId">The indicator's code as the evaluation names it (e.g. "2.1").</param>
/// <param name="Text">The comment.</param>
public sealed record IndicatorComment(string IndicatorId, string Text);

/// <summary>A review step before the store numbers and chains it.</summary>
/// <param name="CommuneKey">The commune, as <see cref="EvaluationRecord.CommuneKey"/>; must be the evaluation record's.</param>
/// <param name="Year">The assessment year; must be the evaluation record's.</param>
/// <param name="EvaluationRecordId">The evaluation record the step is about; it must exist in the store.</param>
/// <param name="Action">Submitted, returned or accepted.</param>
/// <param name="Account">The account that took the step (its user name).</param>
/// <param name="Comment">A comment on the whole submission, if any.</param>
/// <param name="IndicatorComments">Comments per indicator, in the order given.</param>
public sealed record ReviewStepDraft(
    string CommuneKey, int Year, long EvaluationRecordId, ReviewAction Action, string Account, string? Comment,
    IReadOnlyList<IndicatorComment> IndicatorComments);

/// <summary>
/// One step of the review of a commune's self-assessment, kept in the store's hash chain beside
/// the evaluation records: records and review steps are numbered in one sequence and each points
/// at the hash of the one before it, whichever kind that is. Immutable once written.
/// </summary>
public sealed record ReviewStep
{
    /// <summary>Its number in the store's one sequence of records and review steps.</summary>
    public required long Id { get; init; }
    /// <summary>When it was taken (UTC, ISO 8601, as <see cref="EvaluationRecord.CreatedAt"/>).</summary>
    public required string CreatedAt { get; init; }
    /// <summary>The commune, as <see cref="EvaluationRecord.CommuneKey"/>.</summary>
    public required string CommuneKey { get; init; }
    /// <summary>The assessment year.</summary>
    public required int Year { get; init; }
    /// <summary>The evaluation record under review.</summary>
    public required long EvaluationRecordId { get; init; }
    /// <summary>What was done.</summary>
    public required ReviewAction Action { get; init; }
    /// <summary>Who did it (account name).</summary>
    public required string Account { get; init; }
    /// <summary>A comment on the whole submission, if any.</summary>
    public string? Comment { get; init; }
    /// <summary>Comments per indicator.</summary>
    public required IReadOnlyList<IndicatorComment> IndicatorComments { get; init; }
    /// <summary>Hash of the record or review step before it (64 zeros for the first entry of a store).</summary>
    public required string PreviousHash { get; init; }
    /// <summary>SHA-256 over this step's fields and <see cref="PreviousHash"/>.</summary>
    public required string Hash { get; init; }
}

/// <summary>How review steps are written to and hashed in the store.</summary>
internal static class ReviewFormat
{
    /// <summary>The stable lower-case key of an action, as stored and hashed.</summary>
    public static string Key(ReviewAction action) => action switch
    {
        ReviewAction.Submitted => "submitted",
        ReviewAction.Returned => "returned",
        ReviewAction.Accepted => "accepted",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a review action"),
    };

    /// <summary>The action of a stored key; null for anything else (a store edited by hand).</summary>
    public static ReviewAction? Parse(string key) => key switch
    {
        "submitted" => ReviewAction.Submitted,
        "returned" => ReviewAction.Returned,
        "accepted" => ReviewAction.Accepted,
        _ => null,
    };

    /// <summary>The indicator comments as stored: a JSON array of <c>{"indicatorId", "text"}</c>.</summary>
    public static string CommentsJson(IReadOnlyList<IndicatorComment> comments) =>
        JsonConvert.SerializeObject(comments.Select(c => new { indicatorId = c.IndicatorId, text = c.Text }));

    /// <summary>The indicator comments of their stored JSON.</summary>
    public static IReadOnlyList<IndicatorComment> ParseComments(string json) =>
        (JsonConvert.DeserializeObject<List<StoredComment>>(json) ?? [])
            .Select(c => new IndicatorComment(c.IndicatorId ?? "", c.Text ?? "")).ToArray();

    private sealed record StoredComment(string? IndicatorId, string? Text);

    /// <summary>
    /// The chain hash of a review step: SHA-256 over a JSON array that starts with the tag
    /// "ntm.review/1" (so no review step hashes like an evaluation record) and holds every field.
    /// </summary>
    public static string Hash(ReviewStep s)
    {
        var canonical = JsonConvert.SerializeObject(new object?[]
        {
            "ntm.review/1", s.PreviousHash, s.Id, s.CreatedAt, s.CommuneKey, s.Year, s.EvaluationRecordId, Key(s.Action),
            s.Account, s.Comment, s.IndicatorComments.Select(c => new[] { c.IndicatorId, c.Text }).ToArray(),
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

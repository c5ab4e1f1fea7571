using NtmRules.Kernel.Localization;
using NtmRules.Portal.Localization;
using NtmRules.Records;

namespace NtmRules.Portal;

/// <summary>Where a commune's self-assessment (hồ sơ tự đánh giá) of one year stands.</summary>
public enum DossierState
{
    /// <summary>Nothing submitted yet.</summary>
    ChuaNop,

    /// <summary>Submitted (or resubmitted), waiting for the province.</summary>
    ChoThamDinh,

    /// <summary>Returned by the province with comments; the commune corrects and resubmits.</summary>
    BiTraLai,

    /// <summary>Accepted by the province: final.</summary>
    DaChapNhan,
}

/// <summary>One move of the state machine: from a state, an action taken by a role, to a state.</summary>
/// <param name="From">The state before.</param>
/// <param name="Action">The review step recorded.</param>
/// <param name="Role">The only role that may take it (and only within its commune or province).</param>
/// <param name="To">The state after.</param>
public sealed record Transition(DossierState From, ReviewAction Action, PortalRole Role, DossierState To);

/// <summary>A review move refused: who may not do what, in Vietnamese.</summary>
public sealed class ReviewRefusedException(string message) : Exception(message);

/// <summary>A commune's dossier of one year: its review steps, oldest first, as the record store keeps them.</summary>
/// <param name="CommuneKey">The commune (the record store's key).</param>
/// <param name="Province">The commune's province, from its records (null when they name none).</param>
/// <param name="Year">The assessment year.</param>
/// <param name="Steps">Every review step, oldest first.</param>
public sealed record Dossier(string CommuneKey, string? Province, int Year, IReadOnlyList<ReviewStep> Steps)
{
    /// <summary>The state the last step left it in.</summary>
    public DossierState State => ReviewWorkflow.StateAfter(Steps);

    /// <summary>The newest submission (the record under review or last reviewed); null before the first.</summary>
    public ReviewStep? Submission => Steps.LastOrDefault(s => s.Action == ReviewAction.Submitted);

    /// <summary>The province's last return, whose comments the commune answers; null when there is none.</summary>
    public ReviewStep? LastReturn => Steps.LastOrDefault(s => s.Action == ReviewAction.Returned);
}

/// <summary>
/// The submission and review state machine: a commune submits, the province returns it with
/// comments or accepts it, a returned dossier is resubmitted; accepted is final. Only the commune's
/// own account submits; only a province account of the commune's province reviews; the auditor
/// and the administrator move nothing. The web pages ask this class, never decide themselves.
/// </summary>
public static class ReviewWorkflow
{
    /// <summary>Every allowed move.</summary>
    public static IReadOnlyList<Transition> Transitions { get; } =
    [
        new(DossierState.ChuaNop, ReviewAction.Submitted, PortalRole.Xa, DossierState.ChoThamDinh),
        new(DossierState.BiTraLai, ReviewAction.Submitted, PortalRole.Xa, DossierState.ChoThamDinh),
        new(DossierState.ChoThamDinh, ReviewAction.Returned, PortalRole.Tinh, DossierState.BiTraLai),
        new(DossierState.ChoThamDinh, ReviewAction.Accepted, PortalRole.Tinh, DossierState.DaChapNhan),
    ];

    /// <summary>The state after <paramref name="steps"/> (oldest first), each of which was an allowed move when taken.</summary>
    public static DossierState StateAfter(IEnumerable<ReviewStep> steps)
    {
        var state = DossierState.ChuaNop;
        foreach (var s in steps)
            state = Transitions.FirstOrDefault(t => t.From == state && t.Action == s.Action)?.To
                ?? throw new InvalidOperationException($"review step {s.Id} ({s.Action}) does not follow from {state}");
        return state;
    }

    /// <summary>The actions <paramref name="account"/> may take on <paramref name="dossier"/> now.</summary>
    public static IReadOnlyList<ReviewAction> Allowed(PortalAccount account, Dossier dossier) =>
        account.MayRead(dossier.CommuneKey, dossier.Province)
            ? Transitions.Where(t => t.From == dossier.State && t.Role == account.Role).Select(t => t.Action).ToArray()
            : [];

    /// <summary>
    /// The review step <paramref name="account"/> takes: a submission names the record submitted;
    /// a return or an acceptance is about the record under review. A return needs a comment (on
    /// the whole or on an indicator) so the commune knows what to correct.
    /// </summary>
    /// <exception cref="ReviewRefusedException">The account may not take this step now, or a return has no comment.</exception>
    public static ReviewStepDraft Step(PortalAccount account, Dossier dossier, ReviewAction action, long? submittedRecord, string? comment, IReadOnlyList<IndicatorComment> indicatorComments)
    {
        if (!Allowed(account, dossier).Contains(action))
            throw new ReviewRefusedException(
                MessageText.Format(PortalMessages.StepNotAllowed, account.UserName, account.Role.Label(), action.Label(), dossier.State.Label(), WhoMay(dossier.State)));
        var note = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var comments = indicatorComments.Where(c => !string.IsNullOrWhiteSpace(c.Text)).Select(c => c with { Text = c.Text.Trim() }).ToArray();
        if (action == ReviewAction.Returned && note is null && comments.Length == 0)
            throw new ReviewRefusedException(PortalMessages.ReturnNeedsComment);
        var record = action == ReviewAction.Submitted
            ? submittedRecord ?? throw new ReviewRefusedException(PortalMessages.SubmitNeedsRecord)
            : dossier.Submission!.EvaluationRecordId;
        return new ReviewStepDraft(dossier.CommuneKey, dossier.Year, record, action, account.UserName, note,
            action == ReviewAction.Submitted ? [] : comments);
    }

    /// <summary>"Chỉ cán bộ tỉnh của tỉnh này được …": who may move a dossier out of <paramref name="state"/>.</summary>
    public static string WhoMay(DossierState state)
    {
        var moves = Transitions.Where(t => t.From == state).ToArray();
        return moves.Length == 0
            ? PortalMessages.NoMoreMoves
            : string.Join(" ", moves.Select(t => MessageText.Format(PortalMessages.WhoMayMove, Capitalised(t.Role.Label()), Scope(t.Role), t.Action.Label(), t.To.Label())));
    }

    private static string Scope(PortalRole role) => role == PortalRole.Xa ? PortalMessages.ScopeOwnCommune : PortalMessages.ScopeCommuneProvince;

    private static string Capitalised(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>"nộp", "trả lại", "chấp nhận" (in the session's language: pages are Vietnamese, the API follows Accept-Language).</summary>
    public static string Label(this ReviewAction action) => action switch
    {
        ReviewAction.Submitted => PortalMessages.ActionSubmitted,
        ReviewAction.Returned => PortalMessages.ActionReturned,
        ReviewAction.Accepted => PortalMessages.ActionAccepted,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>"chưa nộp", "chờ thẩm định", "bị trả lại", "đã chấp nhận" (in the session's language).</summary>
    public static string Label(this DossierState state) => state switch
    {
        DossierState.ChuaNop => PortalMessages.StateChuaNop,
        DossierState.ChoThamDinh => PortalMessages.StateChoThamDinh,
        DossierState.BiTraLai => PortalMessages.StateBiTraLai,
        DossierState.DaChapNhan => PortalMessages.StateDaChapNhan,
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>Stable key for pages and tests: "chua-nop", "cho-tham-dinh", "bi-tra-lai", "da-chap-nhan".</summary>
    public static string Key(this DossierState state) => state switch
    {
        DossierState.ChuaNop => "chua-nop",
        DossierState.ChoThamDinh => "cho-tham-dinh",
        DossierState.BiTraLai => "bi-tra-lai",
        DossierState.DaChapNhan => "da-chap-nhan",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}

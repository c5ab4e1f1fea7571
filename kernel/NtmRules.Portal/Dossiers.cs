using NtmRules.Kernel.Localization;
using NtmRules.Portal.Localization;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;

namespace NtmRules.Portal;

/// <summary>A dossier with what its page shows: the year's records, the record under review and the previous year's record beside it.</summary>
/// <param name="Dossier">The review steps and state.</param>
/// <param name="CommuneName">The commune's name, from its newest record.</param>
/// <param name="Records">The commune's records of the year, oldest first (what may be submitted).</param>
/// <param name="Previous">The commune's newest record of the year before, if any.</param>
public sealed record DossierView(Dossier Dossier, string CommuneName, IReadOnlyList<EvaluationRecord> Records, EvaluationRecord? Previous)
{
    /// <summary>The record under review (or last reviewed); null before the first submission.</summary>
    public EvaluationRecord? UnderReview => Dossier.Submission is { } s ? Records.FirstOrDefault(r => r.Id == s.EvaluationRecordId) : null;
}

/// <summary>A line of the dossier list.</summary>
/// <param name="CommuneKey">The commune.</param>
/// <param name="CommuneName">Its name.</param>
/// <param name="Province">Its province.</param>
/// <param name="Year">The year.</param>
/// <param name="State">Where the dossier stands.</param>
public sealed record DossierLine(string CommuneKey, string CommuneName, string? Province, int Year, DossierState State);

/// <summary>Dossiers read from and moved in a record store, as the portal's pages need them.</summary>
public static class Dossiers
{
    /// <summary>The dossier of a commune and year; null when the commune has no record of that year.</summary>
    public static DossierView? Load(RecordStore store, string communeKey, int year)
    {
        var all = store.List(communeKey);
        var records = all.Where(r => r.Year == year).ToArray();
        if (records.Length == 0) return null;
        var newest = records[^1];
        var dossier = new Dossier(communeKey, newest.Province, year, store.Reviews(communeKey, year));
        return new DossierView(dossier, newest.CommuneName, records, all.LastOrDefault(r => r.Year == year - 1));
    }

    /// <summary>Every dossier (commune and year with a record) that <paramref name="account"/> may read, by commune then year.</summary>
    public static IReadOnlyList<DossierLine> List(RecordStore store, PortalAccount account) =>
        store.List()
            .Where(r => account.MayRead(r.CommuneKey, r.Province))
            .GroupBy(r => (r.CommuneKey, r.Year))
            .Select(g => new DossierLine(g.Key.CommuneKey, g.Last().CommuneName, g.Last().Province, g.Key.Year,
                ReviewWorkflow.StateAfter(store.Reviews(g.Key.CommuneKey, g.Key.Year))))
            .OrderBy(l => l.CommuneName, StringComparer.Ordinal).ThenBy(l => l.Year)
            .ToArray();

    /// <summary>Takes a review step, if the state machine lets <paramref name="account"/>, and appends it to the store's chain.</summary>
    /// <exception cref="ReviewRefusedException">No such dossier for this account, or the move is not allowed now.</exception>
    /// <exception cref="NtmException">The store refused the step (its own checks, or a damaged store).</exception>
    public static ReviewStep Take(RecordStore store, PortalAccount account, string communeKey, int year, ReviewAction action,
        long? submittedRecord, string? comment, IReadOnlyList<IndicatorComment> indicatorComments, DateTimeOffset at)
    {
        var view = Load(store, communeKey, year);
        if (view is null || !account.MayRead(communeKey, view.Dossier.Province))
            throw new ReviewRefusedException(MessageText.Format(PortalMessages.NoDossier, communeKey, year));
        if (action == ReviewAction.Submitted && submittedRecord is { } id && view.Records.All(r => r.Id != id))
            throw new ReviewRefusedException(MessageText.Format(PortalMessages.RecordNotOfDossier, id, year));
        var draft = ReviewWorkflow.Step(account, view.Dossier, action, submittedRecord, comment, indicatorComments);
        return store.AppendReview(draft, at);
    }
}

using System.Globalization;
using System.Text;
using NtmRules.Intake.Batch;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Localization;

namespace NtmRules.Intake.Reports;

/// <summary>
/// The aggregate report in Markdown, as a district or provincial summary writes it, in the session's language
/// (Vietnamese by default); names and codes from the set and the data stay as written there.
/// </summary>
public static class AggregateMarkdownWriter
{
    /// <summary>The report's text (LF line ends, no timestamp: same results, same bytes).</summary>
    public static string Write(AggregateReport r)
    {
        var sb = new StringBuilder();
        var n = r.Set.Criteria.Count;
        sb.Append("# ").Append(ReportMessages.ReportTitle).Append("\n\n");
        sb.Append("- ").Append(MessageText.Format(ReportMessages.ReportSet, r.Set.Name, r.Set.Id, n, r.Set.Indicators.Count)).Append('\n');
        sb.Append("- ").Append(MessageText.Format(ReportMessages.ReportEvaluated, Count(r.Evaluated))).Append('\n');
        sb.Append("- ").Append(MessageText.Format(ReportMessages.ReportRejected, Count(r.Rejected), r.Rejected > 0 ? ReportMessages.ReportSeeErrors : "")).Append("\n\n");

        sb.Append("## ").Append(ReportMessages.ReportByBand).Append("\n\n");
        sb.Append(Sentence(r)).Append("\n\n");
        sb.Append($"| {ReportMessages.ColBand} | {ReportMessages.ColCommunes} | {ReportMessages.ColShare} |\n|---|---:|---:|\n");
        foreach (var b in r.Bands) sb.Append($"| {b.Band.Label} | {Count(b.Communes)} | {Percent(b.Communes, r.Evaluated)} |\n");
        sb.Append('\n');

        if (r.Groups is { } grouped) WriteGroups(sb, r, grouped);

        sb.Append($"## {ReportMessages.ReportByCriterion}\n\n| {ReportMessages.ColNumber} | {ReportMessages.ColCriterion} | {ReportMessages.ColCommunesMet} | {ReportMessages.ColShare} |\n|---:|---|---:|---:|\n");
        foreach (var c in r.Criteria) sb.Append($"| {c.Criterion.Number} | {Cell(c.Criterion.Name)} | {Count(c.Met)} | {Percent(c.Met, r.Evaluated)} |\n");
        sb.Append('\n');

        sb.Append($"## {ReportMessages.ReportByIndicator}\n\n| {ReportMessages.ColIndicator} | {ReportMessages.ColContent} | {ReportMessages.ColMet} | {ReportMessages.ColNotMet} | {ReportMessages.ColMissingData} | {ReportMessages.ColNotApplicable} | {ReportMessages.ColThreshold} |\n|---|---|---:|---:|---:|---:|---|\n");
        foreach (var i in r.Indicators)
            sb.Append($"| {i.Indicator.Code} | {Cell(i.Indicator.Name)} | {Count(i.Met)} | {Count(i.NotMet)} | {Count(i.MissingData)} | {Count(i.NotApplicable)} | {i.Indicator.Threshold.WeakestState.Name(CultureInfo.CurrentUICulture)} |\n");
        sb.Append('\n').Append(ReportMessages.ReportThresholdNote).Append('\n');
        sb.Append('\n');

        sb.Append("## ").Append(ReportMessages.ReportClosest).Append("\n\n");
        if (r.Closest.Count == 0) sb.Append(ReportMessages.ReportNoneUnmet).Append('\n');
        else WriteClosest(sb, r, n);
        return sb.ToString();
    }

    /// <summary>The table per province, commune group or former district.</summary>
    private static void WriteGroups(StringBuilder sb, AggregateReport r, IReadOnlyList<GroupSummary> grouped)
    {
        sb.Append($"## {r.Grouping.Title()}\n\n");
        sb.Append($"| {r.Grouping.Heading()} | {ReportMessages.ColCommunes} | ").Append(string.Join(" | ", r.Bands.Select(b => b.Band.Label))).Append($" | {ReportMessages.ColAverage} |\n");
        sb.Append("|---|---:|").Append(string.Concat(r.Bands.Select(_ => "---:|"))).Append("---:|\n");
        foreach (var d in grouped)
            sb.Append($"| {Cell(d.Name)} | {Count(d.Communes)} | ").Append(string.Join(" | ", d.Bands.Select(b => Count(b.Communes))))
                .Append($" | {MessageText.Fixed(d.AverageCriteriaMet, 1)} |\n");
        sb.Append('\n');
    }

    /// <summary>The communes closest to meeting every criterion, fewest unmet indicators first.</summary>
    private static void WriteClosest(StringBuilder sb, AggregateReport r, int n)
    {
        sb.Append(ReportMessages.ReportClosestOrder).Append("\n\n");
        // The former-district column appears only when some commune names one (data from before
        // 1 July 2025), the group column only when some commune states a group (sets of 2026–2030).
        var districts = r.Closest.Any(o => !string.IsNullOrWhiteSpace(o.District));
        var groups = r.Closest.Any(o => o.Group is not null);
        var columns = new List<(string Title, string Align, Func<CommuneOutcome, string> Cell)>
        {
            (ReportMessages.ColCommune, "---", o => Cell(o.Name)), (ReportMessages.ColCommuneCode, "---", o => Cell(o.Code ?? "")),
        };
        if (districts) columns.Add((ReportMessages.GroupDistrict, "---", o => Cell(o.District ?? "")));
        if (groups) columns.Add((ReportMessages.GroupGroup, "---", o => o.Group is { } g ? g.Code() : ""));
        columns.Add((ReportMessages.ColCriteriaMet, "---:", o => $"{o.CriteriaMet}/{n}"));
        columns.Add((ReportMessages.ColUnmetCount, "---:", o => o.UnmetIndicators.Count.ToString(CultureInfo.InvariantCulture)));
        columns.Add((ReportMessages.ColUnmet, "---", o => string.Join(", ", o.UnmetIndicators)));
        sb.Append("| ").Append(string.Join(" | ", columns.Select(c => c.Title))).Append(" |\n|").Append(string.Concat(columns.Select(c => c.Align + "|"))).Append('\n');
        foreach (var o in r.Closest) sb.Append("| ").Append(string.Join(" | ", columns.Select(c => c.Cell(o)))).Append(" |\n");
    }

    /// <summary>"2 xã đạt 19/19 tiêu chí; 6 xã đạt từ 15 đến 18 tiêu chí; … Trung bình đạt 15,0 tiêu chí/xã."</summary>
    public static string Sentence(AggregateReport r) =>
        string.Join("; ", r.Bands.Select(b => MessageText.Format(ReportMessages.SentenceBand, Count(b.Communes), LowerFirst(b.Band.Label))))
        + MessageText.Format(ReportMessages.SentenceAverage, MessageText.Fixed(r.AverageCriteriaMet, 1));

    private static string LowerFirst(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    private static string Count(int n) => MessageText.Count(n);

    internal static string Percent(int part, int whole) => whole == 0 ? "–" : MessageText.Fixed(100.0 * part / whole, 1) + "%";

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}

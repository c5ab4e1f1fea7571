using System.Globalization;
using NtmRules.Intake.Localization;
using NtmRules.Intake.Batch;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Reports;

/// <summary>The aggregate report as a workbook, one sheet per table of the Markdown report, numbers as numbers, in the session's language.</summary>
public static class AggregateXlsxWriter
{
    /// <summary>Writes <paramref name="r"/> to <paramref name="path"/>.</summary>
    public static void Write(AggregateReport r, string path) => XlsxWriter.Write(path, Sheets(r));

    /// <summary>The report's sheets.</summary>
    public static IReadOnlyList<SheetSpec> Sheets(AggregateReport r)
    {
        var n = r.Set.Criteria.Count;
        var summary = new List<IReadOnlyList<object?>>
        {
            new object?[] { ReportMessages.XlsxSet, $"{r.Set.Name} ({r.Set.Id})" },
            new object?[] { ReportMessages.XlsxEvaluated, r.Evaluated },
            new object?[] { ReportMessages.XlsxRejected, r.Rejected },
            new object?[] { ReportMessages.XlsxAverage, Math.Round(r.AverageCriteriaMet, 2) },
            new object?[] { ReportMessages.XlsxSummary, AggregateMarkdownWriter.Sentence(r) },
            Array.Empty<object?>(),
            new object?[] { ReportMessages.ColBand, ReportMessages.ColCommunes, ReportMessages.ColSharePercent },
        };
        summary.AddRange(r.Bands.Select(b => (IReadOnlyList<object?>)[b.Band.Label, b.Communes, Share(b.Communes, r.Evaluated)]));

        var criteria = new List<IReadOnlyList<object?>> { new object?[] { ReportMessages.ColNumber, ReportMessages.ColCriterion, ReportMessages.ColCommunesMet, ReportMessages.ColSharePercent } };
        criteria.AddRange(r.Criteria.Select(c => (IReadOnlyList<object?>)[c.Criterion.Number, c.Criterion.Name, c.Met, Share(c.Met, r.Evaluated)]));

        var indicators = new List<IReadOnlyList<object?>> { new object?[] { ReportMessages.ColIndicator, ReportMessages.ColContent, ReportMessages.ColMet, ReportMessages.ColNotMet, ReportMessages.ColMissingData, ReportMessages.ColNotApplicable, ReportMessages.ColThreshold } };
        indicators.AddRange(r.Indicators.Select(i => (IReadOnlyList<object?>)[i.Indicator.Code, i.Indicator.Name, i.Met, i.NotMet, i.MissingData, i.NotApplicable, i.Indicator.Threshold.WeakestState.Name(CultureInfo.CurrentUICulture)]));

        // The former-district column appears only when some commune names one (data from before
        // 1 July 2025), the group column only when some commune states a group (sets of 2026–2030).
        var districts = r.Closest.Any(o => !string.IsNullOrWhiteSpace(o.District));
        var groups = r.Closest.Any(o => o.Group is not null);
        var columns = new List<(string Title, int Width, Func<CommuneOutcome, object?> Cell)> { (ReportMessages.ColCommune, 28, o => o.Name), (ReportMessages.ColCommuneCode, 12, o => o.Code) };
        if (districts) columns.Add((ReportMessages.GroupDistrict, 20, o => o.District));
        if (groups) columns.Add((ReportMessages.GroupGroup, 10, o => o.Group is { } g ? (int)g : null));
        columns.AddRange([(ReportMessages.ColCriteriaMet, 12, o => o.CriteriaMet), (ReportMessages.ColUnmetCount, 20, o => o.UnmetIndicators.Count),
            (ReportMessages.ColUnmet, 40, o => string.Join(", ", o.UnmetIndicators)), (ReportMessages.ColSource, 40, o => o.Where)]);
        var closest = new List<IReadOnlyList<object?>> { columns.Select(c => (object?)c.Title).ToArray() };
        closest.AddRange(r.Closest.Select(o => (IReadOnlyList<object?>)columns.Select(c => c.Cell(o)).ToArray()));

        var sheets = new List<SheetSpec>
        {
            new(ReportMessages.SheetSummary, summary, [34, 60, 12]),
            new(ReportMessages.ReportByCriterion, criteria, [6, 50, 12, 12]),
            new(ReportMessages.ReportByIndicator, indicators, [10, 70, 10, 10, 14, 14, 22]),
            new(ReportMessages.SheetClosest, closest, columns.Select(c => (double)c.Width).ToArray()),
        };
        if (r.Groups is { } grouped)
        {
            var rows = new List<IReadOnlyList<object?>> { new object?[] { r.Grouping.Heading(), ReportMessages.ColCommunes }.Concat(r.Bands.Select(b => (object?)b.Band.Label)).Append(ReportMessages.ColAverage).ToArray() };
            rows.AddRange(grouped.Select(d => (IReadOnlyList<object?>)new object?[] { d.Name, d.Communes }
                .Concat(d.Bands.Select(b => (object?)b.Communes)).Append(Math.Round(d.AverageCriteriaMet, 2)).ToArray()));
            sheets.Insert(1, new SheetSpec(r.Grouping.Title(), rows, [28, 10, 16, 16, 16, 16, 16]));
        }
        _ = n;
        return sheets;
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 2);
}

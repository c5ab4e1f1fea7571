using NtmRules.Kernel.Localization;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NtmRules.Intake.Csv;
using NtmRules.Intake.Localization;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Output;
using RulesEngine.Models;

namespace NtmRules.Intake.Annex;

/// <summary>
/// Writes any criteria set in the annex layout (<see cref="AnnexLayout"/>): the set as loaded, so
/// inherited indicators, thresholds and measures are resolved and a set that extends another comes
/// out whole. Each indicator's rule is classified as one of the annex kinds; a rule of any other
/// shape (child rules, several params) cannot be written and is refused, naming the indicator.
/// Byte-identical output for the same set, as XLSX or CSV.
/// </summary>
public static partial class AnnexExporter
{
    /// <summary>The workbook: sheets <see cref="AnnexLayout.Sheet"/>, <see cref="AnnexLayout.InfoSheet"/> and <see cref="AnnexLayout.GuideSheet"/>.</summary>
    /// <exception cref="InputException">An indicator's rule has a shape the annex cannot state.</exception>
    public static byte[] ToXlsx(CriteriaSet set) => XlsxWriter.ToBytes(
    [
        new SheetSpec(AnnexLayout.Sheet, Table(set), Widths),
        new SheetSpec(AnnexLayout.InfoSheet, Info(set), [28, 100]),
        new SheetSpec(AnnexLayout.GuideSheet, AnnexTemplate.Guide(), [120]),
    ]);

    /// <summary>The table alone as CSV (UTF-8 with BOM, comma-separated, CRLF, numbers with a decimal comma); the set's header goes in the import command's options.</summary>
    /// <exception cref="InputException">An indicator's rule has a shape the annex cannot state.</exception>
    public static byte[] ToCsv(CriteriaSet set) => AnnexCsv.ToBytes(Table(set));

    /// <summary>The column widths of the table.</summary>
    internal static IReadOnlyList<double> Widths { get; } =
        [8, 30, 9, 50, 11, 24, 24, 40, 9, 30, 10, 20, 30, 12, .. AnnexLayout.FigureColumns.Select(_ => 10.0), 18, 40, 20, 40, 40, 18, 12, 24, 30, 16, 12, 10, 10, 16, 20, 10];

    /// <summary>The info sheet's rows (key, value).</summary>
    internal static IReadOnlyList<IReadOnlyList<object?>> Info(CriteriaSet set)
    {
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { AnnexLayout.InfoId, set.Id },
            new object?[] { AnnexLayout.InfoName, set.Name },
            new object?[] { AnnexLayout.InfoLevel, set.Level.Code() },
            new object?[] { AnnexLayout.InfoDecision, set.Decision.Number },
            new object?[] { AnnexLayout.InfoDate, Date(set.Decision.Date) },
            new object?[] { AnnexLayout.InfoAuthority, set.Decision.Authority },
            new object?[] { AnnexLayout.InfoTitle, set.Decision.Title },
            new object?[] { AnnexLayout.InfoFrom, Date(set.Effective.From) },
            new object?[] { AnnexLayout.InfoTo, set.Effective.To is { } to ? Date(to) : null },
        };
        rows.AddRange(set.LegalBases.Select(b => (IReadOnlyList<object?>)new object?[] { AnnexLayout.InfoBasis, b }));
        return rows;
    }

    /// <summary>The table's rows, header first: per criterion a heading row then its indicators' rows, then the measure rows.</summary>
    internal static IReadOnlyList<IReadOnlyList<object?>> Table(CriteriaSet set)
    {
        if (set.SourceWorkflow().GlobalParams?.Any() == true)
            throw Refuse(set, null, AnnexMessages.ExportGlobalParams);
        var rows = new List<IReadOnlyList<object?>> { AnnexLayout.Header.Cast<object?>().ToArray() };
        foreach (var criterion in set.Criteria)
        {
            var heading = NewRow();
            heading[AnnexLayout.CriterionNumber - 1] = (double)criterion.Number;
            heading[AnnexLayout.CriterionName - 1] = criterion.Name;
            rows.Add(heading);
            foreach (var indicator in criterion.Indicators) rows.AddRange(IndicatorRows(set, indicator));
        }
        var measures = NewRow();
        measures[AnnexLayout.CriterionName - 1] = "SỐ LIỆU ĐẦU VÀO (mỗi dòng một số liệu: mã ở cột Số liệu 1)";
        rows.Add(measures);
        rows.AddRange(set.Measures.Select(MeasureRow));
        return rows;
    }

    private static object?[] NewRow() => new object?[AnnexLayout.Header.Count];

    /// <summary>The first row states the indicator; each dated value, and each source within it, takes one row.</summary>
    private static IEnumerable<object?[]> IndicatorRows(CriteriaSet set, Indicator indicator)
    {
        var (kind, actual, measures) = Classify(set, indicator);
        var first = true;
        foreach (var value in indicator.Threshold.Values)
        {
            var bySource = new List<(ThresholdProvenance Provenance, List<(FigureColumn Column, ThresholdFigure Figure)> Figures)>();
            foreach (var (column, figure) in FiguresOf(value))
            {
                var slot = bySource.FindIndex(s => s.Provenance == figure.Provenance);
                if (slot < 0) bySource.Add((figure.Provenance, [(column, figure)]));
                else bySource[slot].Figures.Add((column, figure));
            }
            var firstOfValue = true;
            foreach (var (provenance, figures) in bySource)
            {
                var row = NewRow();
                row[AnnexLayout.Code - 1] = indicator.Code;
                if (first) StateIndicator(row, indicator, kind, actual, measures);
                row[AnnexLayout.From - 1] = Date(value.From);
                foreach (var (column, figure) in figures)
                    row[AnnexLayout.FirstFigure - 1 + IndexOf(column)] = Cell(figure.Value);
                WriteProvenance(row, provenance);
                if (firstOfValue)
                {
                    row[AnnexLayout.CitationDecision - 1] = value.Citation.Decision;
                    row[AnnexLayout.CitationAppendix - 1] = value.Citation.Appendix;
                    row[AnnexLayout.CitationItem - 1] = value.Citation.Item;
                }
                first = false;
                firstOfValue = false;
                yield return row;
            }
        }
    }

    private static void StateIndicator(object?[] row, Indicator indicator, IndicatorKind kind, string actual, IReadOnlyList<string> measures)
    {
        row[AnnexLayout.Name - 1] = indicator.Name;
        row[AnnexLayout.Kind - 1] = kind.Word();
        if (kind == IndicatorKind.Expression) row[AnnexLayout.ExpressionColumn - 1] = actual;
        else
        {
            row[AnnexLayout.Measure1 - 1] = measures[0];
            if (measures.Count > 1) row[AnnexLayout.Measure2 - 1] = measures[1];
        }
        row[AnnexLayout.Operator - 1] = indicator.Threshold.Operator.DisplaySymbol();
        row[AnnexLayout.ValueLabel - 1] = indicator.ValueLabel;
        row[AnnexLayout.ValueUnit - 1] = Blank(indicator.ValueUnit);
        row[AnnexLayout.ApplicableWhen - 1] = indicator.ApplicableWhen;
        row[AnnexLayout.Office - 1] = Blank(indicator.ResponsibleOffice);
    }

    private static void WriteProvenance(object?[] row, ThresholdProvenance p)
    {
        row[AnnexLayout.State - 1] = p.State.VietnameseName();
        row[AnnexLayout.Document - 1] = Blank(p.Document);
        row[AnnexLayout.Location - 1] = Blank(p.Location);
        row[AnnexLayout.Quote - 1] = Blank(p.Quote);
        row[AnnexLayout.Reason - 1] = Blank(p.Reason);
    }

    private static IEnumerable<(FigureColumn Column, ThresholdFigure Figure)> FiguresOf(ThresholdValue value)
    {
        foreach (var column in AnnexLayout.FigureColumns)
        {
            var figure = column switch
            {
                { Group: { } g } => value.ByGroup.GetValueOrDefault(g),
                { Region: { } r } => value.ByRegion.GetValueOrDefault(r),
                _ => value.General,
            };
            if (figure is not null) yield return (column, figure);
        }
    }

    private static int IndexOf(FigureColumn column) => AnnexLayout.FigureColumns.ToList().IndexOf(column);

    private static object?[] MeasureRow(Measure m)
    {
        var row = NewRow();
        row[AnnexLayout.Kind - 1] = AnnexLayout.MeasureRowKind;
        row[AnnexLayout.Measure1 - 1] = m.Key;
        row[AnnexLayout.MeasureLabel - 1] = m.Label;
        row[AnnexLayout.MeasureType - 1] = m.Type.Word();
        row[AnnexLayout.MeasureUnit - 1] = Blank(m.Unit);
        row[AnnexLayout.MeasureMin - 1] = m.Min;
        row[AnnexLayout.MeasureMax - 1] = m.Max;
        row[AnnexLayout.MeasureAtMost - 1] = m.AtMost;
        row[AnnexLayout.MeasureDisjoint - 1] = m.DisjointParts.Count > 0 ? string.Join(", ", m.DisjointParts) : null;
        row[AnnexLayout.MeasureDefault - 1] = m.Default;
        return row;
    }

    /// <summary>
    /// The kind of an indicator's rule: one <c>actual</c> param and <c>actual OP threshold</c> with the
    /// threshold's operator. <c>Ntm.Rate(m.a, m.b)</c> is a rate, <c>m.a</c> a value (yes/no for a yes/no
    /// threshold, at most for a count with ≤), anything else an explicit expression.
    /// </summary>
    internal static (IndicatorKind Kind, string Actual, IReadOnlyList<string> Measures) Classify(CriteriaSet set, Indicator indicator)
    {
        var rule = set.SourceWorkflow().Rules.FirstOrDefault(r => r.RuleName == indicator.RuleName)
            ?? throw Refuse(set, indicator, MessageText.Format(AnnexMessages.ExportNoRule, indicator.RuleName));
        var actual = rule.LocalParams?.ToArray() ?? [];
        if (rule.Rules?.Any() == true || actual.Length != 1 || actual[0].Name != "actual" || rule.Expression is null
            || Squash(rule.Expression) != "actual" + indicator.Threshold.Operator.Symbol() + "threshold")
            throw Refuse(set, indicator, MessageText.Format(AnnexMessages.ExportRuleShape, indicator.Threshold.Operator.Symbol()));
        var expression = actual[0].Expression.Trim();
        if (RatePattern().Match(expression) is { Success: true } rate)
            return (IndicatorKind.Rate, expression, [rate.Groups["a"].Value, rate.Groups["b"].Value]);
        if (MeasurePattern().Match(expression) is { Success: true } one && set.MeasuresByKey.TryGetValue(one.Groups["a"].Value, out var m))
        {
            if (indicator.Threshold.Kind == ScalarKind.Boolean && m.Type == Kernel.Domain.MeasureType.Boolean) return (IndicatorKind.YesNo, expression, [m.Key]);
            if (indicator.Threshold.Operator == ComparisonOperator.AtMost && m.Type == Kernel.Domain.MeasureType.Integer) return (IndicatorKind.CountAtMost, expression, [m.Key]);
            if (indicator.Threshold.Kind == ScalarKind.Number && m.Type != Kernel.Domain.MeasureType.Boolean) return (IndicatorKind.Value, expression, [m.Key]);
        }
        return (IndicatorKind.Expression, expression, []);
    }

    private static InputException Refuse(CriteriaSet set, Indicator? indicator, string why) =>
        new(new Problem(Severity.Error, indicator is null ? MessageText.Format(AnnexMessages.ExportRefused, set.Id, why) : MessageText.Format(AnnexMessages.ExportRefusedIndicator, set.Id, indicator.Code, why), set.WorkflowFile));

    private static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>A figure as a cell: a number stays a number; yes/no reads "có"/"không".</summary>
    internal static object Cell(Scalar s) => s.Kind == ScalarKind.Boolean ? (s.Flag ? "có" : "không") : s.Number;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Ntm\.Rate\(\s*m\.(?<a>[a-z][A-Za-z0-9]*)\s*,\s*m\.(?<b>[a-z][A-Za-z0-9]*)\s*\)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^m\.(?<a>[a-z][A-Za-z0-9]*)$")]
    private static partial Regex MeasurePattern();
}

/// <summary>Writes annex rows as CSV: UTF-8 with a BOM (Excel opens it as such), comma-separated, CRLF, RFC 4180 quoting, formula-like text neutralised.</summary>
internal static class AnnexCsv
{
    public static byte[] ToBytes(IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            var width = row.Count;
            while (width > 0 && row[width - 1] is null) width--;
            sb.Append(string.Join(',', row.Take(Math.Max(width, 1)).Select(Cell))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>A number with the Vietnamese decimal comma and no thousands separator ("6,5", "1784"), which the reader takes back unambiguously.</summary>
    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => CsvPolicy.Cell(d.ToString("R", CultureInfo.InvariantCulture).Replace('.', ',')),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => CsvPolicy.Cell(value.ToString()),
    };
}

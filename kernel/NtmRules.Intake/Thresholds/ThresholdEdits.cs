using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Intake.Localization;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Thresholds;

/// <summary>One figure an officer checked against the decision: which figure, the value it states and where.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Value">The dated value holding the figure.</param>
/// <param name="Region">Its region; null for the general figure and a group's.</param>
/// <param name="NewValue">The figure the decision states.</param>
/// <param name="Location">Article, annex, item or page.</param>
/// <param name="Quote">The decision's words.</param>
/// <param name="CheckedBy">Who checked.</param>
/// <param name="CheckedOn">When.</param>
/// <param name="Row">The workbook row, for messages.</param>
public sealed record FigureEdit(Indicator Indicator, ThresholdValue Value, Region? Region, Scalar NewValue, string Location, string Quote,
    string CheckedBy, DateOnly CheckedOn, int Row)
{
    /// <summary>The commune group whose figure this is (xã nhóm 1, 2, 3); null for a region's or the general figure.</summary>
    public CommuneGroup? Group { get; init; }

    /// <summary>Whose figure, in Vietnamese: "mức chung", "vùng DBSH", "xã nhóm 1".</summary>
    public string Place => Group is { } g ? g.VietnameseName() : Region is { } r ? "vùng " + r.Code() : "mức chung";
}

/// <summary>
/// Reads a filled verification workbook against the set it was exported from. Every bad cell is
/// reported by file, sheet, row and column; rows whose officer cells are all empty are left alone.
/// </summary>
public static partial class ThresholdEdits
{
    /// <summary>The edits of <paramref name="workbook"/>, or the problems that stop them being applied (then no edit is returned).</summary>
    public static (IReadOnlyList<FigureEdit> Edits, IReadOnlyList<IntakeProblem> Problems) Read(XlsxWorkbookReader workbook, CriteriaSet set)
    {
        var problems = new List<IntakeProblem>();
        void Error(string sheet, int? row, int? column, string? value, string reason) =>
            problems.Add(new IntakeProblem(Severity.Error, workbook.File, sheet, row, column is { } c ? ColumnNames.Of(c) : null, column is { } h ? ThresholdSheet.Header[h - 1] : null, value, reason));

        CheckGuide(workbook, set, Error);
        if (workbook.Rows(ThresholdSheet.Sheet) is not { } rows)
        {
            Error(ThresholdSheet.Sheet, null, null, null, MessageText.Format(IntakeMessages.ThresholdNoSheet, ThresholdSheet.Sheet, set.Id));
            return ([], problems);
        }
        var header = rows.FirstOrDefault(r => !r.IsBlank);
        CheckHeader(header, Error);
        if (problems.Count > 0) return ([], problems);

        var edits = ReadFigureRows(rows.SkipWhile(r => r != header).Skip(1).Where(r => !r.IsBlank), set, Error);
        return problems.Count > 0 ? ([], problems) : (edits, problems);
    }

    /// <summary>The guide sheet, when it names a set, must name this one: a workbook exported from another set is refused.</summary>
    private static void CheckGuide(XlsxWorkbookReader workbook, CriteriaSet set, Action<string, int?, int?, string?, string> error)
    {
        if (workbook.Rows(ThresholdSheet.GuideSheet) is { } guide && guide.FirstOrDefault(r => r[0].Text.Trim() == "Bộ tiêu chí") is { } idRow
            && idRow[1].Text.Trim() != set.Id)
            error(ThresholdSheet.GuideSheet, idRow.Number, 2, idRow[1].Text, MessageText.Format(IntakeMessages.ThresholdWrongSet, idRow[1].Text.Trim(), set.Id));
    }

    /// <summary>Every header cell as exported (the region column may keep its older heading); each changed one is reported.</summary>
    private static void CheckHeader(RawRow? header, Action<string, int?, int?, string?, string> error)
    {
        for (var c = 0; c < ThresholdSheet.Header.Count; c++)
        {
            var legacy = c == ThresholdSheet.RegionColumn - 1 && header?[c].Text.Trim() == ThresholdSheet.LegacyRegionHeader;
            if (header is null || (header[c].Text.Trim() != ThresholdSheet.Header[c] && !legacy))
                error(ThresholdSheet.Sheet, header?.Number ?? 1, c + 1, header?[c].Text, MessageText.Format(IntakeMessages.ThresholdHeader, ThresholdSheet.Header[c]));
        }
    }

    /// <summary>The figure rows matched to the set's figures by indicator, place and date; unknown and repeated figures are reported, rows without officer cells skipped.</summary>
    private static List<FigureEdit> ReadFigureRows(IEnumerable<RawRow> rows, CriteriaSet set, Action<string, int?, int?, string?, string> error)
    {
        var figures = FiguresByKey(set);
        var edits = new List<FigureEdit>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var code = row[ThresholdSheet.CodeColumn - 1].Text.Trim();
            var placeText = row[ThresholdSheet.RegionColumn - 1].Text.Trim();
            var fromText = row[ThresholdSheet.FromColumn - 1].Text.Trim();
            var placeRead = TryReadPlace(row.Number, placeText, error, out var region, out var group);
            var fromRead = TryReadFrom(row.Number, fromText, error, out var from);
            if (!placeRead || !fromRead) continue;
            var key = Key(code, group is { } pg ? ThresholdSheet.GroupCell(pg) : region?.Code() ?? ThresholdSheet.General, from);
            if (!figures.TryGetValue(key, out var figure))
            {
                error(ThresholdSheet.Sheet, row.Number, ThresholdSheet.CodeColumn, code, MessageText.Format(IntakeMessages.ThresholdNoFigure, set.Id, code, placeText, fromText));
                continue;
            }
            if (seen.TryGetValue(key, out var first))
            {
                error(ThresholdSheet.Sheet, row.Number, ThresholdSheet.CodeColumn, code, MessageText.Format(IntakeMessages.ThresholdDuplicate, first));
                continue;
            }
            seen[key] = row.Number;
            if (ReadOfficerCells(row, figure.Indicator, error) is { } cells)
                edits.Add(new FigureEdit(figure.Indicator, figure.Value, region, cells.Value, cells.Location, cells.Quote, cells.By, cells.On, row.Number) { Group = group });
        }
        return edits;
    }

    /// <summary>Every dated figure of the set by its key (general, each region's, each commune group's).</summary>
    private static Dictionary<string, (Indicator Indicator, ThresholdValue Value)> FiguresByKey(CriteriaSet set)
    {
        var figures = new Dictionary<string, (Indicator Indicator, ThresholdValue Value)>(StringComparer.Ordinal);
        foreach (var i in set.Indicators)
        {
            foreach (var v in i.Threshold.Values)
            {
                foreach (var f in v.Figures) figures[Key(i.Code, f.Region?.Code() ?? ThresholdSheet.General, v.From)] = (i, v);
                foreach (var g in v.GroupFigures) figures[Key(i.Code, ThresholdSheet.GroupCell(g.Group), v.From)] = (i, v);
            }
        }
        return figures;
    }

    /// <summary>The place cell: the general figure, a region's code or a commune group's cell; anything else is reported.</summary>
    private static bool TryReadPlace(int rowNumber, string text, Action<string, int?, int?, string?, string> error, out Region? region, out CommuneGroup? group)
    {
        region = null;
        group = null;
        if (text == ThresholdSheet.General) return true;
        if (Regions.TryParse(text, out var r)) region = r;
        else if (CommuneGroups.TryParse(text, out var g)) group = g;
        else
        {
            error(ThresholdSheet.Sheet, rowNumber, ThresholdSheet.RegionColumn, text,
                MessageText.Format(IntakeMessages.ThresholdPlaceUnknown, ThresholdSheet.General, string.Join(", ", Regions.All)));
            return false;
        }
        return true;
    }

    /// <summary>The date in force as exported (yyyy-MM-dd); a changed one is reported, since it no longer names a figure.</summary>
    private static bool TryReadFrom(int rowNumber, string text, Action<string, int?, int?, string?, string> error, out DateOnly from)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from)) return true;
        error(ThresholdSheet.Sheet, rowNumber, ThresholdSheet.FromColumn, text, IntakeMessages.ThresholdDateChanged);
        return false;
    }

    /// <summary>A figure's key: indicator, where (general, a region's code or a group's cell) and date in force.</summary>
    private static string Key(string code, string place, DateOnly from) => $"{code}|{place}|{from:yyyy-MM-dd}";

    private static (Scalar Value, string Location, string Quote, string By, DateOnly On)? ReadOfficerCells(RawRow row, Indicator indicator,
        Action<string, int?, int?, string?, string> error)
    {
        var officer = new[] { ThresholdSheet.OfficerValueColumn, ThresholdSheet.LocationColumn, ThresholdSheet.QuoteColumn, ThresholdSheet.ByColumn, ThresholdSheet.DateColumn };
        if (officer.All(c => row[c - 1].IsBlank)) return null;
        var ok = true;
        foreach (var c in officer.Where(c => row[c - 1].IsBlank))
        {
            error(ThresholdSheet.Sheet, row.Number, c, null, IntakeMessages.ThresholdOfficerCells);
            ok = false;
        }
        var valueCell = row[ThresholdSheet.OfficerValueColumn - 1];
        Scalar? value = null;
        if (!valueCell.IsBlank && (value = ParseFigure(valueCell, indicator.Threshold.Kind)) is null)
        {
            error(ThresholdSheet.Sheet, row.Number, ThresholdSheet.OfficerValueColumn, valueCell.Text,
                indicator.Threshold.Kind == ScalarKind.Boolean ? IntakeMessages.ThresholdYesNo : IntakeMessages.ThresholdNotNumber);
            ok = false;
        }
        var dateCell = row[ThresholdSheet.DateColumn - 1];
        DateOnly? on = null;
        if (!dateCell.IsBlank && (on = CellDate.Parse(dateCell)) is null)
        {
            error(ThresholdSheet.Sheet, row.Number, ThresholdSheet.DateColumn, dateCell.Text, IntakeMessages.ThresholdNotDate);
            ok = false;
        }
        foreach (var c in new[] { ThresholdSheet.LocationColumn, ThresholdSheet.QuoteColumn, ThresholdSheet.ByColumn })
        {
            if (ProvenanceStates.WhyNotPublic(row[c - 1].Text) is { } why) { error(ThresholdSheet.Sheet, row.Number, c, row[c - 1].Text, why); ok = false; }
        }
        if (!ok || value is not { } v || on is not { } d) return null;
        return (v, row[ThresholdSheet.LocationColumn - 1].Text.Trim(), row[ThresholdSheet.QuoteColumn - 1].Text.Trim(), row[ThresholdSheet.ByColumn - 1].Text.Trim(), d);
    }

    /// <summary>A figure as the officer wrote it: a number cell, "6,5" or "6.5", or có/không for yes/no.</summary>
    internal static Scalar? ParseFigure(SourceCell cell, ScalarKind kind)
    {
        var text = cell.Text.Trim();
        if (kind == ScalarKind.Boolean)
        {
            return text.ToLowerInvariant() switch
            {
                "có" or "co" or "đạt" or "true" or "1" => Scalar.Of(true),
                "không" or "khong" or "false" or "0" => Scalar.Of(false),
                _ => null,
            };
        }
        if (cell.IsNumber) return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? Scalar.Of(n) : null;
        // Vietnamese habit: decimal comma, dot for thousands ("1.784" is a count, "6,5" a rate).
        var normal = text.TrimEnd('%').Trim();
        if (normal.Contains(',') || ThousandsOnly().IsMatch(normal)) normal = normal.Replace(".", "").Replace(',', '.');
        return double.TryParse(normal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var m) && double.IsFinite(m)
            ? Scalar.Of(m) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial System.Text.RegularExpressions.Regex ThousandsOnly();
}

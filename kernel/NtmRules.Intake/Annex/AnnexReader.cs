using NtmRules.Kernel.Localization;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Thresholds;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Intake.Localization;

namespace NtmRules.Intake.Annex;

/// <summary>What the import is told besides the table: the plugin id, the decision, and the set's header where the table has no info sheet (CSV).</summary>
/// <param name="PluginId">The new plugin's id.</param>
/// <param name="Decision">The decision's number, e.g. "51/2025/QĐ-TTg" ("QĐ" and "Quyết định số" in front are dropped).</param>
public sealed record AnnexOptions(string PluginId, string Decision)
{
    /// <summary>The set the new one extends, if any.</summary>
    public string? Extends { get; init; }
    /// <summary>The set's title; else the info sheet's, else one made from the level and decision.</summary>
    public string? Name { get; init; }
    /// <summary>Level code (xa-ntm …); else the info sheet's, the base set's, or xa-ntm.</summary>
    public string? Level { get; init; }
    /// <summary>Date of signature (yyyy-MM-dd or dd/MM/yyyy); else the info sheet's. Required one way or the other.</summary>
    public string? DecisionDate { get; init; }
    /// <summary>Issuing authority; else the info sheet's. Required one way or the other.</summary>
    public string? Authority { get; init; }
    /// <summary>The decision's subject line; else the info sheet's, else the set's title.</summary>
    public string? Title { get; init; }
    /// <summary>Last day in force; else the info sheet's; else open-ended.</summary>
    public string? EffectiveTo { get; init; }
}

/// <summary>
/// Reads an annex table (<see cref="AnnexLayout"/>) into a criteria set's content. Every bad cell is
/// reported — by file, sheet, row and column, with a Vietnamese reason — and then nothing is returned;
/// expressions are checked with the host's own allow-list (<see cref="ExpressionGuard"/>).
/// </summary>
public static partial class AnnexReader
{
    /// <summary>The content of <paramref name="source"/>, or every problem found (then no content).</summary>
    /// <param name="source">The annex as read.</param>
    /// <param name="options">Plugin id, decision and header overrides.</param>
    /// <param name="baseSet">The set extended, when <see cref="AnnexOptions.Extends"/> is given: its measures may be named.</param>
    public static (AnnexContent? Content, IReadOnlyList<IntakeProblem> Problems) Read(AnnexSource source, AnnexOptions options, CriteriaSet? baseSet)
    {
        var ctx = new Context(source);
        var headerIndex = source.Rows.ToList().FindIndex(r => !r.IsBlank);
        if (headerIndex < 0)
        {
            ctx.Error(null, null, null, MessageText.Format(AnnexMessages.TableEmpty, AnnexLayout.Header[0], AnnexLayout.Header[1]));
            return (null, ctx.Problems);
        }
        CheckHeader(ctx, source.Rows[headerIndex]);
        if (ctx.Problems.Count > 0) return (null, ctx.Problems);
        var rows = source.Rows.Skip(headerIndex + 1).Where(r => !r.IsBlank).Take(MaxRows + 1).ToArray();
        if (rows.Length > MaxRows)
        {
            ctx.Error(rows[^1].Number, null, null, MessageText.Format(AnnexMessages.TableTooLong, Kernel.Formatting.VietnameseFormat.Number(MaxRows)));
            return (null, ctx.Problems);
        }
        foreach (var r in rows.Where(r => r.Defect is not null)) ctx.Error(r.Number, null, null, r.Defect!);
        CheckCells(ctx, rows);
        if (ctx.Problems.Count > 0) return (null, ctx.Problems);
        var measures = AnnexMeasureRows.Read(ctx, rows.Where(r => AnnexLayout.IsMeasureRow(r[AnnexLayout.Kind - 1].Text)));
        var known = (baseSet?.Measures ?? []).Where(m => measures.All(a => a.Key != m.Key)).Concat(measures).ToDictionary(m => m.Key, StringComparer.Ordinal);
        var decision = AnnexInfo.DecisionNumber(options.Decision);
        var (criteria, indicators) = new AnnexIndicatorRows(ctx, known, decision).Read(rows.Where(r => !AnnexLayout.IsMeasureRow(r[AnnexLayout.Kind - 1].Text)));
        if (indicators.Count == 0 && ctx.Problems.Count == 0)
            ctx.Error(null, null, null, AnnexMessages.TableNoIndicator);
        var earliest = indicators.SelectMany(i => i.Indicator.Threshold.Values).Select(v => (DateOnly?)v.From).Min();
        var info = AnnexInfo.Read(ctx, source.InfoRows, options, baseSet, earliest);
        if (ctx.Problems.Count > 0 || info is null) return (null, ctx.Problems);
        return (new AnnexContent(info, measures, criteria, indicators), ctx.Problems);
    }

    /// <summary>Most rows a table may hold (an annex has a few hundred).</summary>
    public const int MaxRows = 5_000;

    /// <summary>Most characters a cell may hold (the longest quote of a decision is far shorter).</summary>
    public const int MaxCellLength = 4_000;

    /// <summary>Cells past the last column, too long, or holding control or direction characters are refused before anything is read from them.</summary>
    private static void CheckCells(Context ctx, IEnumerable<RawRow> rows)
    {
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var text = row.Cells[c].Text;
                if (text.Length == 0) continue;
                if (c >= AnnexLayout.Header.Count) ctx.Error(row.Number, c + 1, text, MessageText.Format(AnnexMessages.CellOutsideTable, AnnexLayout.Header.Count, ColumnNames.Of(AnnexLayout.Header.Count)));
                else if (text.Length > MaxCellLength) ctx.Error(row.Number, c + 1, text, MessageText.Format(AnnexMessages.CellTooLong, Kernel.Formatting.VietnameseFormat.Number(text.Length), Kernel.Formatting.VietnameseFormat.Number(MaxCellLength)));
                else if (Kernel.Data.SafeText.Problem(text, multiLine: true) is not null)
                    ctx.Error(row.Number, c + 1, text, AnnexMessages.CellUnsafe);
            }
        }
    }

    private static void CheckHeader(Context ctx, RawRow header)
    {
        for (var c = 1; c <= AnnexLayout.Header.Count; c++)
        {
            if (AnnexLayout.Fold(header[c - 1].Text) != AnnexLayout.Fold(AnnexLayout.Header[c - 1]))
                ctx.Error(header.Number, c, header[c - 1].Text, MessageText.Format(AnnexMessages.HeaderWrong, AnnexLayout.Header[c - 1]));
        }
    }

    /// <summary>Where problems go, and how a cell is named in them.</summary>
    internal sealed class Context(AnnexSource source)
    {
        public List<IntakeProblem> Problems { get; } = [];

        public string File => source.File;

        public void Error(int? row, int? column, string? value, string reason) =>
            Problems.Add(new IntakeProblem(Severity.Error, source.File, source.Sheet, row, column is { } c ? ColumnNames.Of(c) : null,
                column is { } h && h <= AnnexLayout.Header.Count ? AnnexLayout.Header[h - 1] : null, string.IsNullOrEmpty(value) ? null : value, reason));

        public void InfoError(int? row, string? value, string reason) =>
            Problems.Add(new IntakeProblem(Severity.Error, source.File, AnnexLayout.InfoSheet, row, row is null ? null : "B", null, value, reason));

        public void OptionError(string option, string? value, string reason) =>
            Problems.Add(new IntakeProblem(Severity.Error, source.File, null, null, null, option, value, reason));

        /// <summary>A cell's text, trimmed and NFC; a leading apostrophe that neutralised a formula-like CSV cell is dropped.</summary>
        public static string Text(RawRow row, int column)
        {
            var t = row[column - 1].Text.Trim().Normalize(NormalizationForm.FormC);
            return t.Length > 1 && t[0] == '\'' && t[1] is '=' or '+' or '-' or '@' ? t[1..] : t;
        }

        /// <summary>A number cell (a stored number, "6,5", "1.784" for a count, "90.06"), or null with an error.</summary>
        public double? Number(RawRow row, int column, string what)
        {
            var cell = row[column - 1];
            if (cell.IsBlank) return null;
            if (ThresholdEdits.ParseFigure(cell with { Text = Text(row, column) }, ScalarKind.Number) is { } s) return s.Number;
            Error(row.Number, column, cell.Text, MessageText.Format(AnnexMessages.NotANumber, what));
            return null;
        }

        /// <summary>A date cell (an Excel date, yyyy-MM-dd or dd/MM/yyyy), or null with an error.</summary>
        public DateOnly? Date(RawRow row, int column, string what)
        {
            var cell = row[column - 1];
            if (CellDate.Parse(cell) is { } d) return d;
            Error(row.Number, column, cell.Text, MessageText.Format(AnnexMessages.NotADate, what));
            return null;
        }
    }

    /// <summary>The functions rule expressions may call, as the host allows them (plugin functions excepted: an annex plugin has no code).</summary>
    internal static ExpressionGuard Guard(IEnumerable<string> measureKeys) => new(measureKeys.ToHashSet(StringComparer.Ordinal),
        new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
        {
            ["Ntm"] = new HashSet<string>(StringComparer.Ordinal) { nameof(Kernel.Functions.Ntm.Rate) },
            ["Math"] = new HashSet<string>(StringComparer.Ordinal) { "Min", "Max", "Round", "Abs", "Floor", "Ceiling" },
        });

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    internal static partial Regex MeasureKey();
}

using NtmRules.Kernel.Localization;
using NtmRules.Intake.Localization;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Annex;

/// <summary>Reads the measure rows of an annex (kind "số liệu"): key, label, type, unit, range, part–whole relations, default.</summary>
internal static class AnnexMeasureRows
{
    /// <summary>The measures declared, in row order; bad cells are reported to <paramref name="ctx"/>.</summary>
    public static IReadOnlyList<Measure> Read(AnnexReader.Context ctx, IEnumerable<RawRow> rows)
    {
        var measures = new List<(Measure Measure, RawRow Row)>();
        foreach (var row in rows)
        {
            if (ReadOne(ctx, row) is not { } m) continue;
            if (measures.FirstOrDefault(x => x.Measure.Key == m.Key) is { Row: { } first })
                ctx.Error(row.Number, AnnexLayout.Measure1, m.Key, MessageText.Format(AnnexMessages.MeasureTwice, m.Key, first.Number));
            else measures.Add((m, row));
        }
        foreach (var (m, row) in measures) CheckRelations(ctx, m, row, measures.Select(x => x.Measure).ToArray());
        return measures.Select(x => x.Measure).ToArray();
    }

    private static Measure? ReadOne(AnnexReader.Context ctx, RawRow row)
    {
        var before = ctx.Problems.Count;
        var key = AnnexReader.Context.Text(row, AnnexLayout.Measure1);
        if (!AnnexReader.MeasureKey().IsMatch(key))
            ctx.Error(row.Number, AnnexLayout.Measure1, key, AnnexMessages.MeasureKeyInvalid);
        var label = AnnexReader.Context.Text(row, AnnexLayout.MeasureLabel);
        if (label.Length == 0) ctx.Error(row.Number, AnnexLayout.MeasureLabel, null, AnnexMessages.MeasureLabelMissing);
        var typeText = AnnexReader.Context.Text(row, AnnexLayout.MeasureType);
        if (!AnnexLayout.TryParseType(typeText, out var type))
            ctx.Error(row.Number, AnnexLayout.MeasureType, typeText, MessageText.Format(AnnexMessages.MeasureTypeUnknown, AnnexLayout.TypeList));
        var min = ctx.Number(row, AnnexLayout.MeasureMin, AnnexMessages.WhatMin);
        var max = ctx.Number(row, AnnexLayout.MeasureMax, AnnexMessages.WhatMax);
        var fallback = ctx.Number(row, AnnexLayout.MeasureDefault, AnnexMessages.WhatDefault);
        if (min is { } lo && max is { } hi && lo > hi) ctx.Error(row.Number, AnnexLayout.MeasureMax, row[AnnexLayout.MeasureMax - 1].Text, AnnexMessages.MaxBelowMin);
        if (type == MeasureType.Boolean && (min ?? max ?? fallback) is not null)
            ctx.Error(row.Number, AnnexLayout.MeasureMin, null, AnnexMessages.FlagHasNoRange);
        if (fallback is { } f && (f < (min ?? double.MinValue) || f > (max ?? double.MaxValue) || type == MeasureType.Integer && f != Math.Floor(f)))
            ctx.Error(row.Number, AnnexLayout.MeasureDefault, row[AnnexLayout.MeasureDefault - 1].Text, AnnexMessages.DefaultOutside);
        var atMost = AnnexReader.Context.Text(row, AnnexLayout.MeasureAtMost);
        var disjoint = AnnexReader.Context.Text(row, AnnexLayout.MeasureDisjoint).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (disjoint.Length > 0 && atMost.Length == 0)
            ctx.Error(row.Number, AnnexLayout.MeasureDisjoint, string.Join(", ", disjoint), AnnexMessages.DisjointNeedsAtMost);
        NotOnMeasureRow(ctx, row);
        if (ctx.Problems.Count > before) return null;
        if (type == MeasureType.Percent) { min ??= 0; max ??= 100; }
        return new Measure(key, label, AnnexReader.Context.Text(row, AnnexLayout.MeasureUnit), type, min, max,
            atMost.Length == 0 ? null : atMost, disjoint.Length == 0 ? null : disjoint) { Default = fallback };
    }

    /// <summary>A measure row states a measure only: a figure or an indicator cell on it is a slip.</summary>
    private static void NotOnMeasureRow(AnnexReader.Context ctx, RawRow row)
    {
        foreach (var c in new[] { AnnexLayout.Code, AnnexLayout.Measure2, AnnexLayout.ExpressionColumn, AnnexLayout.Operator, AnnexLayout.From }
                     .Concat(Enumerable.Range(AnnexLayout.FirstFigure, AnnexLayout.FigureColumns.Count)))
        {
            if (!row[c - 1].IsBlank) ctx.Error(row.Number, c, row[c - 1].Text, MessageText.Format(AnnexMessages.MeasureRowExtraCell, AnnexLayout.MeasureRowKind));
        }
    }

    private static void CheckRelations(AnnexReader.Context ctx, Measure m, RawRow row, IReadOnlyList<Measure> all)
    {
        if (m.AtMost is null) return;
        if (all.FirstOrDefault(x => x.Key == m.AtMost) is not { } whole || whole.Type == MeasureType.Boolean || m.Type == MeasureType.Boolean)
            ctx.Error(row.Number, AnnexLayout.MeasureAtMost, m.AtMost, AnnexMessages.AtMostUnknown);
        foreach (var part in m.DisjointParts.Where(p => all.All(x => x.Key != p)))
            ctx.Error(row.Number, AnnexLayout.MeasureDisjoint, part, MessageText.Format(AnnexMessages.PartUnknown, part));
    }
}

using NtmRules.Kernel.Localization;
using NtmRules.Intake.Localization;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Thresholds;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Intake.Annex;

/// <summary>
/// Reads the criterion and indicator rows of an annex. A row with a criterion number and name and no
/// indicator code opens a criterion; a row with only a name there is a heading (an area of the decision)
/// and is skipped; a row with a code and a kind states an indicator and its first figures; a following
/// row with the same code and no kind adds figures — another date, or figures of the same date with
/// another source.
/// </summary>
internal sealed class AnnexIndicatorRows(AnnexReader.Context ctx, IReadOnlyDictionary<string, Measure> measures, string decision)
{
    private sealed class Draft
    {
        public required string Code, Name, Actual, ValueLabel, ValueUnit, Office;
        public required IndicatorKind Kind;
        public required IReadOnlyList<string> Measures;
        public required ComparisonOperator Op;
        public required ScalarKind FigureKind;
        public string? ApplicableWhen;
        public int Criterion, Row;
        public readonly List<ValueDraft> Values = [];
    }

    private sealed class ValueDraft(DateOnly from, Citation citation)
    {
        public DateOnly From => from;
        public Citation Citation => citation;
        public ThresholdFigure? General;
        public readonly Dictionary<Region, ThresholdFigure> Regions = [];
        public readonly Dictionary<CommuneGroup, ThresholdFigure> Groups = [];
        public int Row;
    }

    private readonly List<(int Number, string Name, int Row)> _criteria = [];
    private readonly List<Draft> _drafts = [];

    /// <summary>Criteria with their indicators, and each indicator's kind and expression; empty when any cell is wrong.</summary>
    public (IReadOnlyList<Criterion> Criteria, IReadOnlyList<AnnexIndicator> Indicators) Read(IEnumerable<RawRow> rows)
    {
        Draft? current = null;
        foreach (var row in rows)
        {
            var code = AnnexReader.Context.Text(row, AnnexLayout.Code);
            var kind = AnnexReader.Context.Text(row, AnnexLayout.Kind);
            if (code.Length == 0 && kind.Length == 0) { Heading(row); current = null; continue; }
            if (code.Length == 0) { ctx.Error(row.Number, AnnexLayout.Code, null, AnnexMessages.CodeMissing); continue; }
            if (kind.Length > 0) current = Indicator(row, code, kind);
            else if (current is null || current.Code != code)
            {
                ctx.Error(row.Number, AnnexLayout.Kind, null, MessageText.Format(AnnexMessages.KindMissing, code, AnnexLayout.KindList));
                continue;
            }
            else NotRestated(row);
            if (current is not null) Figures(current, row);
        }
        return Build();
    }

    private void Heading(RawRow row)
    {
        var numberText = AnnexReader.Context.Text(row, AnnexLayout.CriterionNumber);
        var name = AnnexReader.Context.Text(row, AnnexLayout.CriterionName);
        for (var c = AnnexLayout.Name; c <= AnnexLayout.Header.Count; c++)
        {
            if (!row[c - 1].IsBlank) ctx.Error(row.Number, c, row[c - 1].Text, AnnexMessages.CriterionRowExtraCell);
        }
        if (numberText.Length == 0) return; // an area heading, as the template writes them
        if (CriterionNumber(row) is not { } number) return;
        if (name.Length == 0) { ctx.Error(row.Number, AnnexLayout.CriterionName, null, MessageText.Format(AnnexMessages.CriterionNameMissing, number)); return; }
        if (_criteria.FirstOrDefault(c => c.Number == number) is { Row: > 0 } first)
        {
            ctx.Error(row.Number, AnnexLayout.CriterionNumber, numberText, MessageText.Format(AnnexMessages.CriterionTwice, number, first.Row));
            return;
        }
        _criteria.Add((number, name, row.Number));
    }

    private int? CriterionNumber(RawRow row)
    {
        var text = AnnexReader.Context.Text(row, AnnexLayout.CriterionNumber);
        if (int.TryParse(text, out var n) && n > 0 || double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && d is > 0 and < 1000 && (n = (int)d) > 0)
            return n;
        ctx.Error(row.Number, AnnexLayout.CriterionNumber, text, AnnexMessages.CriterionNumberInvalid);
        return null;
    }

    /// <summary>A row that adds figures leaves the indicator's own cells to its first row.</summary>
    private void NotRestated(RawRow row)
    {
        foreach (var c in new[] { AnnexLayout.CriterionNumber, AnnexLayout.CriterionName, AnnexLayout.Name, AnnexLayout.Measure1, AnnexLayout.Measure2, AnnexLayout.ExpressionColumn,
                     AnnexLayout.Operator, AnnexLayout.ValueLabel, AnnexLayout.ValueUnit, AnnexLayout.ApplicableWhen, AnnexLayout.Office })
        {
            if (!row[c - 1].IsBlank) ctx.Error(row.Number, c, row[c - 1].Text, AnnexMessages.FigureRowExtraCell);
        }
    }

    /// <summary>The first row of an indicator: criterion, code, name, kind, measures or expression, operator, value label, office.</summary>
    private Draft? Indicator(RawRow row, string code, string kindText)
    {
        var before = ctx.Problems.Count;
        if (!AnnexLayout.TryParseKind(kindText, out var kind)) ctx.Error(row.Number, AnnexLayout.Kind, kindText, MessageText.Format(AnnexMessages.KindUnknown, AnnexLayout.KindList));
        if (_drafts.FirstOrDefault(d => d.Code == code) is { } twice) ctx.Error(row.Number, AnnexLayout.Code, code, MessageText.Format(AnnexMessages.IndicatorTwice, code, twice.Row));
        var criterion = CriterionOf(row);
        var name = AnnexReader.Context.Text(row, AnnexLayout.Name);
        if (name.Length == 0) ctx.Error(row.Number, AnnexLayout.Name, null, MessageText.Format(AnnexMessages.IndicatorNameMissing, code));
        if (ctx.Problems.Count > before || criterion is not { } number) return null;
        var (actual, used) = Computation(row, kind);
        var op = Operator(row, kind);
        var applicable = AnnexReader.Context.Text(row, AnnexLayout.ApplicableWhen);
        if (applicable.Length > 0) CheckExpression(row, AnnexLayout.ApplicableWhen, applicable, AnnexMessages.WhatCondition);
        if (ctx.Problems.Count > before || actual is null || op is not { } o) return null;
        var figureKind = kind == IndicatorKind.YesNo || kind == IndicatorKind.Expression && LooksYesNo(row) ? ScalarKind.Boolean : ScalarKind.Number;
        if (figureKind == ScalarKind.Boolean && o != ComparisonOperator.EqualTo)
        {
            ctx.Error(row.Number, AnnexLayout.Operator, row[AnnexLayout.Operator - 1].Text, AnnexMessages.YesNoEqualsOnly);
            return null;
        }
        var label = AnnexReader.Context.Text(row, AnnexLayout.ValueLabel);
        var unit = AnnexReader.Context.Text(row, AnnexLayout.ValueUnit);
        var draft = new Draft
        {
            Code = code, Name = name, Kind = kind, Actual = actual, Measures = used, Op = o, FigureKind = figureKind,
            ValueLabel = label.Length > 0 ? label : name, ValueUnit = unit.Length > 0 ? unit : kind == IndicatorKind.Rate ? "%" : "",
            Office = AnnexReader.Context.Text(row, AnnexLayout.Office), ApplicableWhen = applicable.Length > 0 ? applicable : null,
            Criterion = number, Row = row.Number,
        };
        _drafts.Add(draft);
        return draft;
    }

    /// <summary>The criterion an indicator row belongs to: its own number (naming the criterion if new), else the last criterion opened.</summary>
    private int? CriterionOf(RawRow row)
    {
        if (row[AnnexLayout.CriterionNumber - 1].IsBlank)
        {
            if (_criteria.Count > 0) return _criteria[^1].Number;
            ctx.Error(row.Number, AnnexLayout.CriterionNumber, null, AnnexMessages.NoCriterion);
            return null;
        }
        if (CriterionNumber(row) is not { } number) return null;
        var name = AnnexReader.Context.Text(row, AnnexLayout.CriterionName);
        if (_criteria.All(c => c.Number != number))
        {
            if (name.Length == 0) { ctx.Error(row.Number, AnnexLayout.CriterionName, null, MessageText.Format(AnnexMessages.CriterionNameMissing, number)); return null; }
            _criteria.Add((number, name, row.Number));
        }
        return number;
    }

    /// <summary>The expression of the indicator's value and the measures it reads.</summary>
    private (string? Actual, IReadOnlyList<string> Measures) Computation(RawRow row, IndicatorKind kind)
    {
        var m1 = AnnexReader.Context.Text(row, AnnexLayout.Measure1);
        var m2 = AnnexReader.Context.Text(row, AnnexLayout.Measure2);
        var expression = AnnexReader.Context.Text(row, AnnexLayout.ExpressionColumn);
        if (kind == IndicatorKind.Expression)
        {
            if (expression.Length == 0) { ctx.Error(row.Number, AnnexLayout.ExpressionColumn, null, AnnexMessages.ExpressionMissing); return (null, []); }
            return (CheckExpression(row, AnnexLayout.ExpressionColumn, expression, AnnexMessages.WhatExpression) ? expression : null, []);
        }
        if (expression.Length > 0) ctx.Error(row.Number, AnnexLayout.ExpressionColumn, expression, MessageText.Format(kind == IndicatorKind.Rate ? AnnexMessages.ExpressionOnlyRate : AnnexMessages.ExpressionOnly, kind.Word()));
        var needed = kind == IndicatorKind.Rate ? 2 : 1;
        if (needed == 1 && m2.Length > 0) ctx.Error(row.Number, AnnexLayout.Measure2, m2, MessageText.Format(AnnexMessages.OneMeasureOnly, kind.Word()));
        var ok = MeasureCell(row, AnnexLayout.Measure1, m1, kind) & (needed == 1 || MeasureCell(row, AnnexLayout.Measure2, m2, kind));
        if (!ok) return (null, []);
        return kind == IndicatorKind.Rate ? ($"Ntm.Rate(m.{m1}, m.{m2})", [m1, m2]) : ($"m.{m1}", [m1]);
    }

    private bool MeasureCell(RawRow row, int column, string key, IndicatorKind kind)
    {
        if (key.Length == 0) { ctx.Error(row.Number, column, null, MessageText.Format(AnnexMessages.MeasureKeyMissing, kind.Word())); return false; }
        if (!measures.TryGetValue(key, out var m)) { ctx.Error(row.Number, column, key, MessageText.Format(AnnexMessages.MeasureNotDeclared, key, AnnexLayout.MeasureRowKind)); return false; }
        var boolean = m.Type == MeasureType.Boolean;
        if (boolean != (kind == IndicatorKind.YesNo))
        {
            ctx.Error(row.Number, column, key, kind == IndicatorKind.YesNo ? MessageText.Format(AnnexMessages.YesNoNeedsFlag, key, m.Type.Word()) : MessageText.Format(AnnexMessages.KindNeedsNumber, kind.Word(), key));
            return false;
        }
        return true;
    }

    private bool CheckExpression(RawRow row, int column, string expression, string what)
    {
        var check = AnnexReader.Guard(measures.Keys).Check(expression, new HashSet<string>(StringComparer.Ordinal));
        foreach (var v in check.Violations) ctx.Error(row.Number, column, expression, MessageText.Format(AnnexMessages.ExpressionInvalid, what, v));
        return check.Violations.Count == 0;
    }

    private ComparisonOperator? Operator(RawRow row, IndicatorKind kind)
    {
        var text = AnnexReader.Context.Text(row, AnnexLayout.Operator);
        if (text.Length == 0 && kind == IndicatorKind.YesNo) return ComparisonOperator.EqualTo;
        if (text.Length == 0 && kind == IndicatorKind.CountAtMost) return ComparisonOperator.AtMost;
        if (!AnnexLayout.TryParseOperator(text, out var op))
        {
            ctx.Error(row.Number, AnnexLayout.Operator, text, AnnexMessages.OperatorInvalid);
            return null;
        }
        if (kind == IndicatorKind.CountAtMost && op != ComparisonOperator.AtMost)
            ctx.Error(row.Number, AnnexLayout.Operator, text, AnnexMessages.AtMostOperator);
        return op;
    }

    /// <summary>Whether the first filled figure of a row reads as yes/no ("có", "không", "đạt").</summary>
    private static bool LooksYesNo(RawRow row)
    {
        var first = Enumerable.Range(AnnexLayout.FirstFigure, AnnexLayout.FigureColumns.Count).Select(c => row[c - 1]).FirstOrDefault(c => !c.IsBlank);
        return !first.IsNumber && AnnexLayout.Fold(first.Text) is "co" or "khong" or "dat";
    }

    /// <summary>The figures of a row: its date, one figure per filled column, their source, the citation.</summary>
    private void Figures(Draft draft, RawRow row)
    {
        var before = ctx.Problems.Count;
        var from = ctx.Date(row, AnnexLayout.From, AnnexMessages.WhatFigureFrom);
        var figures = new List<(FigureColumn Column, Scalar Value, int At)>();
        for (var i = 0; i < AnnexLayout.FigureColumns.Count; i++)
        {
            var at = AnnexLayout.FirstFigure + i;
            if (row[at - 1].IsBlank) continue;
            if (Figure(draft, row, at) is { } v) figures.Add((AnnexLayout.FigureColumns[i], v, at));
        }
        if (figures.Count == 0 && ctx.Problems.Count == before)
            ctx.Error(row.Number, AnnexLayout.FirstFigure, null, AnnexMessages.NoFigure);
        var provenance = Provenance(row);
        var citation = Citation(row);
        if (ctx.Problems.Count > before || from is not { } date || provenance is null) return;
        var value = draft.Values.LastOrDefault(v => v.From == date);
        if (value is not null && value != draft.Values[^1])
        {
            ctx.Error(row.Number, AnnexLayout.From, row[AnnexLayout.From - 1].Text, MessageText.Format(AnnexMessages.FigureDateTwice, draft.Code, value.Row));
            return;
        }
        if (value is null) draft.Values.Add(value = new ValueDraft(date, citation) { Row = row.Number });
        else if (!row[AnnexLayout.CitationDecision - 1].IsBlank && citation != value.Citation)
            ctx.Error(row.Number, AnnexLayout.CitationDecision, row[AnnexLayout.CitationDecision - 1].Text, MessageText.Format(AnnexMessages.CitationTwice, value.Row));
        foreach (var (column, v, at) in figures) Place(draft, value, column, new ThresholdFigure(v, provenance), row, at);
    }

    private Scalar? Figure(Draft draft, RawRow row, int at)
    {
        var cell = row[at - 1] with { Text = AnnexReader.Context.Text(row, at) };
        if (ThresholdEdits.ParseFigure(cell, draft.FigureKind) is not { } v || draft.FigureKind == ScalarKind.Boolean && cell.IsNumber)
        {
            ctx.Error(row.Number, at, cell.Text, draft.FigureKind == ScalarKind.Boolean ? AnnexMessages.FigureYesNo : AnnexMessages.FigureNotNumber);
            return null;
        }
        if (draft.FigureKind == ScalarKind.Number && Range(draft) is var (lo, hi, why) && (v.Number < lo || v.Number > hi))
        {
            ctx.Error(row.Number, at, cell.Text, MessageText.Format(AnnexMessages.FigureOutOfRange, why));
            return null;
        }
        return v;
    }

    /// <summary>The values the indicator's value can take: 0–100 for a rate or a percentage, the measure's range for a value.</summary>
    private (double Lo, double Hi, string Why)? Range(Draft draft)
    {
        if (draft.Kind == IndicatorKind.Rate || draft.ValueUnit == "%") return (0, 100, AnnexMessages.RangeRate);
        if (draft.Kind is IndicatorKind.Value or IndicatorKind.CountAtMost && measures[draft.Measures[0]] is { Min: var min, Max: var max } m && (min ?? max) is not null)
            return (min ?? double.MinValue, max ?? double.MaxValue, MessageText.Format(AnnexMessages.RangeOfMeasure, m.Key, VietnameseFormat.Range(m.Min, m.Max)));
        return null;
    }

    private void Place(Draft draft, ValueDraft value, FigureColumn column, ThresholdFigure figure, RawRow row, int at)
    {
        var taken = column switch
        {
            { Group: { } g } => !value.Groups.TryAdd(g, figure),
            { Region: { } r } => !value.Regions.TryAdd(r, figure),
            _ => value.General is not null,
        };
        if (column.IsGeneral && !taken) value.General = figure;
        if (taken) ctx.Error(row.Number, at, row[at - 1].Text, MessageText.Format(AnnexMessages.FigureTaken, draft.Code, column.Header, value.From, value.Row));
    }

    /// <summary>The figures' source: confirmed needs document, location and quote; reported the document; assumed the reason. No private reference.</summary>
    private ThresholdProvenance? Provenance(RawRow row)
    {
        var stateText = AnnexReader.Context.Text(row, AnnexLayout.State);
        if (!AnnexLayout.TryParseState(stateText, out var state))
        {
            ctx.Error(row.Number, AnnexLayout.State, stateText, AnnexMessages.StateMissing);
            return null;
        }
        string? Cell(int c) => AnnexReader.Context.Text(row, c) is { Length: > 0 } t ? t : null;
        var p = new ThresholdProvenance(state, Cell(AnnexLayout.Document), Cell(AnnexLayout.Location), Cell(AnnexLayout.Quote), Cell(AnnexLayout.Reason));
        var ok = true;
        void Need(bool missing, int column, string reason)
        {
            if (!missing) return;
            ctx.Error(row.Number, column, null, reason);
            ok = false;
        }
        Need(state == ProvenanceState.Confirmed && p.Quote is null, AnnexLayout.Quote, AnnexMessages.ConfirmedNeedsQuote);
        Need(state == ProvenanceState.Confirmed && p.Location is null, AnnexLayout.Location, AnnexMessages.ConfirmedNeedsLocation);
        Need(state != ProvenanceState.Assumed && p.Document is null, AnnexLayout.Document, AnnexMessages.DocumentMissing);
        Need(state == ProvenanceState.Assumed && p.Reason is null, AnnexLayout.Reason, AnnexMessages.AssumedNeedsReason);
        foreach (var c in new[] { AnnexLayout.Document, AnnexLayout.Location, AnnexLayout.Quote, AnnexLayout.Reason })
        {
            if (ProvenanceStates.WhyNotPublic(Cell(c)) is not null)
            {
                ctx.Error(row.Number, c, Cell(c), AnnexMessages.NotPublicDocument);
                ok = false;
            }
        }
        return ok ? p : null;
    }

    private Citation Citation(RawRow row)
    {
        var d = AnnexReader.Context.Text(row, AnnexLayout.CitationDecision);
        var appendix = AnnexReader.Context.Text(row, AnnexLayout.CitationAppendix);
        var item = AnnexReader.Context.Text(row, AnnexLayout.CitationItem);
        return new Citation(d.Length > 0 ? AnnexInfo.DecisionNumber(d) : decision, appendix.Length > 0 ? appendix : null, item.Length > 0 ? item : null);
    }

    /// <summary>The domain objects, once every row read cleanly.</summary>
    private (IReadOnlyList<Criterion>, IReadOnlyList<AnnexIndicator>) Build()
    {
        var built = new List<AnnexIndicator>();
        foreach (var d in _drafts)
        {
            if (d.Values.Count == 0) continue;
            if (d.Values.FirstOrDefault(v => v.General is null && v.Groups.Count < 3) is { } partial)
            {
                ctx.Error(partial.Row, AnnexLayout.FirstFigure, null, AnnexMessages.ThreeGroupsNeeded);
                continue;
            }
            var values = d.Values.Select(v => new ThresholdValue(v.From, v.General, v.Regions, v.Citation, v.Groups));
            var indicator = new Indicator(d.Code, d.Name, d.Criterion, d.Code, d.ValueLabel, d.ValueUnit, d.Office, d.ApplicableWhen, new Threshold(d.Op, values));
            built.Add(new AnnexIndicator(indicator, d.Kind, d.Actual, d.Measures, d.Row));
        }
        var criteria = new List<Criterion>();
        foreach (var (number, name, row) in _criteria)
        {
            var own = built.Where(i => i.Indicator.CriterionNumber == number).Select(i => i.Indicator).ToArray();
            if (own.Length == 0 && _drafts.All(d => d.Criterion != number)) ctx.Error(row, AnnexLayout.CriterionNumber, number.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageText.Format(AnnexMessages.CriterionEmpty, number));
            criteria.Add(new Criterion(number, name, own));
        }
        return ctx.Problems.Count > 0 ? ([], []) : (criteria, built);
    }
}

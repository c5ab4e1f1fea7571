using System.Text;
using NtmRules.Drafting.Library;
using NtmRules.Drafting.Model;
using NtmRules.Drafting.Schedule;
using NtmRules.Drafting.Targets;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Drafting;

/// <summary>
/// Turns an evaluation into the plan's content: for every unmet indicator the figures and gap, the
/// computed change it needs, the cause and the measures (the commune's own narrative first, else
/// the drafting library's, else a marked placeholder), the commune role that leads and those that
/// support, the quarter it is due; the indicators without figures apart, as a list of what to
/// collect; the thresholds no source confirms in an annex.
/// </summary>
public static class PlanModelBuilder
{
    /// <summary>The day the district level ended; a plan dated before it asks the district for support.</summary>
    public static readonly DateOnly DistrictsAbolished = new(2025, 7, 1);

    /// <summary>Builds the plan model. Deterministic: reads no clock; the plan date defaults to the assessment date.</summary>
    public static PlanDocument Build(EvaluationResult result, SetGuidance guidance)
    {
        var data = result.Data;
        var plan = data.Plan;
        var narratives = data.Narratives ?? new Dictionary<string, IndicatorNarrative>();
        var planYear = plan?.Year ?? data.Year;
        var date = plan?.Date ?? data.AssessmentDate;
        var period = new PlanPeriod(date, planYear, narratives.Values);
        var set = result.Set;
        var context = new ItemContext(period, guidance.AsOf(date), TargetCalculator.Of(set), narratives, date);

        var sections = Sections(result, context);
        var items = sections.SelectMany(s => s.Items).ToArray();
        var missing = result.Indicators.Where(i => i.Status == IndicatorStatus.ThieuSoLieu).Select(i => MissingItem(i, context)).ToArray();
        var legalBases = LegalBases.InForce(set.LegalBases.Concat(plan?.LegalBases ?? []), date);
        if (legalBases.Count == 0) legalBases = [Prose.Nfc(set.Decision.Reference + " về " + Prose.Lower(set.Decision.Title))];

        var summary = Summary(result);
        return new PlanDocument(Header(data, date), Prose.Nfc(Subject(result, planYear, summary.IsDataChecklist)), legalBases,
            new CommuneInfo(data.Commune.Name, date < DistrictsAbolished ? data.Commune.District ?? "" : "", data.Commune.Province ?? "", data.Year, planYear,
                data.Region.VietnameseName(), period.StartYear, period.Text),
            new SetInfo(set.Id, set.Name, set.Level.VietnameseName(), set.Decision.Reference, result.PeriodNotice),
            summary, CriteriaNamed(result, c => c.Status is IndicatorStatus.Dat or IndicatorStatus.KhongApDung),
            CriteriaNamed(result, HasUnmet), CriteriaNamed(result, c => !HasUnmet(c) && c.Indicators.Any(i => i.Status == IndicatorStatus.ThieuSoLieu)),
            sections, missing, Assignments(items), Milestones(items, missing, context), Budget(items, narratives, context),
            Unconfirmed(result), Recipients(plan), Signature(plan), items.Count(i => i.ProposalIsDraft));
    }

    private sealed record ItemContext(PlanPeriod Period, SetGuidance Guidance, TargetCalculator Targets,
        IReadOnlyDictionary<string, IndicatorNarrative> Narratives, DateOnly PlanDate)
    {
        public int Footnotes { get; set; }

        public Dictionary<string, ComputedTarget> Computed { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Quarter> Due { get; } = new(StringComparer.Ordinal);

        public CommuneRole Lead(string code) => Guidance.For(code)?.Lead ?? Guidance.FallbackLead;
    }

    private static bool HasUnmet(CriterionResult c) => c.Indicators.Any(i => i.Status == IndicatorStatus.ChuaDat);

    private static string[] CriteriaNamed(EvaluationResult result, Func<CriterionResult, bool> which) =>
        result.Criteria.Where(which).Select(c => $"Tiêu chí số {c.Criterion.Number}: {c.Criterion.Name}").ToArray();

    /// <summary>
    /// The header's issuing body as NĐ 30/2020/NĐ-CP (Phụ lục I) sets it. Before 1 July 2025 the
    /// district People's Committee stands above the commune's as its parent body (the province's for
    /// data with no district). From then there is no district, and a People's Committee's document
    /// names no parent body: "ỦY BAN NHÂN DÂN" over "XÃ …", both in bold; a parent body the data
    /// still gives (copied from an older plan) is not printed.
    /// </summary>
    private static PlanHeader Header(CommuneData data, DateOnly date)
    {
        var plan = data.Plan;
        var commune = data.Commune;
        var number = "Số: " + (plan?.Number ?? "      /KH-UBND");
        var placeAndDate = $"{plan?.Place ?? commune.Name}, {VietnameseFormat.LongDate(date)}";
        if (date >= DistrictsAbolished)
        {
            string[] lines = plan?.IssuingBody is { } own ? [own] : ["ỦY BAN NHÂN DÂN", "XÃ " + Upper(commune.Name)];
            return new PlanHeader("", string.Join(" ", lines), number, placeAndDate) { IssuingBodyLines = lines };
        }
        var parent = plan?.ParentBody
            ?? (commune.District is { } d ? "UBND HUYỆN " + Upper(d) : "UBND TỈNH " + Upper(commune.Province ?? ""));
        var issuing = plan?.IssuingBody ?? "UBND XÃ " + Upper(commune.Name);
        return new PlanHeader(parent, issuing, number, placeAndDate) { IssuingBodyLines = [issuing] };
    }

    private static string Subject(EvaluationResult result, int planYear, bool checklist) =>
        result.Data.Plan?.Subject
        ?? (checklist
            ? $"Thu thập số liệu đánh giá các tiêu chí {result.Set.Level.VietnameseName()} của xã {result.Data.Commune.Name} năm {planYear}"
            : $"Thực hiện các tiêu chí {result.Set.Level.VietnameseName()} còn chưa đạt của xã {result.Data.Commune.Name} năm {planYear}");

    private static PlanSummary Summary(EvaluationResult result)
    {
        var s = result.Summary;
        var text = $"đạt {s.CriteriaMet}/{s.CriteriaTotal} tiêu chí, {s.IndicatorsMet}/{s.IndicatorsTotal} chỉ tiêu"
            + (s.IndicatorsMissingData > 0 ? $"; {s.IndicatorsMissingData} chỉ tiêu chưa có số liệu" : "");
        return new PlanSummary(s.CriteriaMet, s.CriteriaTotal, s.IndicatorsMet, s.IndicatorsTotal, s.IndicatorsNotMet, s.IndicatorsMissingData,
            s.IndicatorsNotApplicable, text, IsDataChecklist: s.IndicatorsMissingData * 2 > s.IndicatorsTotal);
    }

    private static List<CriterionSection> Sections(EvaluationResult result, ItemContext context)
    {
        var sections = new List<CriterionSection>();
        foreach (var c in result.Criteria.Where(HasUnmet))
        {
            var items = c.Indicators.Where(i => i.Status == IndicatorStatus.ChuaDat).Select(i => Item(i, context)).ToArray();
            sections.Add(new CriterionSection($"1.2.{sections.Count + 1}", c.Criterion.Number, c.Criterion.Name, c.Status.Label(), items));
        }
        return sections;
    }

    private static IndicatorSection Item(IndicatorResult r, ItemContext context)
    {
        var i = r.Indicator;
        var n = context.Narratives.GetValueOrDefault(i.Code);
        var guidance = context.Guidance.For(i.Code);
        var due = context.Period.Due(n, guidance?.Effort ?? Effort.Season);
        context.Due[i.Code] = due;
        var computed = context.Targets.For(r);
        if (computed is not null) context.Computed[i.Code] = computed;
        // What must be done: the computed change, or for a yes/no indicator the library's first action.
        var quantity = computed?.Text
            ?? (!Prose.IsNumeric(r) && guidance?.Measures.FirstOrDefault() is { } first ? Prose.Lower(first.Text.TrimEnd('.')) : "");
        var (proposal, draft) = Proposal(r, n, guidance, context.PlanDate);
        var footnote = ThresholdConfirmation.IsConfirmed(r.Threshold) ? 0 : ++context.Footnotes;
        return new IndicatorSection(i.Code, Prose.Nfc(i.Name), r.Status.Label(), CauseFigures(r, context.Period),
            Prose.Nfc(n?.Cause ?? string.Join(" ", guidance?.Causes.Select(t => Prose.Sentence(t.Text)) ?? [])),
            Prose.Nfc(Target(r, n, computed, quantity, due)), Prose.Nfc(quantity), Prose.Nfc(proposal), draft,
            n?.BudgetMillionVnd is { } b ? "ước khoảng " + VietnameseFormat.Money(b) : "", n?.FundingSource?.Label() ?? "",
            Prose.Nfc(n?.LeadOffice ?? context.Lead(i.Code).Label), string.Join(", ", guidance?.Support.Select(s => s.Label) ?? []),
            due.ToString(), footnote, footnote == 0 ? "" : Footnote(r));
    }

    private static string Footnote(IndicatorResult r) =>
        $"Ngưỡng {Prose.ThresholdFigure(r.Threshold, r.Indicator.ValueUnit)} là mức {r.Threshold.Provenance.State.VietnameseName()}, chưa được xác nhận bằng văn bản gốc; xem Phụ lục «Ngưỡng chưa được xác nhận».";

    /// <summary>Mục tiêu: the commune's own words first (with the computed change beside them), else the change and the threshold by the due quarter.</summary>
    private static string Target(IndicatorResult r, IndicatorNarrative? n, ComputedTarget? computed, string action, Quarter due)
    {
        if (n?.Target is { } own)
            return Prose.Join(own, computed is null ? null : "Khối lượng cần thực hiện: " + computed.Text,
                n.TargetDate is { } td ? "Thời hạn: " + VietnameseFormat.LongDate(td) : null);
        var i = r.Indicator;
        if (!Prose.IsNumeric(r))
            return action.Length == 0 ? $"Đến hết {due}, hoàn thành nội dung chỉ tiêu {i.Code} theo quy định." : $"Đến hết {due}, {action} để đạt yêu cầu của chỉ tiêu {i.Code}.";
        var verb = r.Threshold.Operator is ComparisonOperator.AtMost or ComparisonOperator.LessThan ? "còn" : "đạt";
        var aim = $"{Prose.Lower(i.ValueLabel)} {verb} {Prose.ThresholdWords(r.Threshold, i.ValueUnit)}";
        return computed is null ? $"Đến hết {due}, {aim}."
            : computed.IsIndicatorValue ? $"Đến hết {due}, {computed.Text}."
            : $"Đến hết {due}, {computed.Text} để {aim}.";
    }

    /// <summary>Đề xuất: the commune's proposal, else the library's measures (and a request to the level above), else a placeholder.</summary>
    private static (string Text, bool Draft) Proposal(IndicatorResult r, IndicatorNarrative? n, IndicatorGuidance? guidance, DateOnly planDate)
    {
        if (n?.Proposal is { } own) return (Prose.Sentence(own), false);
        if (guidance is { Measures.Count: > 0 })
        {
            var request = guidance.BeyondCommune
                ? $"Đề nghị cấp trên ({Above(r.Indicator, planDate)}) hỗ trợ {guidance.Request ?? "nguồn lực để thực hiện"}"
                : null;
            return (Prose.Join([.. guidance.Measures.Select(m => m.Text), request]), false);
        }
        var aim = Prose.IsNumeric(r) ? Prose.ThresholdFigure(r.Threshold, r.Indicator.ValueUnit) : "nội dung chỉ tiêu";
        return ($"{PlanDocument.Placeholder} Xã xác định giải pháp, khối lượng, kinh phí để đạt {aim}.", true);
    }

    /// <summary>
    /// Who the commune asks for support: before 1 July 2025 the district, through the office the set
    /// names for the indicator; since then the province's departments (there is no district level).
    /// </summary>
    private static string Above(Indicator i, DateOnly planDate) =>
        planDate >= DistrictsAbolished ? "UBND tỉnh, các sở, ngành chuyên môn cấp tỉnh"
        : i.ResponsibleOffice.Length > 0 ? $"UBND huyện, {i.ResponsibleOffice} huyện" : "UBND huyện";

    /// <summary>The figures and the gap: "Hiện nay: số hộ nghèo 71 hộ; …; tỷ lệ … là 12,33%, cao hơn ngưỡng ≤ 6,5% là 5,83 điểm phần trăm."</summary>
    internal static string CauseFigures(IndicatorResult r, PlanPeriod period)
    {
        var i = r.Indicator;
        // A set's default standing in for an absent figure has no Value: only what the commune gave is listed.
        var known = r.Inputs.Where(x => x.Value is not null).ToArray();
        if (!Prose.IsNumeric(r) || r.Actual is not { Kind: ScalarKind.Number } actual)
        {
            var failing = known.Where(x => x.Value is { Kind: ScalarKind.Boolean, Flag: false }).ToArray();
            return failing.Length > 1
                ? $"Theo kết quả rà soát, còn chưa đạt: {string.Join("; ", failing.Select(x => Prose.Label(x.Measure)))}."
                : $"Theo kết quả rà soát năm {period.PlanDate.Year}, xã chưa đạt yêu cầu của chỉ tiêu này.";
        }
        // A figure entered as the indicator's value itself (a rate the commune reports) is said once, as the value.
        var numbers = known.Where(x => x.Value!.Value.Kind == ScalarKind.Number).ToArray();
        var figures = (numbers.Length == 1 && numbers[0].Value!.Value.Number == actual.Number ? [] : numbers)
            .Select(x => $"{Prose.Label(x.Measure)} {VietnameseFormat.Value(x.Value!.Value, x.Measure.Unit)}")
            .Where(f => !f.StartsWith(Prose.Lower(i.ValueLabel) + " ", StringComparison.Ordinal)).ToArray();
        var gap = Math.Abs(actual.Number - r.Threshold.Value.Number);
        var side = actual.Number > r.Threshold.Value.Number ? "cao hơn" : "thấp hơn";
        var gapText = i.ValueUnit == "%" ? VietnameseFormat.PercentagePoints(gap) : VietnameseFormat.Value(Scalar.Of(gap), i.ValueUnit);
        var value = $"{Prose.Lower(i.ValueLabel)} là {VietnameseFormat.Value(actual, i.ValueUnit)}, {side} ngưỡng {Prose.ThresholdFigure(r.Threshold, i.ValueUnit)} là {gapText}";
        return Prose.Nfc("Hiện nay: " + string.Join("; ", figures.Append(value)) + ".");
    }

    private static MissingDataItem MissingItem(IndicatorResult r, ItemContext context) =>
        new(r.Indicator.Code, Prose.Nfc(r.Indicator.Name),
            r.Inputs.Where(x => r.MissingMeasures.Contains(x.Measure.Key))
                .Select(x => Prose.Nfc(Prose.Name(x.Measure) + (x.Invalid ? " (giá trị đã nhập không hợp lệ)" : ""))).ToArray(),
            context.Lead(r.Indicator.Code).Label, context.Period.First.ToString());

    private static OfficeAssignment[] Assignments(IndicatorSection[] items) =>
        items.GroupBy(i => i.Lead, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OfficeAssignment(g.Key, g.Select(i => new AssignedTask(i.Code, i.Name, i.Quantity, i.Support, i.Due)).ToArray()))
            .ToArray();

    /// <summary>What falls due in each quarter; for a target due in a later year, a figure to reach by the end of each year before.</summary>
    private static Milestone[] Milestones(IndicatorSection[] items, MissingDataItem[] missing, ItemContext context)
    {
        var due = new List<(Quarter Quarter, string Text)>();
        if (missing.Length > 0)
            due.Add((context.Period.First, $"Thu thập, xác nhận số liệu của {missing.Length} chỉ tiêu chưa có số liệu (mục «Chỉ tiêu cần bổ sung số liệu»)"));
        foreach (var item in items)
        {
            var quarter = context.Due[item.Code];
            var computed = context.Computed.GetValueOrDefault(item.Code);
            var years = quarter.Year - context.Period.StartYear + 1;
            for (var k = 1; computed is not null && k < years; k++)
                due.Add((new Quarter(context.Period.StartYear + k - 1, 4), $"Chỉ tiêu {item.Code} (mốc năm {context.Period.StartYear + k - 1}): {computed.Milestone((double)k / years)}"));
            due.Add((quarter, $"Chỉ tiêu {item.Code}: {(item.Quantity.Length > 0 ? item.Quantity : "hoàn thành nội dung chỉ tiêu")}"));
        }
        return due.GroupBy(d => d.Quarter).OrderBy(g => g.Key).Select(g => new Milestone(g.Key.ToString(), g.Select(d => Prose.Nfc(d.Text)).ToArray())).ToArray();
    }

    private static BudgetSummary Budget(IndicatorSection[] items, IReadOnlyDictionary<string, IndicatorNarrative> narratives, ItemContext context)
    {
        var costed = items.Where(i => narratives.GetValueOrDefault(i.Code)?.BudgetMillionVnd is not null
            || context.Guidance.For(i.Code) is { } g && (g.BeyondCommune || g.Effort == Effort.Investment)).ToArray();
        var budgets = costed.Select(i => (Item: i, Narrative: narratives.GetValueOrDefault(i.Code))).ToArray();
        var withBudget = budgets.Where(b => b.Narrative?.BudgetMillionVnd is not null).Select(b => b.Narrative!).ToArray();
        // Only sources that carry money: a table of zeros says nothing.
        var lines = FundingSources.All.Select(source => (Source: source.Label(), Amount: withBudget.Where(n => n.FundingSource == source).Sum(n => n.BudgetMillionVnd!.Value)))
            .Append((Source: "Chưa xác định nguồn", Amount: withBudget.Where(n => n.FundingSource is null).Sum(n => n.BudgetMillionVnd!.Value)))
            .Where(l => l.Amount > 0)
            .Select(l => new BudgetLine(l.Source, VietnameseFormat.Money(l.Amount, preferTy: false)))
            .ToArray();
        var itemLines = budgets.Select(b => new BudgetItem(b.Item.Code, b.Item.Name, b.Item.Quantity,
            b.Narrative?.BudgetMillionVnd is { } m ? VietnameseFormat.Money(m, preferTy: false) : "chưa có dự toán",
            b.Narrative?.FundingSource?.Label() ?? "")).ToArray();
        return new BudgetSummary(lines, VietnameseFormat.Money(withBudget.Sum(n => n.BudgetMillionVnd!.Value), preferTy: false),
            budgets.Length - withBudget.Length, itemLines);
    }

    private static UnconfirmedThreshold[] Unconfirmed(EvaluationResult result)
    {
        var rows = new List<UnconfirmedThreshold>();
        foreach (var r in result.Indicators)
        {
            if (r.Status != IndicatorStatus.KhongApDung && !ThresholdConfirmation.IsConfirmed(r.Threshold)) rows.Add(UnconfirmedRow(r.Indicator, r.Threshold));
        }
        return rows.ToArray();
    }

    /// <summary>
    /// An annex row, made once per applied threshold: a compiled set resolves each threshold once per
    /// region, group and date and hands the same object to every commune, and the row depends on nothing
    /// else (the citation and figure are always written in Vietnamese).
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ResolvedThreshold, Tuple<Indicator, UnconfirmedThreshold>> Rows = new();

    private static UnconfirmedThreshold UnconfirmedRow(Indicator i, ResolvedThreshold t)
    {
        if (Rows.TryGetValue(t, out var known) && ReferenceEquals(known.Item1, i)) return known.Item2;
        var row = new UnconfirmedThreshold(i.Code, Prose.Nfc(i.Name), Prose.ThresholdFigure(t, i.ValueUnit), t.Provenance.State.VietnameseName(),
            Prose.Nfc(FigureSource(t.Provenance)), t.Source.Citation.ToString());
        Rows.AddOrUpdate(t, Tuple.Create(i, row));
        return row;
    }

    /// <summary>Who applies a reported figure (document and place), or why an assumed one was chosen.</summary>
    private static string FigureSource(ThresholdProvenance p) => p.State == ProvenanceState.Reported
        ? string.Join(", ", new[] { p.Document, p.Location }.Where(t => !string.IsNullOrWhiteSpace(t)))
        : p.Reason ?? "";

    private static IReadOnlyList<string> Recipients(PlanDetails? plan) =>
        plan?.Recipients is { Count: > 0 } r ? r
            : ["Ban Chỉ đạo các Chương trình MTQG cấp trên;", "Thường trực Đảng ủy, HĐND xã;", "Chủ tịch, các Phó Chủ tịch UBND xã;", "UBMTTQ và các đoàn thể xã;", "Các thôn;", "Lưu: VP."];

    private static SignatureBlock Signature(PlanDetails? plan) =>
        new(plan?.Signer?.Authority ?? "TM. ỦY BAN NHÂN DÂN", plan?.Signer?.Position is { Count: > 0 } p ? p : ["CHỦ TỊCH"], plan?.Signer?.Name ?? "");

    private static string Upper(string s) => s.ToUpper(System.Globalization.CultureInfo.InvariantCulture).Normalize(NormalizationForm.FormC);
}

using System.Globalization;
using System.Text;
using NtmRules.Drafting.Model;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Drafting;

/// <summary>
/// Turns an evaluation into the plan's content: what a commune officer would otherwise type from
/// the review — the figures and gap behind each unmet indicator, the target, the proposal — with
/// the commune's own narrative where the data file gives it and marked defaults where it does not.
/// </summary>
public static class PlanModelBuilder
{
    /// <summary>Builds the plan model. Deterministic: reads no clock; the plan date defaults to the assessment date.</summary>
    public static PlanDocument Build(EvaluationResult result)
    {
        var data = result.Data;
        var plan = data.Plan;
        var narratives = data.Narratives ?? new Dictionary<string, IndicatorNarrative>();
        var planYear = plan?.Year ?? data.Year;
        var date = plan?.Date ?? data.AssessmentDate;
        var commune = data.Commune;
        var place = plan?.Place ?? commune.Name;

        var header = new PlanHeader(
            ParentBody: plan?.ParentBody ?? (commune.District is { } d ? "UBND HUYỆN " + Upper(d) : "UBND TỈNH " + Upper(commune.Province ?? "")),
            IssuingBody: plan?.IssuingBody ?? "UBND XÃ " + Upper(commune.Name),
            Number: "Số: " + (plan?.Number ?? "      /KH-UBND"),
            PlaceAndDate: $"{place}, {VietnameseFormat.LongDate(date)}");
        var set = result.Set;
        var subject = plan?.Subject
            ?? $"Thực hiện các tiêu chí {set.Level.VietnameseName()} còn chưa đạt của xã {commune.Name} năm {planYear}";

        var legalBases = set.LegalBases.Concat(plan?.LegalBases ?? []).Distinct(StringComparer.Ordinal).Select(Nfc).ToArray();
        if (legalBases.Length == 0) legalBases = [set.Decision.Reference + " về " + Lower(set.Decision.Title)];

        var s = result.Summary;
        var summary = new PlanSummary(s.CriteriaMet, s.CriteriaTotal, s.IndicatorsMet, s.IndicatorsTotal,
            s.IndicatorsNotMet, s.IndicatorsMissingData, s.IndicatorsNotApplicable,
            $"đạt {s.CriteriaMet}/{s.CriteriaTotal} tiêu chí, {s.IndicatorsMet}/{s.IndicatorsTotal} chỉ tiêu");

        static bool Met(IndicatorStatus st) => st is IndicatorStatus.Dat or IndicatorStatus.KhongApDung;
        var met = result.Criteria.Where(c => Met(c.Status)).Select(c => $"Tiêu chí số {c.Criterion.Number}: {c.Criterion.Name}").ToArray();
        var unmet = result.Criteria.Where(c => !Met(c.Status)).Select(c => $"Tiêu chí số {c.Criterion.Number}: {c.Criterion.Name} ({c.Status.Label()})").ToArray();

        var sections = new List<CriterionSection>();
        var k = 0;
        foreach (var c in result.Criteria.Where(c => !Met(c.Status)))
        {
            var items = c.Indicators.Where(i => i.Status is IndicatorStatus.ChuaDat or IndicatorStatus.ThieuSoLieu)
                .Select(i => Item(i, narratives.GetValueOrDefault(i.Indicator.Code), planYear, data.Sources)).ToArray();
            if (items.Length == 0) continue;
            sections.Add(new CriterionSection($"1.2.{++k}", c.Criterion.Number, c.Criterion.Name, c.Status.Label(), items));
        }

        var assignments = sections.SelectMany(sec => sec.Items)
            .GroupBy(i => i.LeadOffice, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OfficeAssignment(g.Key, g.Select(i => new AssignedTask(i.Code, i.Name, i.Due)).ToArray()))
            .ToArray();

        var budget = Budget(result, narratives);
        var signer = plan?.Signer;
        var signature = new SignatureBlock(signer?.Authority ?? "TM. ỦY BAN NHÂN DÂN", signer?.Position is { Count: > 0 } p ? p : ["CHỦ TỊCH"], signer?.Name ?? "");
        var recipients = plan?.Recipients is { Count: > 0 } r ? r
            : ["Ban Chỉ đạo các Chương trình MTQG cấp trên;", "Thường trực Đảng ủy, HĐND xã;", "Chủ tịch, các Phó Chủ tịch UBND xã;", "UBMTTQ và các đoàn thể xã;", "Các thôn;", "Lưu: VP."];

        return new PlanDocument(header, Nfc(subject), legalBases,
            new CommuneInfo(commune.Name, commune.District ?? "", commune.Province ?? "", data.Year, planYear, data.Region.VietnameseName()),
            new SetInfo(set.Id, set.Name, set.Level.VietnameseName(), set.Decision.Reference),
            summary, met, unmet, sections, assignments, budget, recipients, signature);
    }

    private static IndicatorSection Item(IndicatorResult r, IndicatorNarrative? n, int planYear, IReadOnlyDictionary<string, string> sources)
    {
        var i = r.Indicator;
        var missing = r.Status == IndicatorStatus.ThieuSoLieu;
        var threshold = VietnameseFormat.Threshold(r.Threshold, i.ValueUnit);
        var office = n?.LeadOffice ?? (i.ResponsibleOffice.Length > 0 ? i.ResponsibleOffice : "UBND xã");
        var due = VietnameseFormat.Quarter(n?.Quarter ?? 4, planYear);

        string target;
        if (n?.Target is { } t) target = t + (n.TargetDate is { } td ? $" (thời hạn: {VietnameseFormat.LongDate(td)})" : "");
        else if (missing) target = $"Hoàn thành thu thập, cập nhật số liệu trong {due}; sau đó đánh giá lại chỉ tiêu (yêu cầu: {threshold}).";
        else if (r.Threshold.Value.Kind == ScalarKind.Boolean) target = $"Phấn đấu đến cuối năm {planYear} đạt nội dung chỉ tiêu này.";
        else target = $"Phấn đấu đến cuối năm {planYear} đạt {threshold}.";

        string proposal;
        var draft = false;
        if (n?.Proposal is { } pr) proposal = pr;
        else if (missing)
        {
            proposal = $"[Dự thảo — cần bổ sung] Đề nghị {office} phối hợp cung cấp, xác nhận số liệu: {string.Join("; ", r.Inputs.Where(x => r.MissingMeasures.Contains(x.Measure.Key)).Select(x => x.Measure.Label))}.";
            draft = true;
        }
        else
        {
            var aim = r.Threshold.Value.Kind == ScalarKind.Boolean ? "nội dung chỉ tiêu" : threshold;
            proposal = $"[Dự thảo — cần bổ sung] Đề nghị {office} chủ trì, phối hợp rà soát nguyên nhân, đề xuất giải pháp và kinh phí để đạt {aim}.";
            draft = true;
        }
        var budgetText = n?.BudgetMillionVnd is { } b ? "ước khoảng " + VietnameseFormat.Money(b) : "";
        var fundingText = n?.FundingSource is { } fs ? fs.Label() : "";
        return new IndicatorSection(i.Code, Nfc(i.Name), r.Status.Label(), missing, CauseFigures(r, sources), Nfc(n?.Cause ?? ""), Nfc(target),
            Nfc(proposal), draft, budgetText, fundingText, office, due);
    }

    /// <summary>The figures and the gap: "Hiện nay: số hộ nghèo 71 hộ; …; tỷ lệ … là 12,33%, cao hơn ngưỡng ≤ 6,5% là 5,83 điểm phần trăm."</summary>
    internal static string CauseFigures(IndicatorResult r, IReadOnlyDictionary<string, string>? sources = null)
    {
        var i = r.Indicator;
        if (r.Status == IndicatorStatus.ThieuSoLieu)
        {
            var absent = r.Inputs.Where(x => r.MissingMeasures.Contains(x.Measure.Key))
                .Select(x => Lower(x.Measure.Label) + (x.Invalid ? " (giá trị đã nhập không hợp lệ)" : ""));
            return $"Chưa có số liệu để đánh giá chỉ tiêu: {string.Join("; ", absent)}.";
        }
        var sb = new StringBuilder("Hiện nay: ");
        var figures = r.Inputs.Where(x => x.Value is not null)
            .Select(x => x.Value!.Value.Kind == ScalarKind.Boolean
                ? $"{Lower(x.Measure.Label)}: {VietnameseFormat.Value(x.Value.Value, x.Measure.Unit)}"
                : $"{Lower(x.Measure.Label)} {VietnameseFormat.Value(x.Value.Value, x.Measure.Unit)}").ToArray();
        if (r.Actual is { } a && r.Threshold.Value.Kind == ScalarKind.Number)
        {
            var gap = Math.Abs(a.Number - r.Threshold.Value.Number);
            var side = a.Number > r.Threshold.Value.Number ? "cao hơn" : "thấp hơn";
            var gapText = i.ValueUnit == "%" ? VietnameseFormat.PercentagePoints(gap) : VietnameseFormat.Value(Scalar.Of(gap), i.ValueUnit);
            var valueSentence = $"{Lower(i.ValueLabel)} là {VietnameseFormat.Value(a, i.ValueUnit)}, {side} ngưỡng {VietnameseFormat.Threshold(r.Threshold, i.ValueUnit)} là {gapText}";
            var others = figures.Where(f => !f.StartsWith(Lower(i.ValueLabel) + " ", StringComparison.Ordinal)).ToArray();
            sb.Append(others.Length > 0 ? string.Join("; ", others) + "; " + valueSentence : valueSentence);
        }
        else
        {
            sb.Append(figures.Length > 0 ? string.Join("; ", figures) : Lower(i.ValueLabel) + ": chưa đạt");
            sb.Append(" — chưa đáp ứng yêu cầu của chỉ tiêu");
        }
        sb.Append('.');
        return Nfc(sb.ToString());
    }

    private static BudgetSummary Budget(EvaluationResult result, IReadOnlyDictionary<string, IndicatorNarrative> narratives)
    {
        var unmetCodes = result.Indicators.Where(i => i.Status is IndicatorStatus.ChuaDat or IndicatorStatus.ThieuSoLieu).Select(i => i.Indicator.Code).ToHashSet(StringComparer.Ordinal);
        var withBudget = narratives.Where(kv => unmetCodes.Contains(kv.Key) && kv.Value.BudgetMillionVnd is not null).Select(kv => kv.Value).ToArray();
        // Only sources that carry money: a table of zeros says nothing.
        var lines = FundingSources.All.Select(source => (Source: source.Label(), Amount: withBudget.Where(n => n.FundingSource == source).Sum(n => n.BudgetMillionVnd!.Value)))
            .Append((Source: "Chưa xác định nguồn", Amount: withBudget.Where(n => n.FundingSource is null).Sum(n => n.BudgetMillionVnd!.Value)))
            .Where(l => l.Amount > 0)
            .Select(l => new BudgetLine(l.Source, VietnameseFormat.Money(l.Amount, preferTy: false)))
            .ToArray();
        var total = withBudget.Sum(n => n.BudgetMillionVnd!.Value);
        return new BudgetSummary(lines, VietnameseFormat.Money(total, preferTy: false), unmetCodes.Count - withBudget.Length);
    }

    private static string Upper(string s) => s.ToUpper(CultureInfo.InvariantCulture).Normalize(NormalizationForm.FormC);

    /// <summary>Lower-cases the first letter for use mid-sentence, unless the word is an acronym (BHYT, OCOP).</summary>
    private static string Lower(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLower(s[0], CultureInfo.InvariantCulture) + s[1..] : s;

    private static string Nfc(string s) => s.Normalize(NormalizationForm.FormC);
}

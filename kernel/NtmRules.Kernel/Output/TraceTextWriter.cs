using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Kernel.Output;

/// <summary>
/// The audit trace as an auditor who is not a programmer reads it, in Vietnamese: for each
/// indicator the path, the verdict and why, the figures, the threshold and its legal source,
/// the rule as written and the value of each of its parameters; then the provenance.
/// </summary>
public static class TraceTextWriter
{
    /// <summary>Which figure applied: "mức riêng xã nhóm 2", "mức riêng vùng Bắc Trung Bộ" or "mức chung".</summary>
    internal static string LevelText(ResolvedThreshold t) =>
        t.Group is { } g ? "mức riêng " + g.VietnameseName()
        : t.Region is { } reg ? "mức riêng vùng " + reg.VietnameseName()
        : "mức chung";

    /// <summary>Writes the trace of <paramref name="indicators"/>.</summary>
    public static void Write(EvaluationResult result, IEnumerable<IndicatorResult> indicators, Provenance provenance, TextWriter o)
    {
        WriteHeading(result, o);
        var criteria = result.Criteria.ToDictionary(c => c.Criterion.Number);
        foreach (var i in indicators)
        {
            var c = criteria[i.Indicator.CriterionNumber];
            o.WriteLine($"Tiêu chí số {c.Criterion.Number}: {c.Criterion.Name} ({c.Status.Label()}) › chỉ tiêu {i.Indicator.Code}: {i.Indicator.Name}");
            o.WriteLine($"  Kết quả: {i.Status.Label().ToUpper(CultureInfo.InvariantCulture)} — {OutcomeText(i.Outcome)}");
            o.WriteLine($"  Vì sao: {Why(i)}");
            WriteInputs(i, result.Data, o);
            WriteThreshold(i, result, o);
            WriteRuleSource(i, result.Set, o);
            o.WriteLine();
        }
        WriteProvenance(provenance, result.Data, o);
    }

    /// <summary>The commune, the set, the date and region that chose the thresholds, mergers and the period warning.</summary>
    private static void WriteHeading(EvaluationResult result, TextWriter o)
    {
        var data = result.Data;
        o.WriteLine($"TRUY VẾT KẾT QUẢ ĐÁNH GIÁ — xã {data.Commune.Name}{(data.Commune.Province is { } p ? ", tỉnh " + p : "")}, năm {data.Year}");
        o.WriteLine($"Bộ tiêu chí: {result.Set.Name} ({result.Set.Id})");
        o.WriteLine($"Ngày đánh giá (chọn ngưỡng có hiệu lực): {Date(result.EvaluationDate)}; vùng áp dụng ngưỡng: {data.ThresholdRegion.VietnameseName()}"
                    + (data.SpecialDifficulty ? " (xã đặc biệt khó khăn)" : "")
                    + (data.Group is { } group ? "; nhóm xã: " + group.VietnameseName() : ""));
        if (data.FormerUnits.Count > 0)
            o.WriteLine("Sáp nhập từ: " + string.Join("; ", data.FormerUnits.Select(u =>
                $"xã {u.Name} (mã {u.Code}{(u.District is { } d ? ", huyện " + d : "")}) từ ngày {Date(u.MergedOn)}")));
        if (result.PeriodNotice is { } notice) o.WriteLine("CẢNH BÁO: " + notice);
        o.WriteLine();
    }

    /// <summary>"Số liệu đã dùng": each measure's value (or the default, or why there is none) and its source.</summary>
    private static void WriteInputs(IndicatorResult i, CommuneData data, TextWriter o)
    {
        if (i.Inputs.Count == 0) return;
        o.WriteLine("  Số liệu đã dùng:");
        foreach (var r in i.Inputs)
        {
            var value = r.Value is { } v ? VietnameseFormat.Value(v, r.Measure.Unit)
                : r.DefaultUsed is { } d ? $"không có số liệu, dùng mặc định {VietnameseFormat.Value(d, r.Measure.Unit)} của bộ tiêu chí"
                : r.Invalid ? "giá trị không hợp lệ (bị loại)" : "không có số liệu";
            var source = data.Sources.TryGetValue(r.Measure.Key, out var s) ? $" — nguồn: {s}" : "";
            o.WriteLine($"    {r.Measure.Label} [{r.Measure.Key}]: {value}{source}");
        }
    }

    /// <summary>The threshold applied, its provenance and legal basis, and where an inherited indicator comes from.</summary>
    private static void WriteThreshold(IndicatorResult i, EvaluationResult result, TextWriter o)
    {
        var ind = i.Indicator;
        var t = i.Threshold;
        o.WriteLine($"  Ngưỡng: {VietnameseFormat.Threshold(t, ind.ValueUnit)} ({LevelText(t)}), áp dụng từ {Date(t.Source.From)}");
        o.WriteLine($"  Xác nhận ngưỡng: {t.Provenance.Describe()}");
        o.WriteLine($"  Căn cứ pháp lý: {t.Source.Citation}");
        o.WriteLine($"  Nguồn ngưỡng: {ind.ThresholdBasis(t)}");
        if (ind.Origin is { } origin)
        {
            var changed = origin.Changed.Count == 0 ? "" : $"; đã điều chỉnh: {string.Join(", ", origin.Changed)}";
            o.WriteLine(origin.Kind == IndicatorOriginKind.Added
                ? $"  Chỉ tiêu: {origin.Kind.Label()} bởi bộ {result.Set.Id}"
                : $"  Chỉ tiêu: {origin.Kind.Label()} từ bộ {origin.BaseSetId}, chỉ tiêu {origin.BaseCode}{changed}");
            if (origin.Replaced is { } replaced && EvaluationJsonWriter.ReplacedFigure(replaced.Threshold, result) is { } before)
            {
                o.WriteLine($"  Ngưỡng được thay thế: {VietnameseFormat.Threshold(before, ind.ValueUnit)} của bộ {replaced.SetId} ({before.Provenance.State.VietnameseName()})");
            }
        }
        if (ind.ResponsibleOffice.Length > 0) o.WriteLine($"  Cơ quan đánh giá: {ind.ResponsibleOffice}");
    }

    /// <summary>The rule that judged the indicator, the file it is in, and its steps.</summary>
    private static void WriteRuleSource(IndicatorResult i, CriteriaSet set, TextWriter o)
    {
        if (i.Rule is not { } rule) return;
        var where = i.Indicator.Origin is { } ro
            ? $"{EvaluationJsonWriter.RuleFileOf(ro)} của plugin {ro.RulePlugin.Id}"
            : Path.GetRelativePath(set.Plugin.Folder, set.WorkflowFile).Replace('\\', '/');
        o.WriteLine($"  Quy tắc: \"{rule.Name}\" trong {where} (workflow {set.Id})");
        WriteRule(o, rule, "    ");
    }

    /// <summary>"Nguồn gốc": plugin, signatures, bases, versions, the data file and the time, to verify and reproduce.</summary>
    private static void WriteProvenance(Provenance provenance, CommuneData data, TextWriter o)
    {
        o.WriteLine("Nguồn gốc (để kiểm chứng và tái lập):");
        o.WriteLine($"  Plugin: {provenance.PluginId} phiên bản {provenance.PluginVersion}, SHA-256 nội dung {provenance.PluginContentSha256}");
        o.WriteLine($"  Chữ ký plugin: {provenance.PluginSignature.Label}");
        foreach (var b in provenance.Bases)
        {
            o.WriteLine($"  Kế thừa bộ {b.SetId} (QĐ {b.Decision.Number}): plugin {b.Plugin.Id} phiên bản {b.Plugin.Version}, SHA-256 nội dung {b.Plugin.ContentHash}");
            o.WriteLine($"    Chữ ký plugin: {b.Plugin.Signature.Label}");
        }
        o.WriteLine($"  RulesEngine {provenance.RulesEngineVersion}; NtmRules.Kernel {provenance.KernelVersion}");
        o.WriteLine($"  Tệp số liệu: {data.File}, SHA-256 {provenance.DataSha256}");
        o.WriteLine($"  Thời điểm đánh giá: {provenance.EvaluatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
    }

    private static void WriteRule(TextWriter o, RuleTrace rule, string indent)
    {
        if (rule.Expression is not null) o.WriteLine($"{indent}Biểu thức: {rule.Expression}");
        if (rule.Operator is not null) o.WriteLine($"{indent}Kết hợp các quy tắc con bằng: {rule.Operator}");
        foreach (var p in rule.Params)
        {
            var expression = p.Name == CompiledCriteriaSet.ThresholdParam ? "ngưỡng của chỉ tiêu (do hệ thống cung cấp từ bộ tiêu chí)" : p.Expression;
            var value = !rule.Evaluated ? "chưa tính (chỉ tiêu không được đánh giá)" : p.Value is { } v ? v.Kind == ScalarKind.Boolean ? (v.Flag ? "đúng" : "sai") : VietnameseFormat.Number(v.Number, 4) : "—";
            o.WriteLine($"{indent}  {p.Name} = {expression}  →  {value}");
        }
        if (rule.Evaluated) o.WriteLine($"{indent}RulesEngine: {(rule.Error is not null ? "LỖI: " + rule.Error : rule.IsSuccess == true ? "thỏa" : "không thỏa")}");
        foreach (var child in rule.Children)
        {
            o.WriteLine($"{indent}Quy tắc con \"{child.Name}\":");
            WriteRule(o, child, indent + "  ");
        }
    }

    private static string Why(IndicatorResult i)
    {
        var unit = i.Indicator.ValueUnit;
        var t = i.Threshold;
        switch (i.Outcome)
        {
            case Outcome.MissingData:
                return $"thiếu số liệu: {string.Join(", ", i.MissingMeasures)} — chỉ tiêu không được tính là đạt";
            case Outcome.NotApplicable:
                return $"điều kiện áp dụng \"{i.Indicator.ApplicableWhen}\" không thỏa (nếu có) — không áp dụng";
            case Outcome.ExpressionError:
                return "quy tắc lỗi khi chạy: " + i.Error;
        }
        var actual = i.Actual is { } a ? VietnameseFormat.Value(a, unit) : "?";
        var limit = VietnameseFormat.Threshold(t, unit);
        if (t.Value.Kind == ScalarKind.Boolean)
            return $"{i.Indicator.ValueLabel}: {actual}; yêu cầu: {limit}";
        var met = i.Outcome == Outcome.Met;
        var gap = i.Actual is { } av && !met ? $", chênh {VietnameseFormat.Number(Math.Abs(av.Number - t.Value.Number))}{(unit == "%" ? " điểm phần trăm" : unit.Length > 0 ? " " + unit : "")}" : "";
        return $"{i.Indicator.ValueLabel} = {actual} {(met ? "thỏa" : "không thỏa")} {limit}{gap}";
    }

    private static string OutcomeText(Outcome o) => o switch
    {
        Outcome.Met => OutputMessages.OutcomeMet,
        Outcome.FailedComparison => OutputMessages.OutcomeFailedComparison,
        Outcome.MissingData => OutputMessages.OutcomeMissingData,
        Outcome.NotApplicable => OutputMessages.OutcomeNotApplicable,
        Outcome.ExpressionError => OutputMessages.OutcomeExpressionError,
        _ => o.ToString(),
    };

    private static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}

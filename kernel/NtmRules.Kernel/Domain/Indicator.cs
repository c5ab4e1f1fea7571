namespace NtmRules.Kernel.Domain;

/// <summary>
/// A numbered indicator (chỉ tiêu) of a criterion, e.g. 17.1, and how it is judged.
/// </summary>
/// <param name="Code">Number as the decision writes it, e.g. "17.1"; unique in its set.</param>
/// <param name="Name">Vietnamese wording.</param>
/// <param name="CriterionNumber">Number of the criterion it belongs to.</param>
/// <param name="RuleName">Name of the RulesEngine rule that evaluates it.</param>
/// <param name="ValueLabel">What the rule's <c>actual</c> is, e.g. "Tỷ lệ hộ nghèo đa chiều".</param>
/// <param name="ValueUnit">Unit of that value, e.g. "%"; empty for yes/no.</param>
/// <param name="ResponsibleOffice">Office that judges the indicator; may be empty.</param>
/// <param name="ApplicableWhen">Boolean expression over measures for "(nếu có)" indicators; null when always applicable.</param>
/// <param name="Threshold">The legal threshold.</param>
public sealed record Indicator(
    string Code,
    string Name,
    int CriterionNumber,
    string RuleName,
    string ValueLabel,
    string ValueUnit,
    string ResponsibleOffice,
    string? ApplicableWhen,
    Threshold Threshold)
{
    /// <summary>
    /// For a set that extends another: where the indicator comes from (inherited, overridden,
    /// added) and the threshold it replaced. Null in a set that extends nothing.
    /// </summary>
    public IndicatorOrigin? Origin { get; init; }

    /// <summary>
    /// Whose figure <paramref name="applied"/> is, and what it replaced. A figure is named after a
    /// decision only when it is confirmed from it or reported as applied under it; an assumed one
    /// says so and why ("ngưỡng giả định, chưa có văn bản xác nhận (…)").
    /// </summary>
    public string ThresholdBasis(ResolvedThreshold applied)
    {
        var decision = "QĐ " + applied.Source.Citation.Decision;
        var own = applied.Provenance.State switch
        {
            ProvenanceState.Confirmed => $"ngưỡng theo {decision} (đã xác nhận: {applied.Provenance.Location}, {applied.Provenance.Document})",
            ProvenanceState.Reported => $"ngưỡng theo {decision}, như {applied.Provenance.Document} áp dụng (chưa đối chiếu văn bản quyết định)",
            _ => $"ngưỡng giả định, chưa có văn bản xác nhận ({applied.Provenance.Reason})",
        };
        if (Origin is null) return own;
        if (Origin.Replaced is { } r) return $"{own}, thay cho ngưỡng của bộ {r.SetId}";
        return Origin.Kind == IndicatorOriginKind.Added
            ? $"{own}, chỉ tiêu bổ sung (không có trong bộ tiêu chí gốc)"
            : $"{own}, kế thừa từ bộ tiêu chí {Origin.BaseSetId}";
    }
}

/// <summary>A criterion (tiêu chí) and its indicators. Invariant: at least one indicator.</summary>
/// <param name="Number">1–19 in the national xã sets.</param>
/// <param name="Name">Vietnamese name, e.g. "Nghèo đa chiều".</param>
/// <param name="Indicators">Its indicators in the decision's order.</param>
public sealed record Criterion(int Number, string Name, IReadOnlyList<Indicator> Indicators);

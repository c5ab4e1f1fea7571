using System.Globalization;
using NtmRules.Kernel.Localization;
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
    public string ThresholdBasis(ResolvedThreshold applied) => ThresholdBasis(applied, MessageText.Vietnamese);

    /// <summary><see cref="ThresholdBasis(ResolvedThreshold)"/> in <paramref name="language"/>.</summary>
    public string ThresholdBasis(ResolvedThreshold applied, CultureInfo language)
    {
        var decision = DomainText.Format(nameof(DomainMessages.DecisionShort), language, applied.Source.Citation.Decision);
        var p = applied.Provenance;
        var own = p.State switch
        {
            ProvenanceState.Confirmed => DomainText.Format(nameof(DomainMessages.BasisConfirmed), language, decision, p.Location, p.Document),
            ProvenanceState.Reported => DomainText.Format(nameof(DomainMessages.BasisReported), language, decision, p.Document),
            _ => DomainText.Format(nameof(DomainMessages.BasisAssumed), language, p.Reason),
        };
        if (Origin is null) return own;
        if (Origin.Replaced is { } r) return DomainText.Format(nameof(DomainMessages.BasisReplaces), language, own, r.SetId);
        return Origin.Kind == IndicatorOriginKind.Added
            ? DomainText.Format(nameof(DomainMessages.BasisAdded), language, own)
            : DomainText.Format(nameof(DomainMessages.BasisInherited), language, own, Origin.BaseSetId);
    }
}

/// <summary>A criterion (tiêu chí) and its indicators. Invariant: at least one indicator.</summary>
/// <param name="Number">1–19 in the national xã sets.</param>
/// <param name="Name">Vietnamese name, e.g. "Nghèo đa chiều".</param>
/// <param name="Indicators">Its indicators in the decision's order.</param>
public sealed record Criterion(int Number, string Name, IReadOnlyList<Indicator> Indicators);

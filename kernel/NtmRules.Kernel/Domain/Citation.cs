using System.Globalization;
using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Domain;

/// <summary>
/// Where an indicator stands in a set's decision: the decision, the appendix and the item. Whether
/// the figure itself is that decision's is told by <see cref="ThresholdProvenance"/>, not here.
/// </summary>
/// <param name="Decision">Decision number, e.g. "318/QĐ-TTg".</param>
/// <param name="Appendix">Appendix or article, e.g. "Phụ lục I"; may be empty.</param>
/// <param name="Item">Item within it, e.g. "Tiêu chí số 11, chỉ tiêu 11"; may be empty.</param>
public sealed record Citation(string Decision, string? Appendix, string? Item)
{
    /// <summary>"QĐ 318/QĐ-TTg, Phụ lục I, Tiêu chí số 11, chỉ tiêu 11".</summary>
    public override string ToString() => Text(MessageText.Vietnamese);

    /// <summary>The citation in <paramref name="language"/>: the decision named so ("QĐ 318/QĐ-TTg", "Decision 318/QĐ-TTg"), the appendix and item as the set writes them.</summary>
    public string Text(CultureInfo language)
    {
        var parts = new List<string> { DomainText.Format(nameof(DomainMessages.DecisionShort), language, Decision) };
        if (!string.IsNullOrWhiteSpace(Appendix)) parts.Add(Appendix!);
        if (!string.IsNullOrWhiteSpace(Item)) parts.Add(Item!);
        return string.Join(", ", parts);
    }
}

using System.Globalization;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Domain;

/// <summary>A legal decision (quyết định) that issues or amends a criteria set.</summary>
/// <param name="Number">E.g. "318/QĐ-TTg".</param>
/// <param name="Date">Date of signature.</param>
/// <param name="Authority">Issuing authority, e.g. "Thủ tướng Chính phủ", "UBND tỉnh Thanh Hóa".</param>
/// <param name="Title">The decision's subject line.</param>
public sealed record LegalDecision(string Number, DateOnly Date, string Authority, string Title)
{
    /// <summary>"Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ".</summary>
    public string Reference => ReferenceIn(MessageText.Vietnamese);

    /// <summary><see cref="Reference"/> in <paramref name="language"/>: "Decision 318/QĐ-TTg of 2022-03-08, issued by Thủ tướng Chính phủ".</summary>
    public string ReferenceIn(CultureInfo language) => DomainText.Format(nameof(DomainMessages.DecisionReference), language,
        Number, MessageText.IsEnglish(language) ? MessageText.Date(Date, language) : VietnameseFormat.ShortDate(Date), Authority);
}

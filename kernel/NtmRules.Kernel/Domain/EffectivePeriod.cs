using System.Globalization;
using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Domain;

/// <summary>The dates a criteria set is in force. Invariant: <see cref="To"/>, when set, is not before <see cref="From"/>.</summary>
public sealed record EffectivePeriod
{
    /// <summary>Creates a period; <paramref name="to"/> null means still in force.</summary>
    public EffectivePeriod(DateOnly from, DateOnly? to)
    {
        if (to is { } end && end < from) throw new ArgumentException(MessageText.Format(DomainMessages.PeriodEndsBeforeStart, MessageText.Date(end), MessageText.Date(from)));
        From = from;
        To = to;
    }

    /// <summary>First day in force.</summary>
    public DateOnly From { get; }

    /// <summary>Last day in force; null while still in force.</summary>
    public DateOnly? To { get; }

    /// <summary>Whether <paramref name="date"/> falls inside the period.</summary>
    public bool Contains(DateOnly date) => date >= From && (To is null || date <= To);

    /// <summary>"từ 08/03/2022 đến 31/12/2025" or "từ 15/02/2026".</summary>
    public string VietnameseText => Text(MessageText.Vietnamese);

    /// <summary>The period in <paramref name="language"/>: "từ 08/03/2022 đến 31/12/2025", "from 2022-03-08 to 2025-12-31".</summary>
    public string Text(CultureInfo language) => To is { } t
        ? DomainText.Format(nameof(DomainMessages.PeriodFromTo), language, MessageText.Date(From, language), MessageText.Date(t, language))
        : DomainText.Format(nameof(DomainMessages.PeriodFrom), language, MessageText.Date(From, language));

    /// <summary>"2022-03-08 – 2025-12-31" or "2026-01-01 –".</summary>
    public override string ToString() => $"{From:yyyy-MM-dd} – {(To is { } t ? t.ToString("yyyy-MM-dd") : "")}".TrimEnd();
}

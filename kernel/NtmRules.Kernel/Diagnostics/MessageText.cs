using System.Globalization;

namespace NtmRules.Kernel.Diagnostics;

/// <summary>
/// Fills a message template read from the resources (Vietnamese or English by the UI culture) with its
/// arguments. The culture of formatting is the invariant one: figures reach a template already written the
/// Vietnamese way (<see cref="Formatting.VietnameseFormat"/>), so the language of a message never changes
/// how its numbers read.
/// </summary>
internal static class MessageText
{
    /// <summary><c>string.Format</c> in the invariant culture.</summary>
    internal static string Format(string template, params object?[] args) => string.Format(CultureInfo.InvariantCulture, template, args);

    /// <summary>
    /// A plain decimal (a time limit, not a measured figure) in the message's language: "0,5" in Vietnamese,
    /// "0.5" in English, where the English messages always wrote it with a point.
    /// </summary>
    internal static string Decimal(double value) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? value.ToString("0.#", CultureInfo.InvariantCulture)
            : Formatting.VietnameseFormat.Number(value, 1);

    /// <summary>A date in the message's language: "08/03/2022" in Vietnamese, "2022-03-08" as the English messages always wrote it.</summary>
    internal static string Date(DateOnly date) =>
        date.ToString(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "yyyy-MM-dd" : "dd/MM/yyyy", CultureInfo.InvariantCulture);
}

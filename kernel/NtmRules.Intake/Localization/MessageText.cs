using System.Globalization;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Intake.Localization;

/// <summary>
/// Fills the texts of <see cref="IntakeMessages"/>: placeholders through the invariant culture (the
/// message's language comes from the UI culture, never its number format), and counts the way the
/// reader's language writes them.
/// </summary>
internal static class MessageText
{
    /// <summary><paramref name="format"/> with its placeholders filled.</summary>
    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>A count or a size in bytes: "1.784" for a Vietnamese reader, "1784" in English as before.</summary>
    public static string Count(long n) => InEnglish ? n.ToString(CultureInfo.InvariantCulture) : VietnameseFormat.Number(n, 0);

    /// <summary>Whether the resources answer in English: only for an "en" UI culture; any other, the invariant one included, gets the neutral Vietnamese.</summary>
    private static bool InEnglish => IsEnglish(CultureInfo.CurrentUICulture);

    private static bool IsEnglish(CultureInfo culture) => culture.Name == "en" || culture.Name.StartsWith("en-", StringComparison.OrdinalIgnoreCase);
}

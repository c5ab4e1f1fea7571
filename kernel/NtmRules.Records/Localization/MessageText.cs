using System.Globalization;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Records.Localization;

/// <summary>
/// Fills the texts of <see cref="RecordMessages"/>: placeholders through the invariant culture (the
/// message's language comes from the UI culture, never its number format), and counts the way the
/// reader's language writes them.
/// </summary>
internal static class MessageText
{
    /// <summary><paramref name="format"/> with its placeholders filled.</summary>
    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>A count or a size in bytes: "1.784" for a Vietnamese reader, "1784" in English as before.</summary>
    public static string Count(long n) => InEnglish ? n.ToString(CultureInfo.InvariantCulture) : VietnameseFormat.Number(n, 0);

    /// <summary>The languages ntm writes its texts in: the neutral Vietnamese and English.</summary>
    public static IReadOnlyList<CultureInfo> Languages { get; } =
        [CultureInfo.GetCultureInfo("vi", predefinedOnly: false), CultureInfo.GetCultureInfo("en", predefinedOnly: false)];

    /// <summary><see cref="Languages"/>, the one <paramref name="session"/> reads first (itself when it is neither).</summary>
    public static IEnumerable<CultureInfo> LanguagesFirst(CultureInfo session)
    {
        yield return session;
        var english = IsEnglish(session);
        foreach (var language in Languages)
        {
            if (IsEnglish(language) != english) yield return language;
        }
    }

    /// <summary>Whether the resources answer in English: only for an "en" UI culture; any other, the invariant one included, gets the neutral Vietnamese.</summary>
    private static bool InEnglish => IsEnglish(CultureInfo.CurrentUICulture);

    private static bool IsEnglish(CultureInfo culture) => culture.Name == "en" || culture.Name.StartsWith("en-", StringComparison.OrdinalIgnoreCase);
}

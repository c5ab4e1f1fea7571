using System.Globalization;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Kernel.Localization;

/// <summary>
/// Fills the messages for people that every library takes from its resources
/// (<c>Localization/&lt;Area&gt;Messages.resx</c>, Vietnamese, beside <c>.en.resx</c>, English; picked by the UI
/// culture). Placeholders are filled in the invariant culture, so the language of a message never changes how
/// the figures a caller wrote read; the few values written here (counts, plain decimals, dates) take the reader's
/// habit: Vietnamese by default ("1.784", "0,5", "08/03/2022"), English as the English messages always wrote them
/// ("1784", "0.5", "2022-03-08").
/// </summary>
public static class MessageText
{
    /// <summary>The languages ntm writes its texts in: the neutral Vietnamese, then English.</summary>
    public static IReadOnlyList<CultureInfo> Languages { get; } =
        [CultureInfo.GetCultureInfo("vi", predefinedOnly: false), CultureInfo.GetCultureInfo("en", predefinedOnly: false)];

    /// <summary>Vietnamese, the neutral language: what plans, forms and web pages are written in whatever the session's language.</summary>
    public static CultureInfo Vietnamese => Languages[0];

    /// <summary>Whether the resources answer in English now: only for an "en" UI culture; any other, the invariant one included, gets the neutral Vietnamese.</summary>
    public static bool InEnglish => IsEnglish(CultureInfo.CurrentUICulture);

    /// <summary><paramref name="format"/>, a text from the resources, with <paramref name="args"/> in its placeholders.</summary>
    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>A count or a size in bytes: "1.784" for a Vietnamese reader, "1784" in English.</summary>
    public static string Count(long n) => InEnglish ? n.ToString(CultureInfo.InvariantCulture) : VietnameseFormat.Number(n, 0);

    /// <summary>A plain decimal (a time limit, not a measured figure): "0,5" in Vietnamese, "0.5" in English.</summary>
    public static string Decimal(double value) =>
        InEnglish ? value.ToString("0.#", CultureInfo.InvariantCulture) : VietnameseFormat.Number(value, 1);

    /// <summary>A measured figure or a threshold: "12,33" and "1.784" in Vietnamese, "12.33" and "1784" in English; up to <paramref name="decimals"/> decimals.</summary>
    public static string Number(double value, int decimals = 2) => Number(value, decimals, CultureInfo.CurrentUICulture);

    /// <summary>A figure in <paramref name="language"/>, for a text whose language is not the session's (a stored comparison's JSON).</summary>
    public static string Number(double value, int decimals, CultureInfo language)
    {
        if (!IsEnglish(language)) return VietnameseFormat.Number(value, decimals);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>An average as reports give it, exactly <paramref name="decimals"/> decimals: "15,0" and "1.784,50" in Vietnamese, "15.0" and "1784.50" in English.</summary>
    public static string Fixed(double value, int decimals) => InEnglish
        ? Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : VietnameseFormat.Fixed(value, decimals);

    /// <summary>A date: "08/03/2022" in Vietnamese, "2022-03-08" in English.</summary>
    public static string Date(DateOnly date) => Date(date, CultureInfo.CurrentUICulture);

    /// <summary>A date in <paramref name="language"/>, for a text whose language is not the session's (a plan, a page).</summary>
    public static string Date(DateOnly date, CultureInfo language) =>
        date.ToString(IsEnglish(language) ? "yyyy-MM-dd" : "dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="culture"/> reads the English texts ("en", "en-US", …).</summary>
    public static bool IsEnglish(CultureInfo culture) =>
        culture.Name == "en" || culture.Name.StartsWith("en-", StringComparison.OrdinalIgnoreCase);

    /// <summary><see cref="Languages"/>, <paramref name="session"/> first (itself when it is neither), then the other.</summary>
    public static IEnumerable<CultureInfo> LanguagesFirst(CultureInfo session)
    {
        yield return session;
        var english = IsEnglish(session);
        foreach (var language in Languages)
        {
            if (IsEnglish(language) != english) yield return language;
        }
    }
}

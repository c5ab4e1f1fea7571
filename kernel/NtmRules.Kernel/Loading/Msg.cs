using System.Globalization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Fills a message for people taken from the resources (<c>Localization/LoadingMessages</c>,
/// <c>DataMessages</c>, in the language of the UI culture) with its arguments, formatted invariantly:
/// the figures and dates a message quotes read the same in either language.
/// </summary>
internal static class Msg
{
    /// <summary>The message <paramref name="format"/> with <paramref name="args"/> in its placeholders.</summary>
    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}

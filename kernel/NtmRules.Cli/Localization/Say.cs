using System.Globalization;

namespace NtmRules.Cli.Localization;

/// <summary>
/// Fills a message resource's placeholders. Always with the invariant culture: the texts pick their
/// language from the UI culture, while figures come already written the Vietnamese way (or as ids, paths
/// and counts that must not change with the language).
/// </summary>
internal static class Say
{
    /// <summary><paramref name="format"/> (a resource text with <c>{0}</c>…) filled with <paramref name="args"/>.</summary>
    public static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}

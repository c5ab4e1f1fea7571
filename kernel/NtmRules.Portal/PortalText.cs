using System.Globalization;

namespace NtmRules.Portal;

/// <summary>Fills a message template of <see cref="Localization.PortalMessages"/> in the invariant culture, so the language never changes how a number reads.</summary>
internal static class PortalText
{
    /// <summary><c>string.Format</c> in the invariant culture.</summary>
    internal static string Format(string template, params object?[] args) => string.Format(CultureInfo.InvariantCulture, template, args);
}

using System.Globalization;

namespace NtmRules.Kernel.Localization;

/// <summary>
/// The domain's labels in a language the caller names: plans and web pages ask for Vietnamese whatever the
/// session speaks, the CLI's and the API's texts for the session's language (<see cref="CultureInfo.CurrentUICulture"/>).
/// </summary>
internal static class DomainText
{
    /// <summary>The text of <paramref name="key"/> in <see cref="DomainMessages"/> for <paramref name="language"/>.</summary>
    public static string In(string key, CultureInfo language) =>
        DomainMessages.ResourceManager.GetString(key, language) ?? throw new InvalidOperationException($"no resource {key}");

    /// <summary>The text of <paramref name="key"/> for <paramref name="language"/>, its placeholders filled.</summary>
    public static string Format(string key, CultureInfo language, params object?[] args) => MessageText.Format(In(key, language), args);
}

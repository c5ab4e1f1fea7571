using System.Collections.Concurrent;
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
        Texts.GetOrAdd((key, language.Name), static (k, culture) => DomainMessages.ResourceManager.GetString(k.Key, culture)
            ?? throw new InvalidOperationException($"no resource {k.Key}"), language);

    /// <summary>
    /// Texts already looked up, by key and culture name: <see cref="System.Resources.ResourceManager.GetString(string, CultureInfo)"/>
    /// takes a lock on every call, and an evaluation document asks for hundreds of labels, so concurrent web
    /// answers queued on that lock (issue #19). Resources do not change while the process runs; keys and cultures are few.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Key, string Culture), string> Texts = new();

    /// <summary>The text of <paramref name="key"/> for <paramref name="language"/>, its placeholders filled.</summary>
    public static string Format(string key, CultureInfo language, params object?[] args) => MessageText.Format(In(key, language), args);
}

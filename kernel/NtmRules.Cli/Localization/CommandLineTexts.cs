using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace NtmRules.Cli.Localization;

/// <summary>
/// System.CommandLine's own texts (help headings, "Option '--data' is required.", …) in the language
/// of the session. System.CommandLine ships no Vietnamese and keeps its resources and help builder
/// internal, so the Vietnamese texts live in <c>CommandLineTexts.resx</c> under the library's own
/// resource names, and its parse errors are translated by matching them against its English formats,
/// read from its resources at run time (an upgrade that adds a text fails
/// <c>LocalizationTests</c> until the text is translated).
/// </summary>
public sealed class CommandLineTexts
{
    /// <summary>The base name of System.CommandLine's resources, which hold its English texts.</summary>
    public const string LibraryResources = "System.CommandLine.Properties.Resources";

    private static readonly ResourceManager English = new(LibraryResources, typeof(System.CommandLine.RootCommand).Assembly);
    private static readonly ResourceManager Vietnamese = new("NtmRules.Cli.Localization.CommandLineTexts", typeof(CommandLineTexts).Assembly);
    private static readonly Lazy<IReadOnlyList<(string Key, Regex Pattern)>> Patterns = new(BuildPatterns);

    private readonly UiLanguage _language;

    /// <summary>The texts of <paramref name="language"/>.</summary>
    public CommandLineTexts(UiLanguage language) => _language = language;

    /// <summary>Every resource name System.CommandLine has, with its English text.</summary>
    public static IReadOnlyDictionary<string, string> LibraryTexts() =>
        English.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    /// <summary>The Vietnamese text of one of System.CommandLine's resource names, null when none is written.</summary>
    public static string? VietnameseText(string key) => Vietnamese.GetString(key, CultureInfo.InvariantCulture);

    /// <summary>The text of System.CommandLine's resource <paramref name="key"/> in the session's language.</summary>
    public string Get(string key) =>
        (_language == UiLanguage.Vi ? VietnameseText(key) : null)
        ?? English.GetString(key, CultureInfo.InvariantCulture)
        ?? throw new ArgumentException($"System.CommandLine has no text named {key}", nameof(key));

    /// <summary>
    /// <paramref name="message"/>, an error System.CommandLine wrote in English, in the session's language;
    /// unchanged in English, or when it is not one of the library's texts (a validator of ntm's own).
    /// </summary>
    public string Translate(string message)
    {
        if (_language == UiLanguage.En) return message;
        foreach (var (key, pattern) in Patterns.Value)
        {
            var match = pattern.Match(message);
            if (!match.Success) continue;
            var values = match.Groups.Cast<Group>().Skip(1).Select(g => (object)TypeName(g.Value)).ToArray();
            return string.Format(CultureInfo.InvariantCulture, Get(key), values);
        }
        return message;
    }

    /// <summary>A .NET type name in a conversion error ("System.Int32") as a person would say it; other values unchanged.</summary>
    private static string TypeName(string value) =>
        value.StartsWith("System.", StringComparison.Ordinal) ? VietnameseText("TypeName." + value) ?? value : value;

    /// <summary>One anchored pattern per English format with placeholders, the longest first so that "…{3}" variants win.</summary>
    private static IReadOnlyList<(string, Regex)> BuildPatterns() =>
        LibraryTexts()
            .Where(t => t.Value.Contains("{0}", StringComparison.Ordinal) || !t.Key.StartsWith("Help", StringComparison.Ordinal))
            .OrderByDescending(t => t.Value.Length)
            .Select(t => (t.Key, new Regex("^" + PlaceholderPattern(t.Value) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
            .ToList();

    private static string PlaceholderPattern(string format) =>
        Regex.Replace(Regex.Escape(format), @"\\\{(\d)}|\{(\d)}", "(.*?)");
}

using System.Globalization;

namespace NtmRules.Cli.Localization;

/// <summary>The language of the text ntm writes for people. JSON keys and codes never change with it.</summary>
public enum UiLanguage
{
    /// <summary>Vietnamese, the default.</summary>
    Vi,

    /// <summary>English, on request (<c>--lang en</c> or <c>NTM_LANG=en</c>).</summary>
    En,
}

/// <summary>
/// Chooses the language before the command line is parsed — help and parse errors must already be in
/// it — from <c>--lang</c>, else <c>NTM_LANG</c>, else Vietnamese, and makes it the UI culture so that
/// the generated resource accessors (<see cref="Texts"/>) pick it.
/// </summary>
public static class UiLanguages
{
    /// <summary>The option's name; the option itself is declared on the root command so that the parser accepts it anywhere.</summary>
    public const string OptionName = "--lang";

    /// <summary>The environment variable read when <c>--lang</c> is absent.</summary>
    public const string EnvironmentVariable = "NTM_LANG";

    /// <summary>The accepted codes, as written on the command line.</summary>
    public static readonly IReadOnlyList<string> Codes = ["vi", "en"];

    /// <summary>
    /// The language asked for by <paramref name="args"/> (the last <c>--lang X</c> or <c>--lang=X</c>) or
    /// by <paramref name="environmentValue"/>; Vietnamese when neither names a known code. An unknown code
    /// is left for the parser to refuse, in Vietnamese.
    /// </summary>
    public static UiLanguage Resolve(IReadOnlyList<string> args, string? environmentValue)
    {
        string? asked = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--") break;
            if (args[i] == OptionName && i + 1 < args.Count) asked = args[i + 1];
            else if (args[i].StartsWith(OptionName + "=", StringComparison.Ordinal)) asked = args[i][(OptionName.Length + 1)..];
        }
        return Parse(asked) ?? Parse(environmentValue) ?? UiLanguage.Vi;
    }

    /// <summary>The language named by <paramref name="code"/> ("vi", "en", any case), or null.</summary>
    public static UiLanguage? Parse(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "vi" => UiLanguage.Vi,
        "en" => UiLanguage.En,
        _ => null,
    };

    /// <summary>
    /// The culture whose resources hold <paramref name="language"/>'s texts. Without ICU data
    /// (globalization-invariant mode) it is made with invariant data — only its name matters here —,
    /// which the project allows (<c>PredefinedCulturesOnly</c> false).
    /// </summary>
    public static CultureInfo Culture(UiLanguage language) =>
        CultureInfo.GetCultureInfo(language == UiLanguage.En ? "en" : "vi", predefinedOnly: false);

    /// <summary>Makes <paramref name="language"/> the UI culture of this process and of every task it starts.</summary>
    public static void Apply(UiLanguage language)
    {
        var culture = Culture(language);
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
    }
}

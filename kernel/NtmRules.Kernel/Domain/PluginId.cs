using System.Text.RegularExpressions;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Domain;

/// <summary>
/// The one rule for plugin ids and set ids, used by the host when it reads a manifest or a set, by
/// <c>ntm plugin new</c> and by <c>ntm plugin import</c>: lowercase ASCII words separated by dots, each
/// word letters and digits joined by single hyphens (<c>vn.qd318</c>, <c>quang-tri.2026</c>,
/// <c>vn.thanh-hoa.2022-2025</c>). A set id is its plugin's id followed by at least one more word, so
/// it always has two words or more. Kept in one place because two copies drifted once: the scaffold
/// wrote ids the host then refused.
/// </summary>
public readonly partial record struct PluginId
{
    private PluginId(string value) => Value = value;

    /// <summary>The id as written, e.g. <c>vn.quang-tri.2026-2030</c>.</summary>
    public string Value { get; }

    /// <summary>The pattern, as the JSON Schemas state it.</summary>
    public const string Pattern = @"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$";

    /// <summary>The pattern of a set id: a plugin id of two words or more.</summary>
    public const string SetPattern = @"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$";

    /// <summary>What an id looks like, in the session's language, for messages.</summary>
    public static string Rule => DomainMessages.PluginIdRule;

    /// <summary>Parses a plugin id; false when <paramref name="text"/> breaks the rule.</summary>
    public static bool TryParse(string? text, out PluginId id)
    {
        id = default;
        if (text is null || text.Length > 200 || !PluginPattern().IsMatch(text)) return false;
        id = new PluginId(text);
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is a valid plugin id.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>Whether <paramref name="text"/> is a valid set id (a plugin id of at least two words).</summary>
    public static bool IsValidSetId(string? text) => text is not null && text.Length <= 200 && SetIdPattern().IsMatch(text);

    /// <summary>The id of this plugin's set named <paramref name="shortName"/> (<c>vn.quang-tri.2026</c> + <c>xa-ntm</c>).</summary>
    public string SetId(string shortName) => Value + "." + shortName;

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";

    [GeneratedRegex(Pattern)]
    private static partial Regex PluginPattern();

    [GeneratedRegex(SetPattern)]
    private static partial Regex SetIdPattern();
}

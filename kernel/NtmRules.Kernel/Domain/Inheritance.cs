using System.Globalization;
using NtmRules.Kernel.Localization;
namespace NtmRules.Kernel.Domain;

/// <summary>How an indicator of a set that extends another (bộ tiêu chí của tỉnh kế thừa bộ tiêu chí quốc gia) came to be.</summary>
public enum IndicatorOriginKind
{
    /// <summary>Taken unchanged from the base set (kế thừa).</summary>
    Inherited,
    /// <summary>Taken from the base set with some fields overridden: threshold, code, wording, office, rule (điều chỉnh).</summary>
    Overridden,
    /// <summary>Added by the extending set; not in the base (bổ sung).</summary>
    Added,
}

/// <summary>Codes and Vietnamese words of <see cref="IndicatorOriginKind"/>.</summary>
public static class IndicatorOriginKinds
{
    /// <summary>Machine code: <c>inherited</c>, <c>overridden</c>, <c>added</c>.</summary>
    public static string Code(this IndicatorOriginKind kind) => kind switch
    {
        IndicatorOriginKind.Inherited => "inherited",
        IndicatorOriginKind.Overridden => "overridden",
        IndicatorOriginKind.Added => "added",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>"kế thừa", "điều chỉnh", "bổ sung", as documents and pages write them.</summary>
    public static string Label(this IndicatorOriginKind kind) => kind.Label(MessageText.Vietnamese);

    /// <summary>The word in <paramref name="language"/>: "kế thừa", "inherited".</summary>
    public static string Label(this IndicatorOriginKind kind, CultureInfo language) => DomainText.In(kind switch
    {
        IndicatorOriginKind.Inherited => nameof(DomainMessages.OriginInherited),
        IndicatorOriginKind.Overridden => nameof(DomainMessages.OriginOverridden),
        IndicatorOriginKind.Added => nameof(DomainMessages.OriginAdded),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    }, language);
}

/// <summary>
/// A set this set extends, directly or through another: its id, its decision and the plugin
/// that ships it, as provenance needs them.
/// </summary>
/// <param name="SetId">E.g. <c>vn.qd318.xa-ntm</c>.</param>
/// <param name="Decision">The decision that issues the base set.</param>
/// <param name="Plugin">The plugin that ships it (version and content hash).</param>
public sealed record BaseSet(string SetId, LegalDecision Decision, PluginInfo Plugin);

/// <summary>
/// A threshold an extending set replaced: the base's threshold and whose decision it was, so
/// that a result can say "ngưỡng theo QĐ 32/2022/QĐ-UBND, thay cho QĐ 318/QĐ-TTg".
/// </summary>
/// <param name="Threshold">The base threshold, all its dated values.</param>
/// <param name="SetId">The set it was defined in.</param>
/// <param name="Decision">Decision number of that set, e.g. "318/QĐ-TTg".</param>
public sealed record ReplacedThreshold(Threshold Threshold, string SetId, string Decision);

/// <summary>
/// Where an indicator of an extending set comes from, resolved at load: kind, the set it was
/// taken from (the nearest base), its code there, which fields the extending set changed, the
/// threshold it replaced (kept through a chain of sets), and the workflow file that holds its rule.
/// </summary>
/// <param name="Kind">Inherited, overridden or added.</param>
/// <param name="BaseSetId">The nearest base set it came from; null for an added indicator.</param>
/// <param name="BaseCode">Its code in that set (a province may renumber); null for an added indicator.</param>
/// <param name="Changed">Names of the fields the extending set changed (<c>threshold</c>, <c>code</c>, <c>name</c>, …), in a fixed order.</param>
/// <param name="Replaced">The threshold replaced by a provincial one, anywhere in the chain; null when the threshold is the base's own.</param>
/// <param name="RuleFile">Absolute path of the workflow file that holds the indicator's rule.</param>
/// <param name="RulePlugin">The plugin that ships that workflow file.</param>
public sealed record IndicatorOrigin(
    IndicatorOriginKind Kind,
    string? BaseSetId,
    string? BaseCode,
    IReadOnlyList<string> Changed,
    ReplacedThreshold? Replaced,
    string RuleFile,
    PluginInfo RulePlugin);

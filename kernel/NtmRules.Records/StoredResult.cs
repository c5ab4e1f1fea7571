using System.Globalization;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Records;

/// <summary>Reads the parts of a stored <c>ntm.evaluation/1</c> document that verification and comparison need.</summary>
internal static class StoredResult
{
    /// <summary>Indicators by code.</summary>
    public static Dictionary<string, JToken> Indicators(JObject doc) =>
        doc["criteria"]!.SelectMany(c => c["indicators"]!).ToDictionary(i => (string)i["code"]!, StringComparer.Ordinal);

    /// <summary>The status of <paramref name="item"/> and, when <paramref name="withFigure"/>, its value and threshold.</summary>
    public static StoredStanding Standing(JToken item, bool withFigure) => new((string)item["status"]!, withFigure ? Figure(item) : null);

    /// <summary>Whether the item counts as met (đạt, or không áp dụng which does not block).</summary>
    public static bool Met(JToken item) => (string)item["status"]! is "dat" or "khong-ap-dung";

    private static StoredFigure Figure(JToken indicator)
    {
        var t = indicator["threshold"]!;
        var actual = indicator["actual"]?.Type == JTokenType.Object ? Value(indicator["actual"]!["value"]!) : (Scalar?)null;
        var op = ComparisonOperators.TryParse((string)t["operator"]!, out var parsed) ? parsed.DisplaySymbol() : (string)t["operator"]!;
        return new StoredFigure(actual, op, Value(t["value"]!), (string)t["unit"]!);
    }

    private static Scalar Value(JToken value) => value.Type == JTokenType.Boolean ? Scalar.Of((bool)value) : Scalar.Of((double)value);
}

/// <summary>An item's status and, for an indicator, its figure, as a saved evaluation holds them, to show in any language.</summary>
/// <param name="StatusCode">The status code (<c>dat</c>, <c>chua-dat</c>, …): it is what decides; a label is only display.</param>
/// <param name="Figure">The value and threshold; null for a criterion.</param>
public sealed record StoredStanding(string StatusCode, StoredFigure? Figure)
{
    /// <summary>The status's label in <paramref name="language"/> ("chưa đạt", "not met"), or the code when ntm knows no such status.</summary>
    public string StatusIn(CultureInfo language)
    {
        foreach (var status in Enum.GetValues<IndicatorStatus>())
        {
            if (status.Code() == StatusCode) return status.Label(language);
        }
        return StatusCode;
    }

    /// <summary>The figure in <paramref name="language"/>, or null for a criterion.</summary>
    public string? FigureIn(CultureInfo language) => Figure?.Text(language);
}

/// <summary>A stored indicator's value against its threshold.</summary>
/// <param name="Actual">The value; null when none was computed.</param>
/// <param name="Operator">The comparison as documents print it (≥, ≤, …).</param>
/// <param name="Threshold">The threshold's value.</param>
/// <param name="Unit">The unit, as the set writes it.</param>
public sealed record StoredFigure(Scalar? Actual, string Operator, Scalar Threshold, string Unit)
{
    /// <summary>"12,33% (≤ 6,5%)" in Vietnamese, "12.33% (≤ 6.5%)" in English; "—" for a missing value.</summary>
    public string Text(CultureInfo language) =>
        $"{(Actual is { } a ? DisplayFormat.Value(a, Unit, language) : "—")} ({Operator} {DisplayFormat.Value(Threshold, Unit, language)})";
}

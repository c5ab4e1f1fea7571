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

    /// <summary>The Vietnamese label of an item's status, from its code (the code is what decides; the label is only display).</summary>
    public static string StatusLabel(JToken item)
    {
        var code = (string)item["status"]!;
        foreach (var status in Enum.GetValues<IndicatorStatus>())
        {
            if (status.Code() == code) return status.Label();
        }
        return code;
    }

    /// <summary>Whether the item counts as met (đạt, or không áp dụng which does not block).</summary>
    public static bool Met(JToken item) => (string)item["status"]! is "dat" or "khong-ap-dung";

    /// <summary>"12,33% (≤ 6,5%)".</summary>
    public static string Figure(JToken indicator)
    {
        var t = indicator["threshold"]!;
        var unit = (string)t["unit"]!;
        var actual = indicator["actual"]?.Type == JTokenType.Object ? Show(indicator["actual"]!["value"]!, unit) : "—";
        var op = ComparisonOperators.TryParse((string)t["operator"]!, out var parsed) ? parsed.DisplaySymbol() : (string)t["operator"]!;
        return $"{actual} ({op} {Show(t["value"]!, unit)})";
    }

    private static string Show(JToken value, string unit) => value.Type switch
    {
        JTokenType.Boolean => (bool)value ? "có" : "không",
        _ => VietnameseFormat.Number((double)value) + (unit == "%" ? "%" : unit.Length > 0 ? " " + unit : ""),
    };
}

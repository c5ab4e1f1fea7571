using System.Globalization;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Formatting;

/// <summary>
/// Values and thresholds in the session's language (or one named), for the texts the CLI and the API print: in
/// Vietnamese exactly as <see cref="VietnameseFormat"/> writes them ("12,33%", "1.784 hộ", "có"), in English with
/// <see cref="MessageText"/>'s English numbers and words ("12.33%", "1784 hộ", "yes"). Units are the set's own.
/// </summary>
public static class DisplayFormat
{
    /// <summary>A value with its unit in the session's language; "có"/"yes" and "không"/"no" for a yes/no value.</summary>
    public static string Value(Scalar value, string unit) => Value(value, unit, CultureInfo.CurrentUICulture);

    /// <summary>A value with its unit in <paramref name="language"/>.</summary>
    public static string Value(Scalar value, string unit, CultureInfo language)
    {
        if (value.Kind == ScalarKind.Boolean) return Word(value.Flag ? nameof(OutputMessages.ValueYes) : nameof(OutputMessages.ValueNo), language);
        var n = MessageText.Number(value.Number, 2, language);
        return unit.Length == 0 ? n : unit == "%" ? n + "%" : n + " " + unit;
    }

    /// <summary>A threshold in the session's language: "≤ 6,5%" / "≤ 6.5%", "đạt"/"met" for a yes/no requirement.</summary>
    public static string Threshold(ResolvedThreshold threshold, string unit)
    {
        if (threshold.Value.Kind == ScalarKind.Boolean) return threshold.Value.Flag ? OutputMessages.ThresholdYes : OutputMessages.ValueNo;
        return threshold.Operator.DisplaySymbol() + " " + Value(threshold.Value, unit);
    }

    /// <summary>A measure's type in the session's language: "số nguyên", "integer", ….</summary>
    public static string TypeName(MeasureType type) => type switch
    {
        MeasureType.Integer => OutputMessages.TypeInteger,
        MeasureType.Decimal => OutputMessages.TypeDecimal,
        MeasureType.Percent => OutputMessages.TypePercent,
        _ => OutputMessages.TypeBoolean,
    };

    /// <summary>A range in the session's language: "từ 0 đến 100" / "from 0 to 100", "≥ 0,1" / "≥ 0.1", "≤ 5"; empty when unbounded.</summary>
    public static string Range(double? min, double? max) => (min, max) switch
    {
        ({ } lo, { } hi) => MessageText.Format(OutputMessages.RangeBetween, MessageText.Number(lo), MessageText.Number(hi)),
        ({ } lo, null) => "≥ " + MessageText.Number(lo),
        (null, { } hi) => "≤ " + MessageText.Number(hi),
        _ => "",
    };

    private static string Word(string key, CultureInfo language) =>
        OutputMessages.ResourceManager.GetString(key, language) ?? throw new InvalidOperationException($"no resource {key}");
}

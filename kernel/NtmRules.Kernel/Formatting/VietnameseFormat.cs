using System.Globalization;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Formatting;

/// <summary>
/// Numbers, values and thresholds as Vietnamese documents write them: decimal comma, dot for
/// thousands ("12,21%", "1.784 hộ"). Built on a hand-made <see cref="NumberFormatInfo"/> so it
/// works without ICU (<c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1</c>), where "vi-VN" is unavailable.
/// </summary>
public static class VietnameseFormat
{
    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    /// <summary>"1.784", "12,21": whole numbers without decimals, others with up to <paramref name="decimals"/>.</summary>
    public static string Number(double value, int decimals = 2)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == Math.Floor(rounded)) return rounded.ToString("N0", Numbers);
        return rounded.ToString("N" + decimals, Numbers).TrimEnd('0').TrimEnd(',');
    }

    /// <summary>A value with its unit: "12,33%", "1.784 hộ", "có"/"không" for yes/no.</summary>
    public static string Value(Scalar value, string unit)
    {
        if (value.Kind == ScalarKind.Boolean) return value.Flag ? "có" : "không";
        var n = Number(value.Number);
        return unit.Length == 0 ? n : unit == "%" ? n + "%" : n + " " + unit;
    }

    /// <summary>A threshold as written in the decisions: "≤ 6,5%", "≥ 95%", "đạt" for a yes/no requirement.</summary>
    public static string Threshold(ResolvedThreshold threshold, string unit)
    {
        if (threshold.Value.Kind == ScalarKind.Boolean) return threshold.Value.Flag ? "đạt" : "không";
        return threshold.Operator.DisplaySymbol() + " " + Value(threshold.Value, unit);
    }
}

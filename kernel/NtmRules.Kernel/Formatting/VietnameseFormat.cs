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

    /// <summary>"15,0", "1.784,50": always exactly <paramref name="decimals"/> decimals, as averages are reported.</summary>
    public static string Fixed(double value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Numbers);

    /// <summary>
    /// Money given in triệu đồng, scaled as plans write it: below 1.000 triệu in "triệu đồng"
    /// ("500 triệu đồng", "116.843 triệu đồng" stays in triệu when <paramref name="preferTy"/> is false),
    /// otherwise in "tỷ đồng" ("7 tỷ đồng", "1,25 tỷ đồng").
    /// </summary>
    public static string Money(double millionVnd, bool preferTy = true)
    {
        if (preferTy && Math.Abs(millionVnd) >= 1000) return Number(millionVnd / 1000) + " tỷ đồng";
        return Number(millionVnd) + " triệu đồng";
    }

    /// <summary>A difference of two percentages: "5,83 điểm phần trăm".</summary>
    public static string PercentagePoints(double points) => Number(points) + " điểm phần trăm";

    /// <summary>
    /// A date as Nghị định 30/2020/NĐ-CP writes it: a leading zero for days below 10 and for months
    /// below 3 ("ngày 09 tháng 3 năm 2023", "ngày 05 tháng 02 năm 2026").
    /// </summary>
    public static string LongDate(DateOnly date) =>
        $"ngày {date.Day.ToString("00", CultureInfo.InvariantCulture)} tháng {date.Month.ToString(date.Month < 3 ? "00" : "0", CultureInfo.InvariantCulture)} năm {date.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A date in short form: "08/3/2022".</summary>
    public static string ShortDate(DateOnly date) =>
        $"{date.Day.ToString("00", CultureInfo.InvariantCulture)}/{date.Month.ToString(CultureInfo.InvariantCulture)}/{date.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A quarter in Roman numerals as plans write it: "Quý IV/2024".</summary>
    public static string Quarter(int quarter, int year) => $"Quý {quarter switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" }}/{year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A value with its unit: "12,33%", "1.784 hộ", "có"/"không" for yes/no.</summary>
    public static string Value(Scalar value, string unit)
    {
        if (value.Kind == ScalarKind.Boolean) return value.Flag ? "có" : "không";
        var n = Number(value.Number);
        return unit.Length == 0 ? n : unit == "%" ? n + "%" : n + " " + unit;
    }

    /// <summary>A measure's type as people read it: "số nguyên", "số thập phân", "tỷ lệ phần trăm", "có/không".</summary>
    public static string TypeName(MeasureType type) => type switch
    {
        MeasureType.Integer => "số nguyên",
        MeasureType.Decimal => "số thập phân",
        MeasureType.Percent => "tỷ lệ phần trăm",
        _ => "có/không",
    };

    /// <summary>A range with Vietnamese numbers: "từ 0 đến 100", "≥ 0,1", "≤ 5"; empty when unbounded.</summary>
    public static string Range(double? min, double? max) => (min, max) switch
    {
        ({ } lo, { } hi) => $"từ {Number(lo)} đến {Number(hi)}",
        ({ } lo, null) => $"≥ {Number(lo)}",
        (null, { } hi) => $"≤ {Number(hi)}",
        _ => "",
    };

    /// <summary>The values a measure accepts, counting its type's implicit bounds (counts ≥ 0, percentages 0–100).</summary>
    public static (double? Min, double? Max) EffectiveRange(Measure m) => m.Type switch
    {
        MeasureType.Boolean => (null, null),
        MeasureType.Integer => (m.Min ?? 0, m.Max),
        MeasureType.Percent => (m.Min ?? 0, m.Max ?? 100),
        _ => (m.Min, m.Max),
    };

    /// <summary>A threshold as written in the decisions: "≤ 6,5%", "≥ 95%", "đạt" for a yes/no requirement.</summary>
    public static string Threshold(ResolvedThreshold threshold, string unit)
    {
        if (threshold.Value.Kind == ScalarKind.Boolean) return threshold.Value.Flag ? "đạt" : "không";
        return threshold.Operator.DisplaySymbol() + " " + Value(threshold.Value, unit);
    }
}

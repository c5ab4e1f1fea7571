using System.Globalization;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Intake.Forms;

/// <summary>
/// Where things are in a fill-in form: the sheet names, the columns of each sheet and the first
/// data row. The writer and the reader both follow this, so that a form always reads back.
/// </summary>
public static class FormLayout
{
    /// <summary>Commune details: key (A), label (B), value (C).</summary>
    public const string DetailsSheet = "Thông tin xã";

    /// <summary>Measures: key (A), label (B), unit (C), valid range (D), value (E), source (F).</summary>
    public const string MeasuresSheet = "Số liệu";

    /// <summary>Optional narrative per indicator, for plans.</summary>
    public const string NarrativeSheet = "Thuyết minh";

    /// <summary>1-based column of the key in the details and measures sheets.</summary>
    public const int KeyColumn = 1;

    /// <summary>1-based column of the value in the details sheet.</summary>
    public const int DetailValueColumn = 3;

    /// <summary>1-based column of the value in the measures sheet.</summary>
    public const int MeasureValueColumn = 5;

    /// <summary>1-based column of the source note in the measures sheet.</summary>
    public const int MeasureSourceColumn = 6;

    /// <summary>The measures sheet's header.</summary>
    public static IReadOnlyList<string> MeasureHeader { get; } = ["Khóa", "Nội dung", "Đơn vị", "Giới hạn hợp lệ", "Giá trị", "Nguồn số liệu"];

    /// <summary>The details sheet's header.</summary>
    public static IReadOnlyList<string> DetailHeader { get; } = ["Khóa", "Nội dung", "Giá trị"];

    /// <summary>The narrative sheet's columns: indicator code (A), wording (B), then the narrative fields by key.</summary>
    public static IReadOnlyList<(string Key, string Label)> NarrativeColumns { get; } =
    [
        ("code", "Mã chỉ tiêu"), ("indicator", "Chỉ tiêu"), ("cause", "Nguyên nhân"), ("target", "Mục tiêu"),
        ("targetDate", "Thời hạn (yyyy-mm-dd)"), ("proposal", "Đề xuất"), ("budget", "Kinh phí (triệu đồng)"),
        ("fundingSource", "Nguồn vốn (trung-uong, dia-phuong, long-ghep, nguoi-dan)"), ("leadOffice", "Cơ quan chủ trì"), ("quarter", "Quý (1–4)"),
    ];

    /// <summary>The range a value must lie in, counting the type's implicit bounds (counts ≥ 0, percentages 0–100).</summary>
    public static (double? Min, double? Max) EffectiveRange(Measure m) => m.Type switch
    {
        MeasureType.Boolean => (null, null),
        MeasureType.Integer => (m.Min ?? 0, m.Max),
        MeasureType.Percent => (m.Min ?? 0, m.Max ?? 100),
        _ => (m.Min, m.Max),
    };

    /// <summary>The range as the form shows it: "0–100", "≥ 0", "có/không".</summary>
    public static string RangeText(Measure m)
    {
        if (m.Type == MeasureType.Boolean) return "true / false (có / không)";
        var kind = m.Type == MeasureType.Integer ? "số nguyên" : "số";
        return EffectiveRange(m) switch
        {
            ({ } lo, { } hi) => $"{kind} từ {VietnameseFormat.Number(lo)} đến {VietnameseFormat.Number(hi)}",
            ({ } lo, null) => $"{kind} ≥ {VietnameseFormat.Number(lo)}",
            (null, { } hi) => $"{kind} ≤ {VietnameseFormat.Number(hi)}",
            _ => kind,
        };
    }

    internal static string Invariant(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}

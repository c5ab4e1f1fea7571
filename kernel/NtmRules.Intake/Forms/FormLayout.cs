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

    /// <summary>The type and range as the form shows it: "số nguyên ≥ 0", "tỷ lệ phần trăm từ 0 đến 100", "có / không".</summary>
    public static string RangeText(Measure m)
    {
        if (m.Type == MeasureType.Boolean) return "có / không (hoặc true / false)";
        var (lo, hi) = VietnameseFormat.EffectiveRange(m);
        return $"{VietnameseFormat.TypeName(m.Type)} {VietnameseFormat.Range(lo, hi)}".TrimEnd();
    }

    internal static string Invariant(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}

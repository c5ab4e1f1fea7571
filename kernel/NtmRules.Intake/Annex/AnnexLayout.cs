using System.Globalization;
using System.Text;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Annex;

/// <summary>How an indicator's value is computed from the commune's figures, as an annex row states it.</summary>
public enum IndicatorKind
{
    /// <summary>Tỷ lệ: 100 × measure 1 / measure 2, compared with the threshold.</summary>
    Rate,
    /// <summary>Giá trị: the value of measure 1, compared with the threshold.</summary>
    Value,
    /// <summary>Có/không: measure 1 (yes/no) must equal the threshold (usually "có").</summary>
    YesNo,
    /// <summary>Tối đa: measure 1 (a count) is at most the threshold.</summary>
    CountAtMost,
    /// <summary>Biểu thức: an explicit rule expression over the measures, for indicators the four kinds above do not fit.</summary>
    Expression,
}

/// <summary>One threshold column of the annex table: the general figure, a region's or a commune group's.</summary>
/// <param name="Header">The column's heading.</param>
/// <param name="Region">The region, for a region's column.</param>
/// <param name="Group">The group, for a group's column.</param>
public sealed record FigureColumn(string Header, Region? Region, CommuneGroup? Group)
{
    /// <summary>Whether this is the general ("chung") column.</summary>
    public bool IsGeneral => Region is null && Group is null;

    /// <summary>A short ASCII name for file names: "chung", "btb", "nhom-2".</summary>
    public string Slug => Group is { } g ? "nhom-" + g.Code() : Region is { } r ? r.Code().ToLowerInvariant() : "chung";
}

/// <summary>
/// The layout of a criteria set written as a decision annex (<c>docs/huong-dan-nhap-bo-tieu-chi.md</c>
/// describes it for officers): one table — the sheet <see cref="Sheet"/> of a workbook, or a CSV file —
/// with criterion rows, indicator rows (kind, measures, operator, one threshold column per region and
/// per commune group plus a general one, the figures' source, the citation) and measure rows, and in a
/// workbook a sheet <see cref="InfoSheet"/> naming the set and its decision. Shared by the exporter,
/// the reader and the template so that they cannot drift apart.
/// </summary>
public static class AnnexLayout
{
    /// <summary>The sheet holding the table.</summary>
    public const string Sheet = "Phụ lục";

    /// <summary>The sheet holding the set's name and decision (key in column A, value in column B).</summary>
    public const string InfoSheet = "Thông tin";

    /// <summary>The sheet with the instructions (never read).</summary>
    public const string GuideSheet = "Hướng dẫn";

    /// <summary>1-based columns of the table, by role.</summary>
    public const int CriterionNumber = 1, CriterionName = 2, Code = 3, Name = 4, Kind = 5, Measure1 = 6, Measure2 = 7, ExpressionColumn = 8,
        Operator = 9, ValueLabel = 10, ValueUnit = 11, ApplicableWhen = 12, Office = 13, From = 14, FirstFigure = 15;

    /// <summary>The threshold columns, in order: general, the seven regions, the three groups.</summary>
    public static IReadOnlyList<FigureColumn> FigureColumns { get; } =
    [
        new("Mức chung", null, null),
        .. Regions.All.Select(r => new FigureColumn("Vùng " + r.VietnameseName(), r, null)),
        .. CommuneGroups.All.Select(g => new FigureColumn("Xã nhóm " + g.Code(), null, g)),
    ];

    /// <summary>Columns after the figures: their source and the citation.</summary>
    public static readonly int State = FirstFigure + FigureColumns.Count, Document = State + 1, Location = State + 2, Quote = State + 3, Reason = State + 4,
        CitationDecision = State + 5, CitationAppendix = State + 6, CitationItem = State + 7;

    /// <summary>Columns of a measure row (kind "số liệu", key in <see cref="Measure1"/>).</summary>
    public static readonly int MeasureLabel = CitationItem + 1, MeasureType = MeasureLabel + 1, MeasureUnit = MeasureLabel + 2, MeasureMin = MeasureLabel + 3,
        MeasureMax = MeasureLabel + 4, MeasureAtMost = MeasureLabel + 5, MeasureDisjoint = MeasureLabel + 6, MeasureDefault = MeasureLabel + 7;

    /// <summary>The header row, in column order.</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        "Tiêu chí số", "Tên tiêu chí", "Mã chỉ tiêu", "Nội dung chỉ tiêu", "Loại", "Số liệu 1", "Số liệu 2", "Biểu thức", "Phép so sánh",
        "Giá trị tính", "Đơn vị", "Áp dụng khi", "Cơ quan phụ trách", "Hiệu lực từ",
        .. FigureColumns.Select(c => c.Header),
        "Nguồn của mức", "Văn bản", "Vị trí trong văn bản", "Trích nguyên văn", "Lý do (mức giả định)", "Quyết định", "Phụ lục, điều", "Mục",
        "Tên số liệu", "Kiểu số liệu", "Đơn vị số liệu", "Nhỏ nhất", "Lớn nhất", "Không vượt quá", "Không trùng với", "Mặc định",
    ];

    /// <summary>The kind written on a measure row.</summary>
    public const string MeasureRowKind = "số liệu";

    /// <summary>Keys of the info sheet, in order.</summary>
    public const string InfoId = "Mã bộ tiêu chí (khi xuất)", InfoName = "Tên bộ tiêu chí", InfoLevel = "Cấp", InfoDecision = "Quyết định số", InfoDate = "Ngày ký",
        InfoAuthority = "Cơ quan ban hành", InfoTitle = "Trích yếu", InfoFrom = "Hiệu lực từ", InfoTo = "Hiệu lực đến", InfoBasis = "Căn cứ";

    private static readonly (IndicatorKind Kind, string Word)[] KindWords =
    [
        (IndicatorKind.Rate, "tỷ lệ"), (IndicatorKind.Value, "giá trị"), (IndicatorKind.YesNo, "có/không"),
        (IndicatorKind.CountAtMost, "tối đa"), (IndicatorKind.Expression, "biểu thức"),
    ];

    /// <summary>The word an annex writes for <paramref name="kind"/>.</summary>
    public static string Word(this IndicatorKind kind) => KindWords.First(k => k.Kind == kind).Word;

    /// <summary>All kind words, for messages.</summary>
    public static string KindList => string.Join(", ", KindWords.Select(k => "\"" + k.Word + "\"")) + $" (dòng khai báo số liệu: \"{MeasureRowKind}\")";

    /// <summary>Parses a kind word, with or without diacritics ("ty le", "co/khong").</summary>
    public static bool TryParseKind(string text, out IndicatorKind kind)
    {
        var folded = Fold(text);
        foreach (var (k, word) in KindWords)
        {
            if (Fold(word) == folded) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    /// <summary>Whether a kind cell marks a measure row.</summary>
    public static bool IsMeasureRow(string kindText) => Fold(kindText) == Fold(MeasureRowKind);

    private static readonly (MeasureType Type, string Word, string Key)[] TypeWords =
    [
        (Kernel.Domain.MeasureType.Integer, "số nguyên", "integer"), (Kernel.Domain.MeasureType.Decimal, "số thập phân", "decimal"),
        (Kernel.Domain.MeasureType.Percent, "tỷ lệ phần trăm", "percent"), (Kernel.Domain.MeasureType.Boolean, "có/không", "boolean"),
    ];

    /// <summary>The Vietnamese word of a measure type.</summary>
    public static string Word(this MeasureType type) => TypeWords.First(t => t.Type == type).Word;

    /// <summary>The set file's key of a measure type.</summary>
    public static string Key(this MeasureType type) => TypeWords.First(t => t.Type == type).Key;

    /// <summary>Parses a measure type: the Vietnamese word or the set file's key.</summary>
    public static bool TryParseType(string text, out MeasureType type)
    {
        var folded = Fold(text);
        foreach (var (t, word, key) in TypeWords)
        {
            if (Fold(word) == folded || key == folded) { type = t; return true; }
        }
        type = default;
        return false;
    }

    /// <summary>All measure type words, for messages.</summary>
    public static string TypeList => string.Join(", ", TypeWords.Select(t => "\"" + t.Word + "\""));

    /// <summary>Parses an operator as documents print it (≥, ≤, =) or as set files write it (&gt;=, &lt;=, ==).</summary>
    public static bool TryParseOperator(string text, out ComparisonOperator op)
    {
        var t = text.Trim() switch { "≥" => ">=", "≤" => "<=", "=" => "==", var s => s };
        return ComparisonOperators.TryParse(t, out op);
    }

    /// <summary>Parses a provenance state: the Vietnamese words shown by ntm or the set file's key.</summary>
    public static bool TryParseState(string text, out ProvenanceState state)
    {
        var folded = Fold(text);
        foreach (var s in ProvenanceStates.All)
        {
            if (Fold(s.VietnameseName()) == folded || s.Key() == folded) { state = s; return true; }
        }
        state = default;
        return false;
    }

    /// <summary>Lower case, NFC, no diacritics, single spaces: how cells are compared with fixed words.</summary>
    internal static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A column's letter and heading, for messages: "O (Mức chung)".</summary>
    public static string Describe(int column) => $"{Readers.ColumnNames.Of(column)} ({Header[column - 1]})";
}

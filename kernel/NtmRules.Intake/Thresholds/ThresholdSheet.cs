using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Thresholds;

/// <summary>
/// The verification workbook of a criteria set (<c>ntm plugin thresholds SET --out FILE.xlsx</c>):
/// one row per indicator × region or commune group × date in force with the figure, its state and source, and empty
/// columns where the officer who holds the decision writes the figure it states, where it says so,
/// its words, who checked and when. Byte-identical for the same set.
/// </summary>
public static class ThresholdSheet
{
    /// <summary>Name of the worksheet holding the figures.</summary>
    public const string Sheet = "Ngưỡng";

    /// <summary>Name of the worksheet with the instructions and the set id.</summary>
    public const string GuideSheet = "Hướng dẫn";

    /// <summary>What the general figure's region cell says.</summary>
    public const string General = "chung";

    /// <summary>The third column's header before group figures were listed; a workbook exported then still reads.</summary>
    internal const string LegacyRegionHeader = "Vùng";

    /// <summary>The region cell of a group figure: "nhóm 1".</summary>
    public static string GroupCell(CommuneGroup group) => "nhóm " + group.Code();

    /// <summary>The header, in column order; the last five columns are the officer's.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "Mã chỉ tiêu", "Chỉ tiêu", "Vùng hoặc nhóm xã", "Áp dụng từ", "Phép so sánh", "Giá trị", "Đơn vị", "Trạng thái", "Nguồn hoặc lý do", "Trích dẫn",
        "Vị trí trong quyết định", "Giá trị theo quyết định", "Điều, phụ lục, mục", "Trích nguyên văn", "Người đối chiếu", "Ngày đối chiếu",
    ];

    /// <summary>1-based columns of the header, by role.</summary>
    internal const int CodeColumn = 1, RegionColumn = 3, FromColumn = 4, ValueColumn = 6, OfficerValueColumn = 12, LocationColumn = 13,
        QuoteColumn = 14, ByColumn = 15, DateColumn = 16;

    /// <summary>The workbook's bytes for <paramref name="set"/>.</summary>
    public static byte[] Export(CriteriaSet set)
    {
        var rows = new List<IReadOnlyList<object?>> { Header.Cast<object?>().ToArray() };
        var figures = from i in set.Indicators
                      from v in i.Threshold.Values
                      from f in v.Figures.Select(f => (Place: f.Region?.Code() ?? General, f.Figure))
                          .Concat(v.GroupFigures.Select(g => (Place: GroupCell(g.Group), g.Figure)))
                      select (i, v, f.Place, f.Figure);
        foreach (var (indicator, value, place, figure) in figures)
        {
            var p = figure.Provenance;
            rows.Add(
            [
                indicator.Code, indicator.Name, place, value.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                indicator.Threshold.Operator.Symbol(), Cell(figure.Value), indicator.ValueUnit, p.State.VietnameseName(),
                p.State == ProvenanceState.Assumed ? p.Reason : p.Document + (string.IsNullOrWhiteSpace(p.Location) ? "" : ", " + p.Location),
                p.Quote, value.Citation.ToString(), null, null, null, null, null,
            ]);
        }
        var last = rows.Count;
        var officer = ColumnLetter(OfficerValueColumn);
        var validations = new List<CellValidation>();
        if (last > 1)
            validations.Add(new CellValidation($"{ColumnLetter(DateColumn)}2:{ColumnLetter(DateColumn)}{last}", DataValidationValues.Date, "1", null,
                DataValidationOperatorValues.GreaterThanOrEqual, "Ngày đối chiếu: nhập ngày, ví dụ 05/12/2026."));
        var guide = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Bộ tiêu chí", set.Id },
            new object?[] { "Quyết định", $"Quyết định số {set.Decision.Number} ngày {set.Decision.Date:dd/MM/yyyy} của {set.Decision.Authority}" },
            new object?[] { "Cách dùng", $"Đối chiếu từng dòng của trang \"{Sheet}\" với văn bản quyết định (cột C: \"{General}\" là mức chung, mã vùng là mức riêng của vùng, \"nhóm 1\", \"nhóm 2\", \"nhóm 3\" là mức riêng của nhóm xã). Khi văn bản nêu mức của dòng, ghi vào cột {officer} (Giá trị theo quyết định) con số văn bản nêu (dùng dấu phẩy thập phân: 6,5; chỉ tiêu đạt/không đạt ghi \"có\"), cột {ColumnLetter(LocationColumn)} điều, phụ lục, mục, cột {ColumnLetter(QuoteColumn)} câu trích nguyên văn, cột {ColumnLetter(ByColumn)} họ tên người đối chiếu, cột {ColumnLetter(DateColumn)} ngày đối chiếu. Để trống cả năm cột ở dòng chưa đối chiếu. Không sửa các cột khác." },
            new object?[] { "Áp dụng", $"ntm plugin thresholds {set.Id} --apply TỆP.xlsx --out THƯ-MỤC: mỗi dòng đã điền thành ngưỡng \"đã xác nhận\"; ô sai được báo theo trang, dòng, cột và không ghi gì." },
        };
        return XlsxWriter.ToBytes(
        [
            new SheetSpec(Sheet, rows, [10, 40, 8, 12, 8, 10, 12, 18, 50, 30, 30, 14, 20, 40, 20, 14], validations),
            new SheetSpec(GuideSheet, guide, [16, 120]),
        ]);
    }

    /// <summary>A figure as a cell: a number stays a number; yes/no reads "có"/"không".</summary>
    private static object Cell(Scalar s) => s.Kind == ScalarKind.Boolean ? (s.Flag ? "có" : "không") : s.Number;

    internal static string ColumnLetter(int column) => Readers.ColumnNames.Of(column);
}

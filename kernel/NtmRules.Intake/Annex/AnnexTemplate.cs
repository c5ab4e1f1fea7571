using NtmRules.Kernel.Localization;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Intake.Localization;

namespace NtmRules.Intake.Annex;

/// <summary>
/// The blank annex workbook of a period (<c>ntm plugin annex-template --period 2026-2030</c>): the
/// table's header, the areas the public summaries of the period's decision list as heading rows, and
/// the decision's known facts on the info sheet. No criterion number, indicator or figure is written:
/// the decision's annex tables were not available, and the officer who holds them fills them in.
/// </summary>
public static class AnnexTemplate
{
    /// <summary>The periods a template exists for.</summary>
    public static IReadOnlyList<string> Periods { get; } = ["2026-2030"];

    /// <summary>
    /// The areas of the Bộ tiêu chí quốc gia về xã nông thôn mới 2026–2030 (QĐ 51/2025/QĐ-TTg, Phụ lục I)
    /// as the government portal's and the press summaries list them; their numbering and exact wording are the decision's.
    /// </summary>
    public static IReadOnlyList<string> Areas2026 { get; } =
    [
        "Quy hoạch", "Hạ tầng kinh tế – xã hội", "Phát triển kinh tế nông thôn", "Đào tạo nguồn nhân lực", "Văn hóa – giáo dục – y tế",
        "Giảm nghèo và an sinh xã hội", "Khoa học công nghệ và chuyển đổi số", "Môi trường và cảnh quan", "Hệ thống chính trị và hành chính công",
        "Tiếp cận pháp luật, quốc phòng – an ninh",
    ];

    /// <summary>The template workbook of <paramref name="period"/>.</summary>
    /// <exception cref="InputException">A period without a template.</exception>
    public static byte[] ToXlsx(string period)
    {
        if (!Periods.Contains(period))
            throw new InputException(new Problem(Severity.Error, MessageText.Format(AnnexMessages.NoTemplate, period, string.Join(", ", Periods)), Field: "--period"));
        var rows = new List<IReadOnlyList<object?>> { AnnexLayout.Header.Cast<object?>().ToArray() };
        foreach (var area in Areas2026) rows.Add(Heading(area));
        rows.Add(Heading("SỐ LIỆU ĐẦU VÀO (mỗi dòng một số liệu: mã ở cột Số liệu 1)"));
        var info = new List<IReadOnlyList<object?>>
        {
            new object?[] { AnnexLayout.InfoName, "Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030" },
            new object?[] { AnnexLayout.InfoLevel, "xa-ntm" },
            new object?[] { AnnexLayout.InfoDecision, "51/2025/QĐ-TTg" },
            new object?[] { AnnexLayout.InfoDate, "2025-12-29" },
            new object?[] { AnnexLayout.InfoAuthority, "Thủ tướng Chính phủ" },
            new object?[] { AnnexLayout.InfoTitle, null },
            new object?[] { AnnexLayout.InfoFrom, "2026-02-15" },
            new object?[] { AnnexLayout.InfoTo, null },
            new object?[] { AnnexLayout.InfoBasis, null },
        };
        var widths = AnnexExporter.Widths.Select((w, i) => i >= AnnexLayout.FirstFigure && i < AnnexLayout.FirstFigure + 7 ? 4.0 : w).ToArray();
        return XlsxWriter.ToBytes(
        [
            new SheetSpec(AnnexLayout.Sheet, rows, widths),
            new SheetSpec(AnnexLayout.InfoSheet, info, [28, 100]),
            new SheetSpec(AnnexLayout.GuideSheet, Guide(), [120]),
        ]);
    }

    private static object?[] Heading(string text)
    {
        var row = new object?[AnnexLayout.Header.Count];
        row[AnnexLayout.CriterionName - 1] = text;
        return row;
    }

    /// <summary>The instructions sheet: one paragraph a row.</summary>
    internal static IReadOnlyList<IReadOnlyList<object?>> Guide() => new[]
    {
        "BẢNG PHỤ LỤC BỘ TIÊU CHÍ — cách điền (hướng dẫn đầy đủ: docs/huong-dan-nhap-bo-tieu-chi.md).",
        "Trang \"Phụ lục\": mỗi tiêu chí một dòng tiêu đề (cột A số tiêu chí, cột B tên tiêu chí đúng như quyết định), dưới đó mỗi chỉ tiêu một dòng. Dòng chỉ có tên ở cột B là đề mục, được bỏ qua: ghi số tiêu chí vào cột A để biến nó thành tiêu chí.",
        "Dòng chỉ tiêu: Mã chỉ tiêu (ví dụ 1.1), Nội dung chỉ tiêu, Loại — \"tỷ lệ\" (100 × Số liệu 1 / Số liệu 2), \"giá trị\" (giá trị của Số liệu 1), \"có/không\" (Số liệu 1 kiểu có/không), \"tối đa\" (Số liệu 1 là số đếm, không vượt mức), \"biểu thức\" (cột Biểu thức, ví dụ Ntm.Rate(m.hoNgheo + m.hoCanNgheo, m.tongSoHo)).",
        "Phép so sánh: ≥, ≤, >, < hoặc =. Giá trị tính và Đơn vị: điều được so với mức (ví dụ \"Tỷ lệ hộ nghèo đa chiều\", \"%\"). Áp dụng khi: chỉ tiêu \"(nếu có)\", ví dụ m.coLangNghe.",
        "Mức: cột Mức chung, các cột Vùng (bộ 2021–2025) và các cột Xã nhóm 1, 2, 3 (bộ 2026–2030: ghi đủ ba nhóm khi không có mức chung). Số viết như văn bản: 6,5; 45; chỉ tiêu có/không ghi \"có\". Hiệu lực từ: ngày mức bắt đầu áp dụng (15/02/2026).",
        "Nguồn của mức (bắt buộc, áp dụng cho mọi mức trên dòng): \"đã xác nhận\" — ghi Văn bản, Vị trí trong văn bản và Trích nguyên văn; \"theo văn bản áp dụng\" — ghi Văn bản công khai áp dụng mức; \"giả định\" — ghi Lý do. Mức có nguồn khác: thêm một dòng cùng mã, cùng ngày, không ghi Loại.",
        "Trích dẫn: Quyết định (để trống = quyết định của bộ), Phụ lục, điều và Mục nơi chỉ tiêu đứng trong quyết định.",
        "Dòng số liệu: Loại \"số liệu\", mã ở cột Số liệu 1 (chữ không dấu viết liền: tongSoHo), Tên số liệu, Kiểu (số nguyên, số thập phân, tỷ lệ phần trăm, có/không), Đơn vị, Nhỏ nhất, Lớn nhất (mẫu số của tỷ lệ: Nhỏ nhất 1), Không vượt quá (mã của tổng mà số liệu là một phần), Không trùng với, Mặc định.",
        "Trang \"Thông tin\": tên bộ, cấp (xa-ntm, xa-ntm-nang-cao, …), số, ngày ký, cơ quan ban hành và trích yếu của quyết định, ngày hiệu lực, căn cứ (mỗi căn cứ một dòng).",
        "Không điền mức nào khi chưa có văn bản trong tay. Nhập: ntm plugin import BANG.xlsx --id MÃ-PLUGIN --decision \"QĐ …\" --out THƯ-MỤC; ô sai được báo theo trang, dòng, cột và không ghi gì.",
    }.Select(t => (IReadOnlyList<object?>)new object?[] { t }).ToArray();
}

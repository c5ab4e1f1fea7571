using NtmRules.Drafting.Model;

namespace NtmRules.Drafting;

/// <summary>
/// A plan of the largest ordinary size (19 criteria, four unmet indicators each, figures to collect,
/// unconfirmed thresholds, every text field filled) that a plugin's templates must render within
/// <see cref="TemplateLibrary.ProbeTimeLimit"/> to be accepted.
/// </summary>
internal static class ProbePlan
{
    public static PlanDocument Instance { get; } = Create();

    private static PlanDocument Create()
    {
        const string text = "Tuyên truyền, vận động Nhân dân tham gia; rà soát, lập danh sách từng thôn, báo cáo kết quả hằng quý.";
        var sections = Enumerable.Range(1, 19).Select(c => new CriterionSection($"1.2.{c}", c, "Tiêu chí thử " + c, "chưa đạt",
            Enumerable.Range(1, 4).Select(k => new IndicatorSection($"{c}.{k}", "Chỉ tiêu thử", "chưa đạt", "Hiện nay: số hộ 1.784 hộ.", text,
                "Đến hết Quý IV/2025, tăng số hộ thêm 12 hộ.", "tăng số hộ thêm 12 hộ (từ 1.600 lên 1.612 hộ)", text, false,
                "ước khoảng 500 triệu đồng", "Ngân sách địa phương", "Công chức Văn hóa - Xã hội", "Trạm y tế xã", "Quý IV/2025", k, text)).ToArray())).ToArray();
        var items = sections.SelectMany(s => s.Items).ToArray();
        return new PlanDocument(
            new PlanHeader("UBND TỈNH THỬ", "UBND XÃ THỬ", "Số:       /KH-UBND", "Thử, ngày 05 tháng 02 năm 2025"),
            "Kế hoạch thử", Enumerable.Repeat("Quyết định số 1/QĐ-TTg ngày 01/01/2022 của Thủ tướng Chính phủ", 12).ToArray(),
            new CommuneInfo("Thử", "", "Thử", 2025, 2025, "Bắc Trung Bộ", 2025, "năm 2025"),
            new SetInfo("vn.test", "Bộ tiêu chí thử", "xã nông thôn mới", "QĐ 1/QĐ-TTg"),
            new PlanSummary(0, 19, 0, 76, 76, 10, 0, "đạt 0/19 tiêu chí, 0/76 chỉ tiêu; 10 chỉ tiêu chưa có số liệu", false),
            [], sections.Select(s => s.CriterionName).ToArray(), ["Tiêu chí thử"], sections,
            Enumerable.Range(1, 10).Select(k => new MissingDataItem($"20.{k}", "Chỉ tiêu thử", ["Số hộ", "Số người"], "Trạm y tế xã", "Quý I/2025")).ToArray(),
            items.GroupBy(i => i.Lead).Select(g => new OfficeAssignment(g.Key, g.Select(i => new AssignedTask(i.Code, i.Name, i.Quantity, i.Support, i.Due)).ToArray())).ToArray(),
            [new Milestone("Quý IV/2025", items.Select(i => "Chỉ tiêu " + i.Code).ToArray())],
            new BudgetSummary([new BudgetLine("Ngân sách địa phương", "500 triệu đồng")], "500 triệu đồng", 1,
                items.Select(i => new BudgetItem(i.Code, i.Name, i.Quantity, "500 triệu đồng", "Ngân sách địa phương")).ToArray()),
            items.Select(i => new UnconfirmedThreshold(i.Code, i.Name, "≥ 90%", "giả định", "Chưa có văn bản trong tay.", "QĐ 1/QĐ-TTg")).ToArray(),
            ["Lưu: VT."], new SignatureBlock("TM. ỦY BAN NHÂN DÂN", ["CHỦ TỊCH"], "Nguyễn Văn A"), 0);
    }
}

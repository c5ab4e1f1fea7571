using System.Text;
using NtmRules.Intake.Batch;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Reports;

/// <summary>The aggregate report in Markdown, in Vietnamese, as a district or provincial summary writes it.</summary>
public static class AggregateMarkdownWriter
{
    /// <summary>The report's text (LF line ends, no timestamp: same results, same bytes).</summary>
    public static string Write(AggregateReport r)
    {
        var sb = new StringBuilder();
        var n = r.Set.Criteria.Count;
        sb.Append("# Báo cáo tổng hợp kết quả đánh giá\n\n");
        sb.Append($"- Bộ tiêu chí: {r.Set.Name} (`{r.Set.Id}`), {n} tiêu chí, {r.Set.Indicators.Count} chỉ tiêu\n");
        sb.Append($"- Số xã được đánh giá: {VietnameseFormat.Number(r.Evaluated)}\n");
        sb.Append($"- Số dòng bị loại do số liệu không hợp lệ: {VietnameseFormat.Number(r.Rejected)}{(r.Rejected > 0 ? " (xem errors.csv)" : "")}\n\n");

        sb.Append("## Kết quả theo số tiêu chí đạt\n\n");
        sb.Append(Sentence(r)).Append("\n\n");
        sb.Append("| Mức đạt | Số xã | Tỷ lệ |\n|---|---:|---:|\n");
        foreach (var b in r.Bands) sb.Append($"| {b.Band.Label} | {Count(b.Communes)} | {Percent(b.Communes, r.Evaluated)} |\n");
        sb.Append('\n');

        if (r.Groups is { } grouped)
        {
            sb.Append($"## {r.Grouping.Title()}\n\n");
            sb.Append($"| {r.Grouping.Heading()} | Số xã | ").Append(string.Join(" | ", r.Bands.Select(b => b.Band.Label))).Append(" | Trung bình tiêu chí/xã |\n");
            sb.Append("|---|---:|").Append(string.Concat(r.Bands.Select(_ => "---:|"))).Append("---:|\n");
            foreach (var d in grouped)
                sb.Append($"| {Cell(d.Name)} | {Count(d.Communes)} | ").Append(string.Join(" | ", d.Bands.Select(b => Count(b.Communes))))
                    .Append($" | {VietnameseFormat.Fixed(d.AverageCriteriaMet, 1)} |\n");
            sb.Append('\n');
        }

        sb.Append("## Theo tiêu chí\n\n| TT | Tiêu chí | Số xã đạt | Tỷ lệ |\n|---:|---|---:|---:|\n");
        foreach (var c in r.Criteria) sb.Append($"| {c.Criterion.Number} | {Cell(c.Criterion.Name)} | {Count(c.Met)} | {Percent(c.Met, r.Evaluated)} |\n");
        sb.Append('\n');

        sb.Append("## Theo chỉ tiêu\n\n| Chỉ tiêu | Nội dung | Đạt | Chưa đạt | Thiếu số liệu | Không áp dụng | Ngưỡng |\n|---|---|---:|---:|---:|---:|---|\n");
        foreach (var i in r.Indicators)
            sb.Append($"| {i.Indicator.Code} | {Cell(i.Indicator.Name)} | {Count(i.Met)} | {Count(i.NotMet)} | {Count(i.MissingData)} | {Count(i.NotApplicable)} | {i.Indicator.Threshold.WeakestState.VietnameseName()} |\n");
        sb.Append("\nCột Ngưỡng: mức xác nhận yếu nhất trong các ngưỡng của chỉ tiêu (đã xác nhận, theo văn bản áp dụng, giả định).\n");
        sb.Append('\n');

        sb.Append("## Các xã gần đạt mức tiếp theo nhất\n\n");
        if (r.Closest.Count == 0) sb.Append("Không có xã nào chưa đạt đủ tiêu chí.\n");
        else
        {
            sb.Append("Xếp theo số chỉ tiêu còn chưa đạt hoặc thiếu số liệu, ít nhất trước.\n\n");
            // The former-district column appears only when some commune names one (data from before
            // 1 July 2025), the group column only when some commune states a group (sets of 2026–2030).
            var districts = r.Closest.Any(o => !string.IsNullOrWhiteSpace(o.District));
            var groups = r.Closest.Any(o => o.Group is not null);
            var columns = new List<(string Title, string Align, Func<CommuneOutcome, string> Cell)>
            {
                ("Xã", "---", o => Cell(o.Name)), ("Mã xã", "---", o => Cell(o.Code ?? "")),
            };
            if (districts) columns.Add(("Huyện (cũ)", "---", o => Cell(o.District ?? "")));
            if (groups) columns.Add(("Nhóm xã", "---", o => o.Group is { } g ? g.Code() : ""));
            columns.Add(("Tiêu chí đạt", "---:", o => $"{o.CriteriaMet}/{n}"));
            columns.Add(("Số chỉ tiêu chưa đạt", "---:", o => o.UnmetIndicators.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            columns.Add(("Chỉ tiêu chưa đạt", "---", o => string.Join(", ", o.UnmetIndicators)));
            sb.Append("| ").Append(string.Join(" | ", columns.Select(c => c.Title))).Append(" |\n|").Append(string.Concat(columns.Select(c => c.Align + "|"))).Append('\n');
            foreach (var o in r.Closest) sb.Append("| ").Append(string.Join(" | ", columns.Select(c => c.Cell(o)))).Append(" |\n");
        }
        return sb.ToString();
    }

    /// <summary>"2 xã đạt 19/19 tiêu chí; 6 xã đạt từ 15 đến 18 tiêu chí; … Trung bình đạt 15,0 tiêu chí/xã."</summary>
    public static string Sentence(AggregateReport r) =>
        string.Join("; ", r.Bands.Select(b => $"{Count(b.Communes)} xã {LowerFirst(b.Band.Label)}"))
        + $". Trung bình đạt {VietnameseFormat.Fixed(r.AverageCriteriaMet, 1)} tiêu chí/xã.";

    private static string LowerFirst(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    private static string Count(int n) => VietnameseFormat.Number(n);

    internal static string Percent(int part, int whole) => whole == 0 ? "–" : VietnameseFormat.Fixed(100.0 * part / whole, 1) + "%";

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}

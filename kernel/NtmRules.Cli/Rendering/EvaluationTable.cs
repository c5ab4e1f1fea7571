using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;
using Spectre.Console;

namespace NtmRules.Cli.Rendering;

/// <summary>The evaluation as a person reads it: one row per indicator, grouped by criterion, coloured by status.</summary>
internal static class EvaluationTable
{
    public static void Write(IAnsiConsole console, EvaluationResult result)
    {
        var set = result.Set;
        var data = result.Data;
        var place = string.Join(", ", new[] { "xã " + data.Commune.Name, data.Commune.District is { } d ? "huyện " + d : null, data.Commune.Province is { } p ? "tỉnh " + p : null }.Where(s => s is not null));
        console.MarkupLine($"[bold]{Markup.Escape(place)}[/] — năm {data.Year}, đánh giá ngày {result.EvaluationDate:dd/MM/yyyy}");
        console.MarkupLine($"Bộ tiêu chí: [bold]{Markup.Escape(set.Name)}[/] ({Markup.Escape(set.Id)})");
        console.MarkupLine(Markup.Escape($"Căn cứ: {set.Decision.Reference}; plugin {set.Plugin.Id} {set.Plugin.Version}, SHA-256 {set.Plugin.ContentHash[..16]}…"));
        console.MarkupLine(Markup.Escape($"Chữ ký plugin: {set.Plugin.Signature.Label}"));
        var regionText = data.SpecialDifficulty
            ? $"{data.Region.VietnameseName()} (xã đặc biệt khó khăn: áp dụng ngưỡng vùng {NtmRules.Kernel.Domain.Region.TDMNPB.VietnameseName()})"
            : data.Region.VietnameseName();
        foreach (var b in result.Set.Bases)
            console.MarkupLine(Markup.Escape($"Kế thừa: bộ {b.SetId} (Quyết định số {b.Decision.Number}); plugin {b.Plugin.Id} {b.Plugin.Version}, SHA-256 {b.Plugin.ContentHash[..16]}…"));
        console.MarkupLine(Markup.Escape($"Vùng: {regionText}" + (data.Group is { } group ? $"; nhóm xã: {group.VietnameseName()}" : "")));

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Mã").AddColumn("Tiêu chí / chỉ tiêu").AddColumn("Số liệu").AddColumn(new TableColumn("Giá trị").RightAligned())
            .AddColumn("Ngưỡng").AddColumn("Kết quả");
        foreach (var c in result.Criteria)
        {
            table.AddRow(new Markup($"[bold]{c.Criterion.Number}[/]"), new Markup($"[bold]{Markup.Escape(c.Criterion.Name)}[/]"),
                Text.Empty, Text.Empty, Text.Empty, Status(c.Status, bold: true));
            foreach (var i in c.Indicators)
            {
                var inputs = string.Join("\n", i.Inputs.Select(r => $"{r.Measure.Label}: {(r.Value is { } v ? VietnameseFormat.Value(v, r.Measure.Unit) : r.DefaultUsed is { } d ? $"mặc định {VietnameseFormat.Value(d, r.Measure.Unit)}" : r.Invalid ? "không hợp lệ" : "thiếu")}"));
                var actual = i.Actual is { } a ? VietnameseFormat.Value(a, i.Indicator.ValueUnit) : "-";
                var state = i.Threshold.Provenance.State;
                var threshold = VietnameseFormat.Threshold(i.Threshold, i.Indicator.ValueUnit)
                    + (i.Threshold.Group is { } g ? $" ({g.VietnameseName()})" : "") + (state == ProvenanceState.Confirmed ? "" : $"\n({state.VietnameseName()})");
                // In a set that extends another, say whose decision each threshold is (and what it replaced).
                if (i.Indicator.Origin is not null) threshold += "\n" + i.Indicator.ThresholdBasis(i.Threshold);
                var status = i.Outcome == Outcome.ExpressionError ? new Markup("[red]lỗi quy tắc[/]") : Status(i.Status);
                table.AddRow(new Text(i.Indicator.Code), new Text(i.Indicator.Name), new Text(inputs), new Text(actual), new Text(threshold), status);
            }
        }
        console.Write(table);
        var s = result.Summary;
        console.MarkupLine($"[bold]Kết quả: đạt {s.CriteriaMet}/{s.CriteriaTotal} tiêu chí, {s.IndicatorsMet}/{s.IndicatorsTotal} chỉ tiêu[/]");
        var details = new List<string>();
        if (s.IndicatorsNotMet > 0) details.Add($"{s.IndicatorsNotMet} chỉ tiêu chưa đạt");
        if (s.IndicatorsMissingData > 0) details.Add($"{s.IndicatorsMissingData} chỉ tiêu thiếu số liệu");
        if (s.IndicatorsNotApplicable > 0) details.Add($"{s.IndicatorsNotApplicable} chỉ tiêu không áp dụng (tính là đạt)");
        if (details.Count > 0) console.MarkupLine(Markup.Escape(string.Join("; ", details) + "."));
        var unmet = result.Criteria.Where(c => c.Status != IndicatorStatus.Dat && c.Status != IndicatorStatus.KhongApDung).Select(c => $"{c.Criterion.Number}. {c.Criterion.Name} ({c.Status.Label()})");
        if (unmet.Any()) console.MarkupLine(Markup.Escape("Tiêu chí chưa đạt: " + string.Join("; ", unmet)));
        var byState = ProvenanceStates.All.Select(st => (State: st, Count: result.Indicators.Count(i => i.Threshold.Provenance.State == st))).ToArray();
        console.MarkupLine(Markup.Escape("Ngưỡng đã dùng: " + string.Join(", ", byState.Select(x => $"{x.Count} {x.State.VietnameseName()}")) + "."));
        if (byState.Any(x => x.State != ProvenanceState.Confirmed && x.Count > 0))
            console.MarkupLine(Markup.Escape("Ngưỡng chưa xác nhận cần đối chiếu văn bản quyết định (xem: ntm plugins --unverified; ntm plugin thresholds)."));
    }

    private static Markup Status(IndicatorStatus status, bool bold = false)
    {
        var color = status switch
        {
            IndicatorStatus.Dat => "green",
            IndicatorStatus.ChuaDat => "red",
            IndicatorStatus.ThieuSoLieu => "yellow",
            _ => "grey",
        };
        return new Markup($"[{(bold ? "bold " : "")}{color}]{status.Label()}[/]");
    }
}

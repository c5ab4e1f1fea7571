using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NtmRules.Application;
using NtmRules.Kernel.Formatting;
using static NtmRules.Web.Html;

namespace NtmRules.Web.Portal;

/// <summary>The auditor's page: the record store verified as <c>ntm verify --all</c> does (chain, head, every record re-run).</summary>
internal static class AuditEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapGet("/kiem-chung", async (Workspace w, CancellationToken cancel) => SignInEndpoints.Page(Page(await w.VerifyAsync(cancel))))
            .ExcludeFromDescription();

    private static string Verdict(RecordCheck r) => r.Verification is null || r.Verification.PluginMissing is not null ? "khong-chay-lai" : r.Identical ? "trung-khop" : "khac";

    private static string Text(RecordCheck r) => r switch
    {
        { Failure: { } f } => "không chạy lại được: " + f,
        { Verification.PluginMissing: { } m } => "không chạy lại được: " + m,
        { Identical: true } => "trùng khớp",
        _ => "khác: " + string.Join("; ", r.Verification!.Differences),
    };

    private static string Page(StoreVerification? v)
    {
        if (v is null)
            return Pages.Layout("Kiểm chứng", H($"<h1>Kiểm chứng sổ bản ghi</h1><section class=\"card\"><p id=\"verify-summary\">Chưa có bản ghi nào được lưu.</p></section>"));
        var a = v.Audit;
        var problems = Join(a.Breaks.Select(b => H($"<li>Chuỗi hash đứt tại bản ghi {b.RecordId}: {b.Reason}</li>"))
            .Concat(a.Tampering.Select(t => H($"<li>Dấu hiệu sửa đổi: {t}</li>"))).Concat(a.Notes.Select(n => H($"<li>Ghi chú: {n}</li>"))));
        var rows = Join(v.Records.Select(r => H($"""
            <tr data-record="{r.Record.Id}"><td class="num">{r.Record.Id}</td><td>{r.Record.CommuneName}</td><td class="num">{r.Record.Year}</td><td><code>{r.Record.SetId}</code></td>
            <td class="verdict" data-verdict="{Verdict(r)}">{Text(r)}</td></tr>
            """)));
        var identical = v.Records.Count(r => r.Identical);
        return Pages.Layout("Kiểm chứng", H($"""
            <h1>Kiểm chứng sổ bản ghi</h1>
            <section class="card"><p id="verify-summary" data-intact="{(a.Intact ? "true" : "false")}">{(a.Intact ? "Chuỗi hash nguyên vẹn" : "Chuỗi hash KHÔNG nguyên vẹn")} ({VietnameseFormat.Number(a.Count, 0)} bản ghi); chạy lại trùng khớp {VietnameseFormat.Number(identical, 0)}/{VietnameseFormat.Number(v.Records.Count, 0)}.</p>
            <p>Đầu chuỗi: <code id="chain-head">{a.Head?.ToString() ?? "(trống)"}</code> — hãy giữ lại để đối chiếu sau (<code>ntm verify --all --expect-head</code>).</p>
            <ul>{problems}</ul></section>
            <section class="card"><table id="verified"><thead><tr><th>Số</th><th>Xã</th><th>Năm</th><th>Bộ tiêu chí</th><th>Chạy lại</th></tr></thead><tbody>{rows}</tbody></table></section>
            """));
    }
}

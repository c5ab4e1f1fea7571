using System.Globalization;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Formatting;
using NtmRules.Portal;
using NtmRules.Records;
using static NtmRules.Web.Html;

namespace NtmRules.Web.Portal;

/// <summary>The pages of submission and review, in Vietnamese.</summary>
internal static class ReviewPages
{
    /// <summary>One indicator of a stored result, as the review table shows it.</summary>
    private sealed record Row(string Code, string Name, string Status, string StatusLabel, string Actual);

    private static string Link(string commune, int year) => $"/ho-so/{Uri.EscapeDataString(commune)}/{year.ToString(CultureInfo.InvariantCulture)}";

    private static Markup State(DossierState s) => H($"""<span class="state state-{s.Key()}" data-state="{s.Key()}">{s.Label()}</span>""");

    public static string List(PortalAccount account, IReadOnlyList<DossierLine> lines)
    {
        var rows = Join(lines.Select(l => H($"""
            <tr data-dossier="{l.CommuneKey}|{l.Year}"><td><a href="{Link(l.CommuneKey, l.Year)}">{l.CommuneName}</a><br><code>{l.CommuneKey}</code></td><td>{l.Province ?? ""}</td><td class="num">{l.Year}</td><td>{State(l.State)}</td></tr>
            """)));
        var hint = account.Role == PortalRole.Xa
            ? H($"<p>Để nộp hồ sơ: mở một bộ tiêu chí ở <a href=\"/\">trang chủ</a>, nhập biểu mẫu hoặc tải tệp số liệu của xã, đánh dấu “Lưu vào sổ bản ghi”, rồi mở hồ sơ của năm đó ở đây và bấm “Nộp hồ sơ”.</p>")
            : Markup.Empty;
        return Pages.Layout("Hồ sơ đánh giá", H($"""
            <h1>Hồ sơ tự đánh giá</h1>
            <section class="card"><p>Tài khoản {account.ToString()}. Mỗi xã, mỗi năm có một hồ sơ: xã nộp, tỉnh thẩm định (trả lại kèm ý kiến, hoặc chấp nhận).</p>{hint}
            {(lines.Count == 0 ? H($"<p id=\"no-dossiers\">Chưa có hồ sơ nào trong phạm vi tài khoản này.</p>") : H($"<table id=\"dossiers\"><thead><tr><th>Xã</th><th>Tỉnh</th><th>Năm</th><th>Trạng thái</th></tr></thead><tbody>{rows}</tbody></table>"))}</section>
            """));
    }

    public static string Dossier(PortalAccount account, DossierView view, string? error)
    {
        var d = view.Dossier;
        var allowed = ReviewWorkflow.Allowed(account, d);
        var body = H($"""
            <h1>Hồ sơ tự đánh giá: <span id="dossier-commune">{view.CommuneName}</span> — năm {d.Year}</h1>
            {(error is null ? Markup.Empty : H($"<section class=\"errors\" role=\"alert\"><p id=\"review-error\">{error}</p></section>"))}
            <section class="card"><p>Trạng thái: <span id="dossier-state">{State(d.State)}</span></p>
            <p id="who-may">{ReviewWorkflow.WhoMay(d.State)}</p>
            <p>Tài khoản {account.ToString()}: {(allowed.Count == 0 ? "chỉ xem." : "được " + string.Join(", ", allowed.Select(a => a.Label())) + ".")}</p>
            <details><summary>Các bước của quy trình</summary><ul>{Join(ReviewWorkflow.Transitions.Select(t => H($"<li>{t.From.Label()} → {t.To.Label()}: {t.Role.Label()} {t.Action.Label()}</li>")))}</ul></details></section>
            {SubmitForm(view, allowed)}
            {UnderReview(view, allowed)}
            {History(d)}
            """);
        return Pages.Layout($"Hồ sơ {view.CommuneName} {d.Year}", body);
    }

    private static Markup SubmitForm(DossierView view, IReadOnlyList<ReviewAction> allowed)
    {
        if (!allowed.Contains(ReviewAction.Submitted)) return Markup.Empty;
        var d = view.Dossier;
        var options = Join(view.Records.Reverse().Select(r => H($"""<option value="{r.Id}">Bản ghi số {r.Id} — lưu {r.CreatedAt} — {r.Summary}</option>""")));
        return H($"""
            <section class="card"><h2>{(d.State == DossierState.BiTraLai ? "Nộp lại hồ sơ" : "Nộp hồ sơ")}</h2>
            <form method="post" action="{Link(d.CommuneKey, d.Year)}/nop">
            <p><label>Bản ghi đánh giá <select name="record" id="submit-record">{options}</select></label></p>
            <p><label>Ghi chú gửi tỉnh <textarea name="comment" id="submit-comment"></textarea></label></p>
            <p><button type="submit" id="submit">{(d.State == DossierState.BiTraLai ? "Nộp lại" : "Nộp hồ sơ")}</button></p></form></section>
            """);
    }

    private static Markup UnderReview(DossierView view, IReadOnlyList<ReviewAction> allowed)
    {
        if (view.UnderReview is not { } record) return Markup.Empty;
        var d = view.Dossier;
        var reviewing = allowed.Contains(ReviewAction.Returned) || allowed.Contains(ReviewAction.Accepted);
        var previous = view.Previous is { } p ? Rows(p).ToDictionary(r => r.Code, StringComparer.Ordinal) : [];
        var lastComments = d.State == DossierState.DaChapNhan ? [] : (d.LastReturn?.IndicatorComments ?? []).ToDictionary(c => c.IndicatorId, c => c.Text, StringComparer.Ordinal);
        var rows = Join(Rows(record).Select(r => H($"""
            <tr class="indicator" data-indicator="{r.Code}"><td>{r.Code}</td><td>{r.Name}</td>
            <td><span class="status st-{r.Status}" data-status="{r.Status}">{r.StatusLabel}</span> {r.Actual}</td>
            <td class="previous">{(previous.TryGetValue(r.Code, out var before) ? H($"<span class=\"status st-{before.Status}\" data-status=\"{before.Status}\">{before.StatusLabel}</span> {before.Actual}") : H($"—"))}</td>
            <td>{(lastComments.TryGetValue(r.Code, out var said) ? H($"<div class=\"comment\" data-comment-for=\"{r.Code}\">{said}</div>") : Markup.Empty)}{(reviewing ? H($"<textarea name=\"y-kien.{r.Code}\" aria-label=\"Ý kiến về chỉ tiêu {r.Code}\"></textarea>") : Markup.Empty)}</td></tr>
            """)));
        var heading = H($"""
            <h2>Bản ghi {(d.State == DossierState.DaChapNhan ? "đã được chấp nhận" : "đang thẩm định")}: số <span id="review-record">{record.Id}</span></h2>
            <p>Lưu lúc {record.CreatedAt}; bộ <code>{record.SetId}</code>; kết quả: {record.Summary}; hash <code>{record.Hash[..12]}</code>.
            {(view.Previous is { } prev ? H($"Đặt cạnh bản ghi năm {prev.Year} (số {prev.Id}: {prev.Summary}) — <a href=\"/compare?a={prev.Id}&b={record.Id}\">so sánh chi tiết</a>.") : H($"Xã chưa có bản ghi của năm {d.Year - 1} để đặt cạnh."))}</p>
            {(d.LastReturn is { Comment: { } general } && d.State != DossierState.DaChapNhan ? H($"<p class=\"comment\" id=\"return-comment\">Ý kiến chung của tỉnh khi trả lại: {general}</p>") : Markup.Empty)}
            """);
        var table = H($"""<table class="review" id="review-table"><thead><tr><th>Chỉ tiêu</th><th>Nội dung</th><th>Năm {d.Year}</th><th>Năm {d.Year - 1}</th><th>Ý kiến thẩm định</th></tr></thead><tbody>{rows}</tbody></table>""");
        if (!reviewing) return H($"""<section class="card">{heading}{table}</section>""");
        var link = Link(d.CommuneKey, d.Year);
        return H($"""
            <section class="card">{heading}<form method="post" action="{link}/tra-lai">{table}
            <p><label>Ý kiến chung <textarea name="comment" id="review-comment"></textarea></label></p>
            <p><button type="submit" id="return" formaction="{link}/tra-lai">Trả lại kèm ý kiến</button> <button type="submit" id="accept" formaction="{link}/chap-nhan">Chấp nhận hồ sơ</button></p></form></section>
            """);
    }

    private static Markup History(Dossier d)
    {
        if (d.Steps.Count == 0) return H($"<section class=\"card\"><h2>Lịch sử</h2><p id=\"history-empty\">Chưa có bước nào: hồ sơ chưa nộp.</p></section>");
        var rows = Join(d.Steps.Select(s => H($"""
            <tr data-step="{s.Id}" data-action="{s.Action.ToString().ToLowerInvariant()}"><td class="num">{s.Id}</td><td>{s.CreatedAt}</td><td>{s.Action.Label()}</td><td class="account">{s.Account}</td><td class="num">{s.EvaluationRecordId}</td>
            <td>{s.Comment ?? ""}{Join(s.IndicatorComments.Select(c => H($"<div class=\"comment\">Chỉ tiêu {c.IndicatorId}: {c.Text}</div>")))}</td><td><code>{s.Hash[..12]}</code></td></tr>
            """)));
        return H($"""<section class="card"><h2>Lịch sử</h2><table id="history"><thead><tr><th>Số</th><th>Lúc</th><th>Bước</th><th>Tài khoản</th><th>Bản ghi</th><th>Ý kiến</th><th>Hash</th></tr></thead><tbody>{rows}</tbody></table></section>""");
    }

    private static IEnumerable<Row> Rows(EvaluationRecord record) =>
        JObject.Parse(record.EvaluationJson)["criteria"]!.SelectMany(c => c["indicators"]!).Select(i => new Row(
            (string)i["code"]!, (string?)i["name"] ?? "", (string)i["status"]!, (string?)i["statusLabel"] ?? (string)i["status"]!, Actual(i["actual"])));

    private static string Actual(JToken? actual)
    {
        if (actual is not JObject a || a["value"] is not { } v) return "";
        var unit = (string?)a["unit"] ?? "";
        return v.Type switch
        {
            JTokenType.Boolean => (bool)v ? "(có)" : "(không)",
            JTokenType.Integer or JTokenType.Float => "(" + VietnameseFormat.Number((double)v) + (unit == "%" ? "%" : unit.Length > 0 ? " " + unit : "") + ")",
            _ => "",
        };
    }
}

using System.Globalization;
using NtmRules.Application;
using NtmRules.Intake.Batch;
using NtmRules.Intake.Forms;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Output;
using NtmRules.Records;
using static NtmRules.Web.Html;

namespace NtmRules.Web;

/// <summary>The server-rendered pages, in Vietnamese. Every value goes through <see cref="Html.H"/>, which encodes it.</summary>
public static class Pages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The page frame: header, navigation, main content.</summary>
    public static string Layout(string title, Markup body) => H($"""
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} — NtmRules</title>
        <link rel="stylesheet" href="/app.css">
        </head>
        <body>
        <header class="top"><a class="brand" href="/">NtmRules · Nông thôn mới</a>
        <nav><a href="/">Bộ tiêu chí</a><a href="/batches">Tổng hợp nhiều xã</a><a href="/history">Lịch sử và so sánh</a><a href="/openapi.json">API (OpenAPI)</a></nav></header>
        <main>
        {body}
        </main>
        <footer>NtmRules — đánh giá xã theo bộ tiêu chí nông thôn mới nạp từ plugin; kết quả, truy vết và dự thảo do nhân (kernel) tính, trang này chỉ hiển thị.</footer>
        </body>
        </html>
        """).Value;

    /// <summary>A box listing what went wrong: the message, then each problem as the CLI prints it.</summary>
    public static Markup ErrorBox(string title, IEnumerable<Problem> problems) => H($"""
        <section class="errors" role="alert"><h2>{title}</h2>
        <ul>{Join(problems.Select(p => H($"<li class=\"problem {(p.Severity == Severity.Error ? "error" : "warning")}\"><code>{p.ToString()}</code></li>")))}</ul></section>
        """);

    private static Markup Status(IndicatorStatus s) => H($"<span class=\"status st-{s.Code()}\" data-status=\"{s.Code()}\">{s.Label()}</span>");

    private static string SetFacts(CriteriaSet set)
    {
        var facts = $"{set.Criteria.Count} tiêu chí, {set.Indicators.Count} chỉ tiêu; ngưỡng: {set.ProvenanceSummary()}";
        return set.Bases.Count == 0 ? facts : $"{facts}; kế thừa {string.Join(" ← ", set.Bases.Select(b => b.SetId))}";
    }

    private static string Decision(CriteriaSet set) =>
        $"QĐ {set.Decision.Number} ngày {set.Decision.Date.ToString("dd/MM/yyyy", Inv)} ({set.Decision.Authority}); hiệu lực {set.Effective}";

    /// <summary>Home: the criteria sets loaded, with decision, version and content hash; refused plugins and why.</summary>
    public static string Home(Workspace w, Markup notice = default)
    {
        var rows = w.Host.Sets.Select(s => H($"""
            <tr data-set="{s.Set.Id}"><td><a href="/sets/{Segment(s.Set.Id)}"><strong>{s.Set.Id}</strong></a><br>{s.Set.Name}</td>
            <td>{Decision(s.Set)}</td><td>{SetFacts(s.Set)}</td>
            <td>{s.Set.Plugin.Id}<br>phiên bản {s.Set.Plugin.Version}</td>
            <td class="signature" data-signature="{s.Set.Plugin.Signature.Code}">{s.Set.Plugin.Signature.Label}</td>
            <td><code title="{s.Set.Plugin.ContentHash}">{s.Set.Plugin.ContentHash[..16]}…</code></td>
            <td><a class="button" href="/sets/{Segment(s.Set.Id)}">Chọn</a></td></tr>
            """));
        var refused = w.Host.Reports.Where(r => !r.Loaded).Select(r => ErrorBox(
            $"Plugin {Path.GetFileName(r.Folder)} bị từ chối khi nạp", r.Problems.Where(p => p.Severity == Severity.Error)));
        return Layout("Bộ tiêu chí", H($"""
            <h1>Chọn bộ tiêu chí</h1>
            <p>Các bộ tiêu chí nạp từ plugin trong <code>{w.Host.Folder}</code>. Mỗi bộ ghi quyết định ban hành, phiên bản plugin và mã băm SHA-256 nội dung để kiểm chứng.</p>
            <table class="sets"><thead><tr><th>Bộ tiêu chí</th><th>Quyết định</th><th>Quy mô</th><th>Plugin</th><th>Chữ ký</th><th>SHA-256 nội dung</th><th></th></tr></thead>
            <tbody>{Join(rows)}</tbody></table>
            {Join(refused)}
            {notice}
            {InstallForm(w)}
            """));
    }

    /// <summary>The plugin install form, only when the operator allowed web installs.</summary>
    private static Markup InstallForm(Workspace w) => !w.Options.AllowPluginInstall ? Markup.Empty : H($"""
        <section class="card"><h2>Cài plugin</h2>
        <p>Chỉ nhận gói plugin <strong>đã ký</strong> (<code>.ntmplugin</code>, tạo bằng <code>ntm plugin pack</code>) bằng một khóa có trong kho tin cậy của máy chủ; gói chưa ký, ký bằng khóa lạ hoặc bị sửa đều bị từ chối, và không ghi đè plugin đã cài.</p>
        <form method="post" action="/plugins" enctype="multipart/form-data">
        <input type="file" name="file" accept=".ntmplugin" required> <button type="submit">Cài đặt</button></form></section>
        """);

    /// <summary>A set: upload commune data, or type it in the set's own form.</summary>
    public static string Set(Workspace w, CompiledCriteriaSet compiled, Markup error = default, IReadOnlyDictionary<string, string>? typed = null)
    {
        var set = compiled.Set;
        string V(string key) => typed is not null && typed.TryGetValue(key, out var v) ? v : "";
        var regions = Join(Regions.All.Select(r => H($"<option value=\"{r.Code()}\"{(V("region") == r.Code() ? new Markup(" selected") : Markup.Empty)}>{r.Code()} — {r.VietnameseName()}</option>")));
        var measures = Join(set.Measures.Select(m =>
        {
            var name = "m." + m.Key;
            var input = m.Type == MeasureType.Boolean
                ? H($"""<select id="{name}" name="{name}"><option value="">(không có số liệu)</option><option value="có"{(V(name) == "có" ? new Markup(" selected") : Markup.Empty)}>có</option><option value="không"{(V(name) == "không" ? new Markup(" selected") : Markup.Empty)}>không</option></select>""")
                : H($"""<input id="{name}" name="{name}" value="{V(name)}" inputmode="decimal" placeholder="để trống nếu không có số liệu">""");
            return H($"<tr><td><label for=\"{name}\">{m.Label}</label><br><code>{m.Key}</code></td><td>{m.Unit}</td><td>{string.Join("; ", new[] { FormLayout.RangeText(m), m.RelationText }.Where(t => t.Length > 0))}</td><td>{input}</td></tr>");
        }));
        var id = Segment(set.Id);
        return Layout(set.Name, H($"""
            <h1>{set.Name}</h1>
            <p class="facts"><code>{set.Id}</code> · {Decision(set)} · {SetFacts(set)} · plugin {set.Plugin.Id} phiên bản {set.Plugin.Version}, SHA-256 <code>{set.Plugin.ContentHash[..16]}…</code>; chữ ký: {set.Plugin.Signature.Label}</p>
            {error}
            <section class="card"><h2>Tải lên số liệu của xã</h2>
            <form method="post" action="/sets/{id}/evaluate" enctype="multipart/form-data">
            <p><label for="file">Tệp số liệu (.json <code>ntm.commune-data/1</code>, biểu mẫu .xlsx hoặc bảng .csv/.xlsx một dòng), tối đa {(w.Options.MaxUploadBytes / 1024 / 1024).ToString(Inv)} MB:</label><br>
            <input type="file" id="file" name="file" accept=".json,.csv,.xlsx"></p>
            <p><label><input type="checkbox" name="save" value="true"> Lưu vào sổ bản ghi (để xem lịch sử và so sánh)</label></p>
            <p><button type="submit" id="evaluate-upload">Đánh giá</button> · <a href="/sets/{id}/form.xlsx">Tải biểu mẫu Excel của bộ này</a></p>
            </form></section>
            {ThresholdEndpoints.Section(w, set)}
            <section class="card"><h2>Hoặc điền số liệu ngay trên trang</h2>
            <form method="post" action="/sets/{id}/form">
            <div class="grid">
            <label>Tên xã <input name="name" value="{V("name")}" required></label>
            <label>Mã xã <input name="code" value="{V("code")}"></label>
            <label>Huyện (cũ) <input name="district" value="{V("district")}"></label>
            <label>Tỉnh <input name="province" value="{V("province")}"></label>
            <label>Vùng <select name="region">{regions}</select></label>
            <label>Nhóm xã <select name="communeGroup" id="communeGroup"><option value="">{(set.UsesGroups ? "(chưa chọn)" : "(bộ này không phân nhóm)")}</option>{Join(CommuneGroups.All.Select(g => H($"<option value=\"{g.Code()}\"{(V("communeGroup") == g.Code() ? new Markup(" selected") : Markup.Empty)}>{g.VietnameseName()}</option>")))}</select></label>
            <label>Năm đánh giá <input name="year" value="{V("year")}" inputmode="numeric" required></label>
            <label>Ngày đánh giá <input name="assessmentDate" value="{V("assessmentDate")}" placeholder="yyyy-mm-dd"></label>
            <label><input type="checkbox" name="specialDifficulty" value="true"{(V("specialDifficulty").Length > 0 ? new Markup(" checked") : Markup.Empty)}> Xã đặc biệt khó khăn / ATK</label>
            </div>
            <p>Số liệu: để trống là <em>thiếu số liệu</em> (không bao giờ là 0). Số thập phân viết dấu phẩy (<code>90,06</code>) hoặc dấu chấm (<code>90.06</code>).</p>
            <table class="measures"><thead><tr><th>Số liệu</th><th>Đơn vị</th><th>Khoảng hợp lệ</th><th>Giá trị</th></tr></thead><tbody>{measures}</tbody></table>
            <p><label><input type="checkbox" name="save" value="true"> Lưu vào sổ bản ghi</label></p>
            <p><button type="submit" id="evaluate-form">Đánh giá số liệu đã điền</button></p>
            </form></section>
            """));
    }

    /// <summary>The evaluation: counts, problems, downloads and the table by criterion with colored statuses.</summary>
    public static string Evaluation(Workspace w, WebEvaluation e, Markup notice = default)
    {
        var r = e.Result;
        var d = r.Data;
        var s = r.Summary;
        var id = e.Id;
        var counts = H($"""
            <ul class="counts">
            <li>{Status(IndicatorStatus.Dat)} <strong id="count-dat">{s.IndicatorsMet - s.IndicatorsNotApplicable}</strong></li>
            <li>{Status(IndicatorStatus.ChuaDat)} <strong id="count-chua-dat">{s.IndicatorsNotMet}</strong></li>
            <li>{Status(IndicatorStatus.ThieuSoLieu)} <strong id="count-thieu-so-lieu">{s.IndicatorsMissingData}</strong></li>
            <li>{Status(IndicatorStatus.KhongApDung)} <strong id="count-khong-ap-dung">{s.IndicatorsNotApplicable}</strong></li>
            </ul>
            """);
        var rows = Join(r.Criteria.Select(c => H($"""
            <tr class="criterion" data-criterion="{c.Criterion.Number}"><th colspan="4">Tiêu chí {c.Criterion.Number}: {c.Criterion.Name}</th><td>{Status(c.Status)}</td></tr>
            {Join(c.Indicators.Select(i => H($"""
                <tr class="indicator" data-indicator="{i.Indicator.Code}"><td><a class="trace-link" href="/evaluations/{id}/indicators/{Segment(i.Indicator.Code)}" title="Xem truy vết">{i.Indicator.Code}</a></td>
                <td>{i.Indicator.Name}</td><td>{(i.Actual is { } a ? VietnameseFormat.Value(a, i.Indicator.ValueUnit) : "—")}</td>
                <td>{VietnameseFormat.Threshold(i.Threshold, i.Indicator.ValueUnit)} <span class="threshold-state" data-state="{i.Threshold.Provenance.State.Key()}">({i.Threshold.Provenance.State.VietnameseName()})</span></td><td>{Status(i.Status)}</td></tr>
                """)))}
            """)));
        var problems = r.Problems.Count == 0 ? Markup.Empty
            : ErrorBox(r.HasDataErrors ? "Số liệu có giá trị không hợp lệ (bị loại, tính là thiếu số liệu)" : "Lưu ý", r.Problems);
        var errors = r.HasExpressionErrors
            ? ErrorBox("Quy tắc lỗi khi chạy (lỗi plugin)", RuleFailures.Of(r))
            : Markup.Empty;
        var saved = e.RecordId is { } rid
            ? H($"<p class=\"saved\" id=\"saved\">Đã lưu thành bản ghi số {rid}. <a href=\"/history\">Xem lịch sử</a></p>")
            : H($"""<form method="post" action="/evaluations/{id}/save" class="inline"><button type="submit" id="save">Lưu vào sổ bản ghi</button></form>""");
        var period = r.PeriodNotice is { } pn
            ? H($"<p class=\"period-warning\" id=\"period-warning\"><strong>Ngoài thời gian hiệu lực:</strong> {pn}</p>")
            : Markup.Empty;
        return Layout($"Kết quả — {d.Commune.Name}", H($"""
            <h1>Kết quả đánh giá: <span id="commune-name">{d.Commune.Name}</span></h1>
            <p class="facts">{(d.Commune.District is { } dist ? $"huyện {dist}, " : "")}{(d.Commune.Province is { } prov ? $"tỉnh {prov}, " : "")}năm {d.Year}; vùng áp dụng ngưỡng {d.ThresholdRegion.VietnameseName()}{(d.SpecialDifficulty ? " (xã đặc biệt khó khăn)" : "")}{(d.Group is { } g ? "; " + g.VietnameseName() : "")}; ngày đánh giá {r.EvaluationDate.ToString("dd/MM/yyyy", Inv)}</p>
            {period}
            <p class="facts">Bộ tiêu chí <a href="/sets/{Segment(r.Set.Id)}">{r.Set.Name}</a> (<code>{r.Set.Id}</code>), plugin {r.Set.Plugin.Id} phiên bản {r.Set.Plugin.Version}, SHA-256 <code>{r.Set.Plugin.ContentHash[..16]}…</code> ({r.Set.Plugin.Signature.Label}); tệp số liệu {d.File}, SHA-256 <code>{d.ContentSha256[..16]}…</code></p>
            {notice}
            <section class="summary"><p><strong id="summary-criteria">{s.CriteriaMet}/{s.CriteriaTotal} tiêu chí</strong> đạt · <strong id="summary-indicators">{s.IndicatorsMet}/{s.IndicatorsTotal} chỉ tiêu</strong> đạt (kể cả chỉ tiêu không áp dụng)</p>
            {counts}</section>
            {errors}
            {problems}
            <section class="downloads"><h2>Tải về</h2>
            <p>Dự thảo kế hoạch: <a id="draft-md" href="/evaluations/{id}/draft.md" download>Markdown (.md)</a> · <a id="draft-docx" href="/evaluations/{id}/draft.docx" download>Word (.docx)</a> · <a href="/evaluations/{id}/draft.html" download>HTML</a>
            — Kết quả: <a id="result-json" href="/evaluations/{id}/result.json" download>JSON (ntm.evaluation/1)</a>
            — Truy vết: <a href="/evaluations/{id}/trace.json" download>JSON (ntm.trace/1)</a> · <a href="/evaluations/{id}/trace.txt" download>văn bản</a></p>
            {saved}</section>
            <table class="results"><thead><tr><th>Chỉ tiêu</th><th>Nội dung</th><th>Giá trị</th><th>Ngưỡng</th><th>Kết quả</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <p class="hint">Bấm số hiệu chỉ tiêu để xem truy vết: số liệu, quy tắc, ngưỡng, căn cứ pháp lý và nguồn gốc.</p>
            """));
    }

    /// <summary>One indicator's audit trace: the figures, rule, threshold, citation and provenance, then the kernel's own trace text.</summary>
    public static string Trace(WebEvaluation e, IndicatorResult i)
    {
        var r = e.Result;
        var ind = i.Indicator;
        var t = i.Threshold;
        var p = e.Provenance;
        var text = new StringWriter();
        TraceTextWriter.Write(r, [i], p, text);
        var inputs = Join(i.Inputs.Select(m => H($"""
            <tr><td>{m.Measure.Label}</td><td><code>{m.Measure.Key}</code></td><td>{(m.Value is { } v ? VietnameseFormat.Value(v, m.Measure.Unit) : m.DefaultUsed is { } d ? $"không có số liệu, dùng mặc định {VietnameseFormat.Value(d, m.Measure.Unit)}" : m.Invalid ? "giá trị không hợp lệ (bị loại)" : "không có số liệu")}</td><td>{(r.Data.Sources.TryGetValue(m.Measure.Key, out var src) ? src : "")}</td></tr>
            """)));
        return Layout($"Truy vết {ind.Code}", H($"""
            <p><a href="/evaluations/{e.Id}">← Quay lại kết quả của xã {r.Data.Commune.Name}</a></p>
            <h1>Truy vết chỉ tiêu {ind.Code}: {ind.Name}</h1>
            <dl class="trace">
            <dt>Kết quả</dt><dd id="trace-status">{Status(i.Status)} <code>{EvaluationJsonWriter.OutcomeCode(i.Outcome)}</code></dd>
            <dt>{ind.ValueLabel}</dt><dd id="trace-value">{(i.Actual is { } a ? VietnameseFormat.Value(a, ind.ValueUnit) : "—")}</dd>
            <dt>Ngưỡng</dt><dd id="trace-threshold">{VietnameseFormat.Threshold(t, ind.ValueUnit)} ({(t.Region is { } reg ? "mức riêng vùng " + reg.VietnameseName() : "mức chung")}), áp dụng từ {t.Source.From.ToString("dd/MM/yyyy", Inv)}</dd>
            <dt>Xác nhận ngưỡng</dt><dd id="trace-provenance" data-state="{t.Provenance.State.Key()}">{t.Provenance.Describe()}</dd>
            <dt>Căn cứ pháp lý</dt><dd id="trace-citation">{t.Source.Citation.ToString()}</dd>
            <dt>Nguồn ngưỡng</dt><dd>{ind.ThresholdBasis(t)}</dd>
            <dt>Quy tắc</dt><dd><code>{ind.RuleName}</code>{(i.Rule?.Expression is { } x ? H($": <code>{x}</code>") : Markup.Empty)}</dd>
            <dt>Cơ quan đánh giá</dt><dd>{ind.ResponsibleOffice}</dd>
            <dt>Plugin</dt><dd id="trace-plugin">{p.PluginId} phiên bản {p.PluginVersion}, SHA-256 nội dung <code>{p.PluginContentSha256}</code></dd>
            <dt>Tệp số liệu</dt><dd>{r.Data.File}, SHA-256 <code>{p.DataSha256}</code></dd>
            <dt>Phiên bản</dt><dd>RulesEngine {p.RulesEngineVersion}; NtmRules.Kernel {p.KernelVersion}; đánh giá lúc {p.EvaluatedAt.ToString("yyyy-MM-dd HH:mm:ss", Inv)} UTC</dd>
            </dl>
            <h2>Số liệu đã dùng</h2>
            <table><thead><tr><th>Số liệu</th><th>Khóa</th><th>Giá trị</th><th>Nguồn</th></tr></thead><tbody>{inputs}</tbody></table>
            <h2>Truy vết đầy đủ (như <code>ntm trace --indicator {ind.Code}</code>)</h2>
            <pre id="trace-text">{text.ToString()}</pre>
            """));
    }

    /// <summary>The batch upload form.</summary>
    public static string BatchForm(Workspace w, Markup error = default, string? selected = null)
    {
        var options = Join(w.Host.Sets.Select(s => H($"<option value=\"{s.Set.Id}\"{(s.Set.Id == selected ? new Markup(" selected") : Markup.Empty)}>{s.Set.Id} — {s.Set.Name}</option>"))
            .Append(H($"<option value=\"{Workspace.AutoSet}\"{(selected == Workspace.AutoSet ? new Markup(" selected") : Markup.Empty)}>tự chọn theo tỉnh và ngày (bộ xã NTM có hiệu lực với xã đầu bảng)</option>")));
        return Layout("Tổng hợp nhiều xã", H($"""
            <h1>Tổng hợp kết quả nhiều xã (huyện, tỉnh)</h1>
            {error}
            <section class="card"><form method="post" action="/batches" enctype="multipart/form-data">
            <p><label>Bộ tiêu chí <select name="set" id="batch-set">{options}</select></label></p>
            <p><label for="batch-file">Bảng số liệu (.csv UTF-8 hoặc .xlsx, mỗi dòng một xã; có thể chọn nhiều tệp .json/.csv/.xlsx), tối đa {(w.Options.MaxUploadBytes / 1024 / 1024).ToString(Inv)} MB mỗi tệp:</label><br>
            <input type="file" id="batch-file" name="file" multiple accept=".json,.csv,.xlsx"></p>
            <p><label>Thêm bảng <select name="groupBy" id="batch-group-by"><option value="">(không)</option><option value="province">theo tỉnh</option><option value="group">theo nhóm xã</option><option value="district">theo huyện (cũ, số liệu trước 01/7/2025)</option></select></label></p>
            <p><button type="submit" id="batch-run">Đánh giá và tổng hợp</button></p>
            </form>
            <p class="hint">Cột bắt buộc: <code>name</code>, <code>region</code>, <code>year</code>; tùy chọn <code>code</code>, <code>district</code>, <code>province</code>, <code>specialDifficulty</code>, <code>assessmentDate</code>; rồi các khóa số liệu của bộ tiêu chí. Ô trống là thiếu số liệu.</p></section>
            """));
    }

    /// <summary>A batch's aggregate report, with a chart of criteria met per commune.</summary>
    public static string Batch(WebBatch b)
    {
        var o = b.Outcome;
        var r = o.Report;
        var n = r.Set.Criteria.Count;
        var bands = Join(r.Bands.Select(x => H($"<tr><td>{x.Band.Label}</td><td class=\"num\">{x.Communes}</td></tr>")));
        var criteria = Join(r.Criteria.Select(c => H($"<tr><td class=\"num\">{c.Criterion.Number}</td><td>{c.Criterion.Name}</td><td class=\"num\">{c.Met}/{r.Evaluated}</td></tr>")));
        var closest = Join(r.Closest.Select(c => H($"<tr><td>{c.Name}</td><td>{c.Code ?? ""}</td><td>{c.District ?? ""}</td><td class=\"num\">{c.CriteriaMet}/{n}</td><td>{string.Join(", ", c.UnmetIndicators)}</td></tr>")));
        var districts = r.Groups is { } ds
            ? H($"""
                <h2>{r.Grouping.Title()}</h2><table><thead><tr><th>{r.Grouping.Heading()}</th><th>Số xã</th>{Join(r.Bands.Select(x => H($"<th>{x.Band.Label}</th>")))}<th>Trung bình tiêu chí/xã</th></tr></thead>
                <tbody>{Join(ds.Select(d => H($"<tr><td>{d.Name}</td><td class=\"num\">{d.Communes}</td>{Join(d.Bands.Select(x => H($"<td class=\"num\">{x.Communes}</td>")))}<td class=\"num\">{VietnameseFormat.Fixed(d.AverageCriteriaMet, 1)}</td></tr>")))}</tbody></table>
                """)
            : Markup.Empty;
        var problems = o.Problems.Count == 0 ? Markup.Empty : H($"""
            <section class="errors" role="alert"><h2>Dòng bị loại và cảnh báo ({o.Problems.Count})</h2>
            <ul>{Join(o.Problems.Take(50).Select(p => H($"<li class=\"problem\"><code>{p.ToString()}</code></li>")))}</ul>
            {(o.Problems.Count > 50 ? H($"<p>… và {o.Problems.Count - 50} vấn đề khác, đủ cả trong <a href=\"/batches/{b.Id}/errors.csv\">errors.csv</a>.</p>") : Markup.Empty)}</section>
            """);
        return Layout("Báo cáo tổng hợp", H($"""
            <h1>Báo cáo tổng hợp kết quả đánh giá</h1>
            <p class="facts">Bộ tiêu chí {r.Set.Name} (<code>{r.Set.Id}</code>); tệp {string.Join(", ", b.Files)}</p>
            <section class="summary"><p id="batch-accepted">Đã đánh giá {o.Accepted} xã, loại {o.Rejected} dòng.</p>
            <p id="batch-sentence">{AggregateMarkdownWriter.Sentence(r)}</p></section>
            {problems}
            <section class="downloads"><h2>Tải về</h2><p><a href="/batches/{b.Id}/report.md" download>Báo cáo (.md)</a> · <a href="/batches/{b.Id}/report.xlsx" download>Báo cáo (.xlsx)</a> · <a href="/batches/{b.Id}/errors.csv" download>Các dòng bị loại (errors.csv)</a> · <a href="/batches/{b.Id}/results.csv" download>Kết quả từng xã (results.csv)</a></p></section>
            <h2>Số tiêu chí đạt của từng xã</h2>
            {Chart(o.Communes, n)}
            <h2>Theo mức đạt</h2><table><thead><tr><th>Mức đạt</th><th>Số xã</th></tr></thead><tbody>{bands}</tbody></table>
            {districts}
            <h2>Theo tiêu chí</h2><table><thead><tr><th>TT</th><th>Tiêu chí</th><th>Số xã đạt</th></tr></thead><tbody>{criteria}</tbody></table>
            <h2>Các xã gần đạt mức tiếp theo nhất</h2><table><thead><tr><th>Xã</th><th>Mã xã</th><th>Huyện</th><th>Tiêu chí đạt</th><th>Chỉ tiêu chưa đạt</th></tr></thead><tbody>{closest}</tbody></table>
            """));
    }

    /// <summary>A horizontal bar per commune (at most 100): criteria met out of the set's count.</summary>
    private static Markup Chart(IReadOnlyList<Intake.Batch.CommuneOutcome> communes, int total)
    {
        const int Label = 230, Bar = 420, Row = 24;
        var shown = communes.Take(100).ToArray();
        var height = shown.Length * Row + 30;
        var bars = Join(shown.Select((c, k) =>
        {
            var y = 20 + k * Row;
            var width = total == 0 ? 0 : (int)Math.Round(Bar * (double)c.CriteriaMet / total);
            var color = c.CriteriaMet == total ? "#2e7d32" : "#1565c0";
            var name = c.Name.Length > 32 ? c.Name[..31] + "…" : c.Name;
            return H($"""<g class="bar" data-commune="{c.Name}" data-met="{c.CriteriaMet}"><text x="{Label - 6}" y="{y + 15}" text-anchor="end">{name}</text><rect x="{Label}" y="{y}" width="{width}" height="{Row - 6}" fill="{color}"></rect><text x="{Label + width + 6}" y="{y + 15}">{c.CriteriaMet}/{total}</text></g>""");
        }));
        var ticks = Join(Enumerable.Range(0, 5).Select(k =>
        {
            var value = (int)Math.Round(total * k / 4.0);
            var x = Label + (total == 0 ? 0 : Bar * value / total);
            return H($"""<line x1="{x}" y1="14" x2="{x}" y2="{height - 6}" stroke="#ccc"></line><text x="{x}" y="10" text-anchor="middle" class="tick">{value}</text>""");
        }));
        var more = communes.Count > shown.Length ? H($"<p class=\"hint\">Hiển thị 100 xã đầu trong {communes.Count} xã; báo cáo tải về có đủ.</p>") : Markup.Empty;
        return H($"""
            <svg class="chart" id="batch-chart" role="img" aria-label="Số tiêu chí đạt của từng xã" viewBox="0 0 {Label + Bar + 60} {height}" width="{Label + Bar + 60}" height="{height}" xmlns="http://www.w3.org/2000/svg">{ticks}{bars}</svg>
            {more}
            """);
    }

    /// <summary>Saved records, with a form to compare two of them.</summary>
    public static string History(Workspace w, IReadOnlyList<EvaluationRecord> records, string? commune, Markup error = default)
    {
        var rows = Join(records.Select(r => H($"""
            <tr data-record="{r.Id}"><td class="num">{r.Id}</td><td>{r.CreatedAt}</td><td>{r.CommuneName}{(r.Province is { } p ? ", " + p : "")}<br><a href="/history?commune={Uri.EscapeDataString(r.CommuneKey)}"><code>{r.CommuneKey}</code></a></td><td class="num">{r.Year}</td><td><code>{r.SetId}</code></td><td>{r.Summary}</td><td>{r.PluginId} {r.PluginVersion}<br><code>{r.PluginSha256[..12]}</code></td><td><code>{r.Hash[..12]}</code></td></tr>
            """)));
        var body = records.Count == 0
            ? H($"<p id=\"no-records\">Chưa có bản ghi nào{(string.IsNullOrWhiteSpace(commune) ? "" : " của xã này")}. Đánh giá một xã và bấm “Lưu vào sổ bản ghi”.</p>")
            : H($"""
                <table class="records"><thead><tr><th>Số</th><th>Lưu lúc (UTC)</th><th>Xã</th><th>Năm</th><th>Bộ tiêu chí</th><th>Kết quả</th><th>Plugin</th><th>Hash</th></tr></thead><tbody>{rows}</tbody></table>
                <section class="card"><h2>So sánh hai bản ghi</h2><form method="get" action="/compare">
                <label>Bản ghi trước <input name="a" inputmode="numeric" value="{(records.Count >= 2 ? records[^2].Id : records[0].Id)}"></label>
                <label>Bản ghi sau <input name="b" inputmode="numeric" value="{records[^1].Id}"></label>
                <button type="submit" id="compare">So sánh</button></form></section>
                """);
        return Layout("Lịch sử", H($"""
            <h1>Lịch sử đánh giá đã lưu</h1>
            <p class="facts">Sổ bản ghi: <code>{StoreLocation.Display(w.Options.StorePath)}</code> (chỉ ghi thêm, có chuỗi băm)</p>
            {error}
            <form method="get" action="/history" class="inline"><label>Lọc theo xã (mã xã, hoặc “tên|tỉnh”) <input name="commune" value="{commune ?? ""}"></label> <button type="submit">Lọc</button></form>
            {body}
            """));
    }

    /// <summary>Two records side by side, as <c>ntm compare</c> writes them.</summary>
    public static string Compare(RecordComparison c)
    {
        Markup Part(string kind, IReadOnlyList<ComparedItem> items) => H($"""
            <h2>{kind}</h2>
            {Join(ChangeSections.InReportOrder.Select(sec =>
            {
                var selected = items.Where(i => i.Change == sec.Change).ToArray();
                if (selected.Length == 0) return Markup.Empty;
                if (sec.Change == Change.Unchanged) return H($"<p>{sec.Title}: {selected.Length}</p>");
                return H($"""
                    <h3 class="change-{sec.Change.ToString().ToLowerInvariant()}">{sec.Title}: {selected.Length}</h3>
                    <table><thead><tr><th>Mã</th><th>Nội dung</th><th>Trước</th><th>Sau</th><th>Số liệu</th></tr></thead><tbody>
                    {Join(selected.Select(i => H($"<tr><td>{i.Code}</td><td>{i.Name}</td><td>{i.StatusBefore ?? "—"}</td><td>{i.StatusAfter ?? "—"}</td><td>{(i.FigureBefore is null && i.FigureAfter is null ? "" : $"{i.FigureBefore ?? "—"} → {i.FigureAfter ?? "—"}")}</td></tr>")))}
                    </tbody></table>
                    """);
            }))}
            """);
        return Layout("So sánh bản ghi", H($"""
            <p><a href="/history">← Lịch sử</a></p>
            <h1>So sánh bản ghi {c.Before.Id} và {c.After.Id}</h1>
            <p class="facts">Trước: bản ghi {c.Before.Id} — {c.Before.CommuneName} {c.Before.Year}, <code>{c.Before.SetId}</code>: {c.Before.Summary}<br>
            Sau: bản ghi {c.After.Id} — {c.After.CommuneName} {c.After.Year}, <code>{c.After.SetId}</code>: {c.After.Summary}</p>
            {Part("Tiêu chí", c.Criteria)}
            {Part("Chỉ tiêu", c.Indicators)}
            """));
    }

    /// <summary>A page that only says what went wrong.</summary>
    public static string Error(string title, Markup box) => Layout(title, H($"<h1>{title}</h1>{box}<p><a href=\"/\">← Trang chủ</a></p>"));

    /// <summary>The style sheet (served at /app.css; no inline styles, so the CSP can forbid them).</summary>
    public const string Css = """
        body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #1b1b1b; background: #f7f7f5; }
        header.top { background: #14532d; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 2rem; align-items: center; flex-wrap: wrap; }
        header.top a { color: #fff; text-decoration: none; margin-right: 1.2rem; }
        header.top .brand { font-weight: bold; font-size: 1.15rem; }
        main { padding: 1rem 1.5rem; max-width: 1200px; }
        footer { color: #666; font-size: .8rem; padding: 1rem 1.5rem; }
        table { border-collapse: collapse; background: #fff; margin: .5rem 0 1rem; width: 100%; }
        th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #eef2ee; }
        tr.criterion th { background: #f0f4f8; }
        td.num { text-align: right; }
        .facts { color: #444; font-size: .92rem; }
        .card, .summary, .downloads { background: #fff; border: 1px solid #ddd; padding: .6rem 1rem; margin: 1rem 0; }
        .summary strong { font-size: 1.3rem; }
        .counts { list-style: none; padding: 0; display: flex; gap: 1.5rem; }
        .status { display: inline-block; padding: .05rem .5rem; border-radius: .8rem; font-size: .9rem; white-space: nowrap; }
        .st-dat { background: #d7f0d9; color: #1b5e20; }
        .st-chua-dat { background: #fbd5d5; color: #8e1b1b; }
        .st-thieu-so-lieu { background: #fff0c2; color: #7a5200; }
        .st-khong-ap-dung { background: #e4e4e4; color: #444; }
        .errors { background: #fff4f4; border: 1px solid #e0a0a0; padding: .5rem 1rem; margin: 1rem 0; }
        .errors code { white-space: pre-wrap; }
        .saved { color: #1b5e20; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: .5rem 1rem; }
        .grid label { display: flex; flex-direction: column; }
        form.inline { display: inline; }
        .button, button { background: #14532d; color: #fff; border: 0; padding: .35rem .9rem; border-radius: .25rem; text-decoration: none; cursor: pointer; }
        pre { background: #fff; border: 1px solid #ddd; padding: .6rem; white-space: pre-wrap; font-size: .85rem; }
        dl.trace { display: grid; grid-template-columns: 12rem 1fr; gap: .3rem 1rem; background: #fff; border: 1px solid #ddd; padding: .6rem 1rem; }
        dl.trace dt { font-weight: bold; }
        dl.trace dd { margin: 0; overflow-wrap: anywhere; }
        svg.chart { background: #fff; border: 1px solid #ddd; font-size: 12px; max-width: 100%; height: auto; }
        .hint { color: #555; font-size: .9rem; }
        """;
}

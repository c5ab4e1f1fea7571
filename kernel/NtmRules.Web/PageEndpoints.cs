using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NtmRules.Application;
using NtmRules.Intake.Forms;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using static NtmRules.Web.Html;
using static NtmRules.Web.Pages;

namespace NtmRules.Web;

/// <summary>The pages: server-rendered HTML, forms that post back, downloads.</summary>
internal static class PageEndpoints
{
    private static IResult Page(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static IResult NotFound(string what) => Page(Pages.Error("Không tìm thấy", H($"<p>{what}</p>")), 404);

    private const string EvaluationGone = "Không tìm thấy kết quả đánh giá này: máy chủ chỉ giữ các kết quả gần nhất trong bộ nhớ (và không giữ qua lần khởi động lại). Hãy đánh giá lại, hoặc lưu vào sổ bản ghi.";

    private static CompiledCriteriaSet? FindSet(Workspace w, string id) => w.Host.Sets.FirstOrDefault(s => s.Set.Id == id);

    public static void Map(WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        MapSets(pages);
        MapEvaluations(pages);
        MapPluginsAndBatches(pages);
        MapRecords(pages);
    }

    /// <summary>The home page and the set pages: upload, Excel form, typed figures.</summary>
    private static void MapSets(RouteGroupBuilder pages)
    {
        pages.MapGet("/app.css", () => Results.Text(Pages.Css, "text/css; charset=utf-8"));

        pages.MapGet("/", (Workspace w) => Page(Pages.Home(w)));

        pages.MapGet("/sets/{id}", (Workspace w, string id) =>
            FindSet(w, id) is { } s ? Page(Pages.Set(w, s)) : NotFound($"Không có bộ tiêu chí \"{id}\"."));

        pages.MapGet("/sets/{id}/form.xlsx", (Workspace w, string id) =>
            FindSet(w, id) is { } s
                ? Results.File(XlsxWriter.ToBytes(FormWriter.Sheets(s.Set)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "bieu-mau-" + s.Set.Id + ".xlsx")
                : NotFound($"Không có bộ tiêu chí \"{id}\"."));

        pages.MapPost("/sets/{id}/evaluate", async (Workspace w, HttpRequest request, string id, CancellationToken cancel) =>
        {
            if (FindSet(w, id) is not { } s) return NotFound($"Không có bộ tiêu chí \"{id}\".");
            try
            {
                var form = await Uploads.ReadFormAsync(request, w.Options.MaxUploadBytes, cancel);
                return await SaveAndShow(w, await w.EvaluateAsync(s.Set.Id, Uploads.SingleFile(form), cancel), form["save"] == "true", cancel);
            }
            catch (UploadException e)
            {
                return Page(Pages.Set(w, s, ErrorBox(e.Message, [])), e.Status);
            }
            catch (NtmException e)
            {
                return Page(Pages.Set(w, s, ErrorBox(ProblemJson.TitleOf(e), e.Problems)), ProblemJson.StatusOf(e));
            }
        });

        pages.MapPost("/sets/{id}/form", async (Workspace w, HttpRequest request, string id, CancellationToken cancel) =>
        {
            if (FindSet(w, id) is not { } s) return NotFound($"Không có bộ tiêu chí \"{id}\".");
            Dictionary<string, string>? typed = null;
            try
            {
                var form = await Uploads.ReadFormAsync(request, w.Options.MaxUploadBytes, cancel);
                typed = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
                var e = await w.EvaluateAsync(s.Set.Id, Uploads.Typed(w, s.Set, form), cancel);
                return await SaveAndShow(w, e, form["save"] == "true", cancel);
            }
            catch (UploadException e)
            {
                return Page(Pages.Set(w, s, ErrorBox(e.Message, []), typed), e.Status);
            }
            catch (NtmException e)
            {
                return Page(Pages.Set(w, s, ErrorBox(ProblemJson.TitleOf(e), e.Problems), typed), ProblemJson.StatusOf(e));
            }
        });
    }

    /// <summary>An evaluation's pages and downloads: result, save, trace, draft.</summary>
    private static void MapEvaluations(RouteGroupBuilder pages)
    {
        pages.MapGet("/evaluations/{id}", (Workspace w, string id) =>
            w.Evaluations.Get(id) is { } e ? Page(Pages.Evaluation(w, e)) : NotFound(EvaluationGone));

        pages.MapPost("/evaluations/{id}/save", async (Workspace w, string id, CancellationToken cancel) =>
        {
            if (w.Evaluations.Get(id) is not { } e) return NotFound(EvaluationGone);
            try
            {
                await w.SaveAsync(e, cancel);
                return Results.Redirect($"/evaluations/{id}", permanent: false, preserveMethod: false);
            }
            catch (NtmException x)
            {
                return Page(Pages.Evaluation(w, e, ErrorBox("Không lưu được: " + ProblemJson.TitleOf(x), x.Problems)), ProblemJson.StatusOf(x));
            }
        });

        pages.MapGet("/evaluations/{id}/indicators/{code}", (Workspace w, string id, string code) =>
        {
            if (w.Evaluations.Get(id) is not { } e) return NotFound(EvaluationGone);
            var i = e.Result.Indicators.Where(x => x.Indicator.Code == code).Select(x => (IndicatorResult?)x).FirstOrDefault();
            return i is not { } found ? NotFound($"Bộ {e.Result.Set.Id} không có chỉ tiêu \"{code}\".") : Page(Pages.Trace(e, found));
        });

        pages.MapGet("/evaluations/{id}/draft.{format}", (Workspace w, string id, string format) =>
        {
            if (w.Evaluations.Get(id) is not { } e) return NotFound(EvaluationGone);
            try
            {
                var draft = w.Draft(e, DraftFormats.FromName(format, "format"));
                return Results.File(draft.Bytes, draft.ContentType, draft.FileName);
            }
            catch (NtmException x)
            {
                return Page(Pages.Error("Không lập được dự thảo", ErrorBox(ProblemJson.TitleOf(x), x.Problems)), ProblemJson.StatusOf(x));
            }
        });

        pages.MapGet("/evaluations/{id}/result.json", (Workspace w, string id) =>
            w.Evaluations.Get(id) is { } e ? Download(EvaluationJson(e), "application/json; charset=utf-8", "ket-qua-" + id[..8] + ".json") : NotFound(EvaluationGone));

        pages.MapGet("/evaluations/{id}/trace.json", (Workspace w, string id) =>
            w.Evaluations.Get(id) is { } e ? Download(TraceText(e, e.Result.Indicators, json: true), "application/json; charset=utf-8", "truy-vet-" + id[..8] + ".json") : NotFound(EvaluationGone));

        pages.MapGet("/evaluations/{id}/trace.txt", (Workspace w, string id) =>
            w.Evaluations.Get(id) is { } e ? Download(TraceText(e, e.Result.Indicators, json: false), "text/plain; charset=utf-8", "truy-vet-" + id[..8] + ".txt") : NotFound(EvaluationGone));
    }

    /// <summary>Web installs of plugin packages, and batches.</summary>
    private static void MapPluginsAndBatches(RouteGroupBuilder pages)
    {
        pages.MapPost("/plugins", async (Workspace w, HttpRequest request, CancellationToken cancel) =>
        {
            try
            {
                w.EnsurePluginInstallAllowed();
                var form = await Uploads.ReadFormAsync(request, w.Options.MaxUploadBytes, cancel);
                var installed = w.InstallPlugin(await Uploads.SavePackageAsync(w, Uploads.SingleFile(form), cancel));
                var signature = installed.Package.Signature;
                return Page(Pages.Home(w, H($"""<section class="card notice"><p>Đã cài plugin <code>{installed.Package.Manifest.PluginId}</code> phiên bản {installed.Package.Manifest.Version}; chữ ký: {signature.Label}.</p></section>""")), 201);
            }
            catch (UploadException e)
            {
                return Page(Pages.Home(w, ErrorBox(e.Message, [])), e.Status);
            }
            catch (NtmException e)
            {
                return Page(Pages.Home(w, ErrorBox(ProblemJson.TitleOf(e), e.Problems)), ProblemJson.StatusOf(e));
            }
        });

        pages.MapGet("/batches", (Workspace w) => Page(Pages.BatchForm(w)));

        pages.MapPost("/batches", async (Workspace w, HttpRequest request, CancellationToken cancel) =>
        {
            string? set = null;
            var uploads = new List<UploadedFile>();
            try
            {
                var form = await Uploads.ReadFormAsync(request, w.Options.MaxUploadBytes, cancel);
                set = form["set"].ToString();
                var files = form.Files.GetFiles("file").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToArray();
                if (files.Length == 0) throw new UploadException(400, "Chưa chọn tệp số liệu để tải lên.");
                foreach (var f in files) uploads.Add(await Uploads.SaveAsync(w, f, cancel));
                var batch = await w.RunBatchAsync(set, uploads, Workspace.Grouping(form["groupBy"]), cancel);
                return Results.Redirect($"/batches/{batch.Id}");
            }
            catch (UploadException e)
            {
                foreach (var u in uploads) File.Delete(u.Path);
                return Page(Pages.BatchForm(w, ErrorBox(e.Message, []), set), e.Status);
            }
            catch (NtmException e)
            {
                return Page(Pages.BatchForm(w, ErrorBox(ProblemJson.TitleOf(e), e.Problems), set), ProblemJson.StatusOf(e));
            }
        });

        pages.MapGet("/batches/{id}", (Workspace w, string id) =>
            w.Batches.Get(id) is { } b ? Page(Pages.Batch(b)) : NotFound("Không tìm thấy kết quả tổng hợp này (máy chủ chỉ giữ các lần tổng hợp gần nhất)."));

        pages.MapGet("/batches/{id}/{file}", (Workspace w, string id, string file) =>
            w.Batches.Get(id) is { } b && Workspace.BatchFile(b, file) is { } path && File.Exists(path)
                ? Results.File(path, ContentTypeOf(file), file)
                : NotFound("Không có tệp này."));
    }

    /// <summary>The record store: history and comparison.</summary>
    private static void MapRecords(RouteGroupBuilder pages)
    {
        pages.MapGet("/history", async (Workspace w, string? commune, CancellationToken cancel) =>
        {
            try
            {
                return Page(Pages.History(w, await w.HistoryAsync(commune, cancel), commune));
            }
            catch (NtmException e)
            {
                return Page(Pages.History(w, [], commune, ErrorBox(ProblemJson.TitleOf(e), e.Problems)), ProblemJson.StatusOf(e));
            }
        });

        pages.MapGet("/compare", async (Workspace w, string? a, string? b, CancellationToken cancel) =>
        {
            if (!long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var before) || !long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
                return Page(Pages.History(w, await w.HistoryAsync(null, cancel), null, ErrorBox("Số bản ghi phải là số nguyên dương.", [])), 400);
            try
            {
                return Page(Pages.Compare(await w.CompareAsync(before, after, cancel)));
            }
            catch (NtmException e)
            {
                return Page(Pages.Error("Không so sánh được", ErrorBox(ProblemJson.TitleOf(e), e.Problems)), ProblemJson.StatusOf(e));
            }
        });
    }

    private static async Task<IResult> SaveAndShow(Workspace w, WebEvaluation e, bool save, CancellationToken cancel)
    {
        if (save)
        {
            try
            {
                await w.SaveAsync(e, cancel);
            }
            catch (NtmException x)
            {
                return Page(Pages.Evaluation(w, e, ErrorBox("Đã đánh giá nhưng không lưu: " + ProblemJson.TitleOf(x), x.Problems)), ProblemJson.StatusOf(x));
            }
        }
        return Results.Redirect($"/evaluations/{e.Id}");
    }

    private static IResult Download(string text, string contentType, string name) =>
        Results.File(new System.Text.UTF8Encoding(false).GetBytes(text), contentType, name);

    internal static string EvaluationJson(WebEvaluation e)
    {
        var w = new StringWriter { NewLine = "\n" };
        EvaluationJsonWriter.Write(e.Result, w);
        return w.ToString();
    }

    internal static string TraceText(WebEvaluation e, IEnumerable<IndicatorResult> indicators, bool json)
    {
        var w = new StringWriter { NewLine = "\n" };
        if (json) TraceJsonWriter.Write(e.Result, indicators, e.Provenance, w);
        else TraceTextWriter.Write(e.Result, indicators, e.Provenance, w);
        return w.ToString();
    }

    internal static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".md" => "text/markdown; charset=utf-8",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    };
}

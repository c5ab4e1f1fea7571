using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NtmRules.Intake.Thresholds;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Loading;
using NtmRules.Packaging;
using static NtmRules.Web.Html;

namespace NtmRules.Web;

/// <summary>
/// The set page's threshold round trip (<c>ntm plugin thresholds</c> on the web), only when the
/// operator passed <c>--allow-plugin-install</c>: download the verification workbook, upload it filled,
/// and get the new data-only plugin as a zip to validate, sign and install — never installed unsigned.
/// Same use case as the CLI (<see cref="ThresholdApplier"/>).
/// </summary>
internal static class ThresholdEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/sets/{id}/thresholds.xlsx", (Workspace w, string id) => Guarded(w, id, s =>
            Results.File(ThresholdSheet.Export(s.Set), Xlsx, "nguong-" + s.Set.Id + ".xlsx")));

        pages.MapPost("/sets/{id}/thresholds", async (Workspace w, HttpRequest request, string id, CancellationToken cancel) =>
        {
            if (w.Host.Sets.FirstOrDefault(s => s.Set.Id == id) is not { } set) return Page(Pages.Error("Không tìm thấy", H($"<p>Không có bộ tiêu chí \"{id}\".</p>")), 404);
            try
            {
                w.EnsurePluginInstallAllowed();
                var form = await Uploads.ReadFormAsync(request, w.Options.MaxUploadBytes, cancel);
                var upload = await Uploads.SaveAsync(w, Uploads.SingleFile(form), cancel);
                var folder = Path.Combine(w.DataFolder, "thresholds", BoundedCache<WebEvaluation>.NewId());
                try
                {
                    var result = await ThresholdApplier.ApplyAsync(w.Host, set.Set.Id, upload.Path, upload.DisplayName, Path.Combine(folder, "plugin"),
                        dir => PluginHost.LoadCandidate(dir, w.Options.PluginsFolder, [w.Templates],
                            w.Options.Verifier is { } v ? new CandidatePluginVerifier(v, dir) : null), cancel);
                    Prune(Path.GetDirectoryName(folder)!, w.Options.MaxBatches);
                    return Page(Applied(set, result, Path.GetFileName(folder)), 201);
                }
                finally
                {
                    File.Delete(upload.Path);
                }
            }
            catch (UploadException e)
            {
                return Page(Pages.Set(w, set, Pages.ErrorBox(e.Message, [])), e.Status);
            }
            catch (NtmException e)
            {
                return Page(Pages.Set(w, set, Pages.ErrorBox(ProblemJson.TitleOf(e), e.Problems)), ProblemJson.StatusOf(e));
            }
        });

        pages.MapGet("/thresholds/{run}/plugin.zip", (Workspace w, string run) =>
        {
            try
            {
                w.EnsurePluginInstallAllowed();
            }
            catch (UploadException e)
            {
                return Page(Pages.Error("Không được phép", H($"<p>{e.Message}</p>")), e.Status);
            }
            var folder = Path.Combine(w.DataFolder, "thresholds", run, "plugin");
            if (!IsRunId(run) || !Directory.Exists(folder)) return Page(Pages.Error("Không tìm thấy", H($"<p>Không có plugin này.</p>")), 404);
            return Results.File(Zip(folder), "application/zip", "plugin-" + run[..8] + ".zip");
        });
    }

    /// <summary>A run id as <see cref="BoundedCache{T}.NewId"/> makes it: 32 lowercase hex digits, so that it never names another path.</summary>
    private static bool IsRunId(string run) => run.Length == 32 && run.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>Keeps the <paramref name="keep"/> newest applied plugins, so that the data folder stays bounded.</summary>
    private static void Prune(string runs, int keep)
    {
        foreach (var old in new DirectoryInfo(runs).GetDirectories().OrderByDescending(d => d.CreationTimeUtc).Skip(Math.Max(1, keep)))
            old.Delete(recursive: true);
    }

    private static IResult Page(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static IResult Guarded(Workspace w, string id, Func<CompiledCriteriaSet, IResult> body)
    {
        try
        {
            w.EnsurePluginInstallAllowed();
        }
        catch (UploadException e)
        {
            return Page(Pages.Error("Không được phép", H($"<p>{e.Message}</p>")), e.Status);
        }
        return w.Host.Sets.FirstOrDefault(s => s.Set.Id == id) is { } set ? body(set) : Page(Pages.Error("Không tìm thấy", H($"<p>Không có bộ tiêu chí \"{id}\".</p>")), 404);
    }

    /// <summary>The set page's section: export and apply, only when web installs are allowed.</summary>
    public static Markup Section(Workspace w, CriteriaSet set) => !w.Options.AllowPluginInstall ? Markup.Empty : H($"""
        <section class="card" id="thresholds"><h2>Đối chiếu ngưỡng với quyết định</h2>
        <p>Ngưỡng của bộ: {set.ProvenanceSummary()}. <a id="thresholds-export" href="/sets/{Segment(set.Id)}/thresholds.xlsx">Tải bảng ngưỡng (Excel)</a>, điền các ngưỡng đã đối chiếu với văn bản quyết định rồi tải lên: máy chủ tạo phiên bản plugin mới (chỉ dữ liệu) để kiểm tra, ký và cài.</p>
        <form method="post" action="/sets/{Segment(set.Id)}/thresholds" enctype="multipart/form-data">
        <p><input type="file" name="file" accept=".xlsx"> <button type="submit" id="thresholds-apply">Áp dụng bảng đã đối chiếu</button></p>
        </form></section>
        """);

    private static string Applied(CompiledCriteriaSet set, ThresholdApplyResult r, string run)
    {
        var edits = Join(r.Edits.Select(e => H($"<li>Dòng {e.Row}: chỉ tiêu {e.Indicator.Code}, {e.Place}: {e.Indicator.Threshold.Operator.Symbol()} {VietnameseFormat.Value(e.NewValue, e.Indicator.ValueUnit)} ({e.Location})</li>")));
        var changes = Join(r.Changes.Select(c => H($"<li><code>{c.File}</code> ({c.Case}): chỉ tiêu {c.Code}: {c.Before.Label()} → {c.After.Label()}</li>")));
        return Pages.Layout("Ngưỡng đã đối chiếu", H($"""
            <h1>Phiên bản plugin mới cho bộ {set.Set.Id}</h1>
            <p id="thresholds-result">Plugin <code>{r.PluginId}</code> phiên bản {r.Version} (bộ <code>{r.SetId}</code>): {r.Edits.Count} ngưỡng chuyển sang "đã xác nhận"; đã nạp và kiểm tra; chạy {r.Cases} ca kiểm thử, {r.Changes.Count} kết quả thay đổi.</p>
            <ul>{edits}</ul>
            <h2>Kết quả ca kiểm thử thay đổi</h2><ul id="thresholds-changes">{changes}</ul>
            <p><a id="thresholds-download" href="/thresholds/{run}/plugin.zip">Tải plugin (zip)</a> — ký bằng <code>ntm plugin pack</code> rồi cài như mọi plugin.</p>
            """));
    }

    private static byte[] Zip(string folder)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                zip.CreateEntryFromFile(file, Path.GetRelativePath(folder, file).Replace('\\', '/'));
        }
        return output.ToArray();
    }
}

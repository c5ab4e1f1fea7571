using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Portal;
using NtmRules.Records;

namespace NtmRules.Web.Portal;

/// <summary>
/// Submission and review: the list of dossiers an account may read, one page per commune and year,
/// and the three moves (submit, return, accept). Who may move what is <see cref="ReviewWorkflow"/>'s
/// decision; each move is a review step in the record store's hash chain, naming the account.
/// </summary>
internal static class ReviewEndpoints
{
    private const string CommentPrefix = "y-kien.";

    public static void Map(WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/ho-so", async (HttpContext context, Workspace w, CancellationToken cancel) =>
        {
            var account = PortalClaimsFactory.AccountOf(context.User)!;
            var lines = w.HasStore ? await w.WithStoreAsync(s => Dossiers.List(s, account), create: false, cancel) : [];
            return SignInEndpoints.Page(ReviewPages.List(account, lines));
        });

        pages.MapGet("/ho-so/{commune}/{year}", async (HttpContext context, Workspace w, string commune, string year, CancellationToken cancel) =>
            await Show(context, w, commune, year, null, 200, cancel));

        pages.MapPost("/ho-so/{commune}/{year}/nop", (HttpContext c, Workspace w, string commune, string year, CancellationToken cancel) =>
            Move(c, w, commune, year, ReviewAction.Submitted, cancel));
        pages.MapPost("/ho-so/{commune}/{year}/tra-lai", (HttpContext c, Workspace w, string commune, string year, CancellationToken cancel) =>
            Move(c, w, commune, year, ReviewAction.Returned, cancel));
        pages.MapPost("/ho-so/{commune}/{year}/chap-nhan", (HttpContext c, Workspace w, string commune, string year, CancellationToken cancel) =>
            Move(c, w, commune, year, ReviewAction.Accepted, cancel));
    }

    /// <summary>The dossier page, or 404 when there is none the account may read (another commune's looks the same as a missing one).</summary>
    private static async Task<IResult> Show(HttpContext context, Workspace w, string commune, string year, string? error, int status, CancellationToken cancel)
    {
        var account = PortalClaimsFactory.AccountOf(context.User)!;
        var view = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && w.HasStore
            ? await w.WithStoreAsync(s => Dossiers.Load(s, commune, y), create: false, cancel)
            : null;
        if (view is null || !account.MayRead(commune, view.Dossier.Province))
            return SignInEndpoints.Page(Pages.Error("Không tìm thấy", Html.H($"<p>Không có hồ sơ của xã \"{commune}\" năm {year} trong phạm vi tài khoản này (xã chưa lưu bản ghi nào của năm đó, hoặc không thuộc phạm vi).</p>")), 404);
        return SignInEndpoints.Page(ReviewPages.Dossier(account, view, error), status);
    }

    private static async Task<IResult> Move(HttpContext context, Workspace w, string commune, string year, ReviewAction action, CancellationToken cancel)
    {
        var account = PortalClaimsFactory.AccountOf(context.User)!;
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || !w.HasStore)
            return await Show(context, w, commune, year, null, 404, cancel);
        var form = await context.Request.ReadFormAsync(cancel);
        long? record = long.TryParse(form["record"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;
        var comments = form.Keys.Where(k => k.StartsWith(CommentPrefix, StringComparison.Ordinal))
            .OrderBy(k => k, StringComparer.Ordinal)
            .Select(k => new IndicatorComment(k[CommentPrefix.Length..], form[k].ToString())).ToArray();
        try
        {
            await w.WithStoreAsync(s => Dossiers.Take(s, account, commune, y, action, record, form["comment"].ToString(), comments, DateTimeOffset.UtcNow), create: false, cancel);
            return Results.Redirect($"/ho-so/{Uri.EscapeDataString(commune)}/{y.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (ReviewRefusedException e)
        {
            return await Show(context, w, commune, year, e.Message, StatusCodes.Status409Conflict, cancel);
        }
        catch (NtmException e)
        {
            return await Show(context, w, commune, year, ProblemJson.TitleOf(e) + ": " + string.Join("; ", e.Problems.Select(p => p.Message)), ProblemJson.StatusOf(e), cancel);
        }
    }
}

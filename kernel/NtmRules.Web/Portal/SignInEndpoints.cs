using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;
using static NtmRules.Web.Html;

namespace NtmRules.Web.Portal;

/// <summary>Signing in and out (name and password through Identity, lockout after repeated failures; optionally OpenID Connect).</summary>
internal static class SignInEndpoints
{
    private const string Failed = "Tên tài khoản hoặc mật khẩu không đúng, hoặc tài khoản đang bị khoá.";

    public static void Map(WebApplication app, PortalOptions portal)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/dang-nhap", (string? returnUrl) => Page(SignInPage(returnUrl, null, portal.OpenId is not null)));

        pages.MapPost("/dang-nhap", async (HttpContext context, SignInManager<PortalUser> signIn, AccessLog log) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var name = form["userName"].ToString().Trim();
            var returnUrl = form["returnUrl"].ToString();
            var result = name.Length == 0 ? SignInResult.Failed : await signIn.PasswordSignInAsync(name, form["password"].ToString(), isPersistent: false, lockoutOnFailure: true);
            log.SignIn(context, name, result.Succeeded ? "ok" : result.IsLockedOut ? "bi-khoa" : result.IsNotAllowed ? "khong-duoc-phep" : "sai");
            if (!result.Succeeded)
            {
                var message = result.IsLockedOut
                    ? $"Tài khoản tạm khoá vì nhập sai mật khẩu {AccountsDatabase.MaxFailedSignIns} lần liên tiếp; thử lại sau {AccountsDatabase.LockoutDuration.TotalMinutes} phút."
                    : Failed;
                return Page(SignInPage(returnUrl, message, portal.OpenId is not null), StatusCodes.Status401Unauthorized);
            }
            var home = (await signIn.UserManager.FindByNameAsync(name))?.Role == PortalRole.QuanTri.Key() ? "/quan-tri/tai-khoan" : "/ho-so";
            return Results.Redirect(LocalOr(returnUrl, home));
        }).RequireRateLimiting(PortalSetup.SignInPolicy);

        pages.MapPost("/dang-xuat", async (SignInManager<PortalUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/dang-nhap");
        });

        if (portal.OpenId is not null) OpenIdSignIn.Map(pages);
    }

    /// <summary>Only a path on this server is followed after sign-in (no open redirect to another site).</summary>
    internal static string LocalOr(string? url, string home) =>
        url is { Length: > 1 } u && u[0] == '/' && u[1] != '/' && u[1] != '\\' ? u : home;

    internal static IResult Page(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static string SignInPage(string? returnUrl, string? error, bool openId) => Pages.Layout("Đăng nhập", H($"""
        <h1>Đăng nhập cổng thông tin nông thôn mới</h1>
        {(error is null ? Markup.Empty : H($"<section class=\"errors\" role=\"alert\"><p id=\"sign-in-error\">{error}</p></section>"))}
        <section class="card signin"><form method="post" action="/dang-nhap">
        <input type="hidden" name="returnUrl" value="{returnUrl ?? ""}">
        <label>Tên tài khoản <input id="userName" name="userName" autocomplete="username" required></label>
        <label>Mật khẩu <input id="password" name="password" type="password" autocomplete="current-password" required></label>
        <p><button type="submit" id="sign-in">Đăng nhập</button></p></form>
        {(openId ? H($"""<p><a class="button" href="/dang-nhap/oidc">Đăng nhập bằng tài khoản của tỉnh (OpenID Connect)</a></p>""") : Markup.Empty)}
        <p>Tài khoản do quản trị viên của tỉnh cấp. Nhập sai mật khẩu {AccountsDatabase.MaxFailedSignIns} lần liên tiếp thì tài khoản bị khoá {AccountsDatabase.LockoutDuration.TotalMinutes} phút.</p></section>
        """));
}

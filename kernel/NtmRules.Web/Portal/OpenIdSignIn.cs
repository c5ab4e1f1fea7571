using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NtmRules.Portal.Accounts;
using static NtmRules.Web.Html;

namespace NtmRules.Web.Portal;

/// <summary>
/// Sign-in through the province's OpenID Connect provider. The provider proves who the person is;
/// the account here (found by the name in <see cref="OpenIdOptions.NameClaim"/>) decides the role,
/// commune and province, and a disabled or unknown account is refused.
/// </summary>
internal static class OpenIdSignIn
{
    public static void Add(AuthenticationBuilder auth, OpenIdOptions oidc)
    {
        auth.Services.AddSingleton(oidc);
        auth.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o =>
    {
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.ClientSecret;
        o.ResponseType = "code";
        o.UsePkce = true;
        o.SignInScheme = IdentityConstants.ExternalScheme;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.MapInboundClaims = false;
        o.SaveTokens = false;
    });
    }

    public static void Map(RouteGroupBuilder pages)
    {
        pages.MapGet("/dang-nhap/oidc", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/dang-nhap/oidc/xong" }, [OpenIdConnectDefaults.AuthenticationScheme]));
        pages.MapGet("/dang-nhap/oidc/xong", async (HttpContext context, SignInManager<PortalUser> signIn, AccessLog log, OpenIdOptions oidc) =>
        {
            var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await context.SignOutAsync(IdentityConstants.ExternalScheme);
            var name = external.Principal?.FindFirst(oidc.NameClaim)?.Value;
            var user = name is null ? null : await signIn.UserManager.FindByNameAsync(name);
            if (user is null || !await signIn.CanSignInAsync(user))
            {
                log.SignIn(context, name ?? "-", "oidc-khong-co-tai-khoan");
                return SignInEndpoints.Page(Pages.Error("Không đăng nhập được", H($"<p>Nhà cung cấp định danh đã xác nhận \"{name ?? "(không có tên)"}\", nhưng cổng thông tin không có tài khoản đang hoạt động mang tên này. Xin liên hệ quản trị viên.</p>")), 403);
            }
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "oidc");
            log.SignIn(context, name!, "oidc-ok");
            return Results.Redirect("/ho-so");
        });
    }
}

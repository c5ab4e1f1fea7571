using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Localization;
using NtmRules.Portal;
using NtmRules.Portal.Accounts;
using NtmRules.Web.Localization;

namespace NtmRules.Web.Portal;

/// <summary>Turns <c>ntm serve</c> into the province portal: accounts, cookies, HTTPS rule, rate limit, the gate, and the portal's pages.</summary>
internal static class PortalSetup
{
    public const string SignInPolicy = "dang-nhap";

    /// <summary>
    /// The portal refuses plain HTTP beyond loopback (passwords and session cookies would cross the
    /// network in clear) and an https:// address without a certificate.
    /// </summary>
    /// <exception cref="InputException">An address the portal will not listen on.</exception>
    public static void CheckAddresses(IEnumerable<Uri> urls, PortalOptions portal)
    {
        foreach (var u in urls)
        {
            if (u.Scheme == Uri.UriSchemeHttps && portal.Certificate is null)
                throw new InputException(new Problem(Severity.Error, MessageText.Format(WebMessages.HttpsNeedsCertificate, u), Field: "--certificate"));
            if (u.Scheme == Uri.UriSchemeHttp && !IsLoopback(u.Host))
                throw new InputException(new Problem(Severity.Error, MessageText.Format(WebMessages.PlainHttpRefused, u), Field: "--urls"));
        }
    }

    public static bool IsLoopback(string host)
    {
        var h = host.Trim('[', ']');
        return h.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(h, out var ip) && IPAddress.IsLoopback(ip));
    }

    public static void AddServices(IServiceCollection services, WebOptions options, PortalOptions portal, bool https)
    {
        var secure = https ? Microsoft.AspNetCore.Http.CookieSecurePolicy.Always : Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        var log = new AccessLog(portal.AccessLogPath ?? Path.Combine(Path.GetFullPath(options.DataFolder), "access.log"));
        services.AddSingleton(log);
        services.AddHttpContextAccessor();
        services.TryAddScoped<IUserConfirmation<PortalUser>, DefaultUserConfirmation<PortalUser>>();
        services.AddPortalAccounts(portal.AccountsConnection)
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddSignInManager<PortalSignInManager>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        var auth = services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        auth.AddIdentityCookies(c => c.ApplicationCookie!.Configure(o =>
        {
            o.Cookie.Name = "ntm.phien";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
            o.LoginPath = "/dang-nhap";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        }));
        if (portal.OpenId is { } oidc) OpenIdSignIn.Add(auth, oidc);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ntm.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (c, cancel) =>
            {
                log.Denied(c.HttpContext, 429, null);
                c.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await c.HttpContext.Response.WriteAsync(Pages.Error("Quá nhiều lần đăng nhập",
                    Html.H($"<p>Máy này đã thử đăng nhập quá nhiều lần trong một phút. Xin chờ một phút rồi thử lại.</p>")), cancel);
            };
            o.AddPolicy(SignInPolicy, c => RateLimitPartition.GetFixedWindowLimiter(c.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = portal.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    /// <summary>The portal's middleware (after the security headers) and pages; creates the accounts tables when missing.</summary>
    public static void Use(WebApplication app, PortalOptions portal)
    {
        AccountsDatabase.EnsureCreatedAsync(app.Services).GetAwaiter().GetResult();
        var workspace = app.Services.GetRequiredService<Workspace>();
        var context = app.Services.GetRequiredService<IHttpContextAccessor>();
        // Outside a request (the server itself) nothing is refused; inside one, the signed-in account decides.
        workspace.SaveRefusal = e => context.HttpContext is { } c ? SaveRefusal(PortalClaimsFactory.AccountOf(c.User), e) : null;
        app.Use((c, next) =>
        {
            if (c.Request.IsHttps) c.Response.Headers.StrictTransportSecurity = "max-age=31536000";
            return next(c);
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<PortalGate>();
        app.MapGet("/portal.css", () => Results.Text(PortalHtml.Css, "text/css; charset=utf-8")).ExcludeFromDescription();
        SignInEndpoints.Map(app, portal);
        AccountEndpoints.Map(app);
        ReviewEndpoints.Map(app);
        AuditEndpoints.Map(app);
    }

    private static string? SaveRefusal(PortalAccount? account, WebEvaluation e)
    {
        var commune = e.Result.Data.Commune;
        if (account is null || account.Role is not (PortalRole.Xa or PortalRole.Tinh))
            return WebMessages.AccountMayNotSave;
        return account.MayRead(CommuneKeys.Of(commune), commune.Province)
            ? null
            : MessageText.Format(account.Role == PortalRole.Xa ? WebMessages.AccountSavesOnlyCommune : WebMessages.AccountSavesOnlyProvince,
                account.UserName, account.Role == PortalRole.Xa ? account.Commune : account.Province, commune.Name);
    }
}

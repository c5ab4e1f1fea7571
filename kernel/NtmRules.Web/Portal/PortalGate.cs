using NtmRules.Kernel.Localization;
using NtmRules.Web.Localization;
using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using NtmRules.Portal;

namespace NtmRules.Web.Portal;

/// <summary>
/// Every request of the portal passes here after routing and authentication: the route's rule from
/// <see cref="PortalRoutes"/> (none: 403), sign-in (pages 302 to the sign-in page, the API 401), the
/// role (403), the antiforgery token of every form post (400), the commune scope (404: another
/// commune's evaluation is not shown to exist). Refusals go to the access log.
/// </summary>
internal sealed class PortalGate(RequestDelegate next, IAntiforgery antiforgery, AccessLog log)
{
    public async Task InvokeAsync(HttpContext context, Workspace workspace)
    {
        if (context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }
        var account = PortalClaimsFactory.AccountOf(context.User);
        var refusal = await RefusalAsync(context, workspace, account);
        if (refusal is { } r)
        {
            log.Denied(context, r.Status, account?.UserName);
            await r.Answer(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        await PortalHtml.RewriteAsync(context, next, antiforgery, account);
    }

    private sealed record Refusal(int Status, Func<HttpContext, Task> Answer);

    private async Task<Refusal?> RefusalAsync(HttpContext context, Workspace workspace, PortalAccount? account)
    {
        var api = context.Request.Path.StartsWithSegments("/api");
        if (PortalRoutes.RuleOf(context) is not { } rule)
            return Refuse(403, WebMessages.GateUnmappedAddress);
        if (!rule.Anonymous && account is null)
        {
            if (api) return new Refusal(401, c => NtmWebApp.Refuse(c, 401, WebMessages.GateSignInNeeded));
            var back = context.Request.Path + context.Request.QueryString;
            return new Refusal(302, c =>
            {
                c.Response.Redirect(QueryHelpers.AddQueryString("/dang-nhap", "ReturnUrl", back));
                return Task.CompletedTask;
            });
        }
        if (!rule.Anonymous && !rule.Roles.Contains(account!.Role))
            return Refuse(403, MessageText.Format(WebMessages.GateRoleRefused, account.UserName, account.Role.Label()));
        if (!api && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !await TokenValidAsync(context))
            return Refuse(400, WebMessages.GateAntiforgery);
        if (account is not null && !await InScopeAsync(context, workspace, account, rule.Scope))
            return Refuse(404, WebMessages.GateOutOfScope);
        return null;
    }

    private static Refusal Refuse(int status, string message) => new(status, c => NtmWebApp.Refuse(c, status, message));

    private async Task<bool> TokenValidAsync(HttpContext context)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A form that cannot be read is refused by its handler with its own 4xx (413, 400), which reads it again and fails the same way.
            return true;
        }
    }

    private static async Task<bool> InScopeAsync(HttpContext context, Workspace workspace, PortalAccount account, RouteScope scope)
    {
        switch (scope)
        {
            case RouteScope.Evaluation:
                var id = context.Request.RouteValues["id"]?.ToString();
                // An unknown id is the handler's own 404; a known one of another commune looks the same.
                return id is null || workspace.Evaluations.Get(id) is not { } e || account.MayRead(CommuneKeys.Of(e.Result.Data.Commune), e.Result.Data.Commune.Province);
            case RouteScope.RecordList:
                if (account.Role == PortalRole.Xa)
                {
                    var query = QueryHelpers.ParseQuery(context.Request.QueryString.Value);
                    query["commune"] = account.Commune;
                    context.Request.QueryString = QueryString.Create(query);
                }
                return true;
            case RouteScope.RecordPair:
                if (account.Role == PortalRole.KiemToan) return true;
                var readable = (await workspace.HistoryAsync(null, context.RequestAborted))
                    .Where(r => account.MayRead(r.CommuneKey, r.Province)).Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
                return new[] { "a", "b" }.All(k => context.Request.Query[k].ToString() is not { Length: > 0 } v || !long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _) || readable.Contains(v));
            default:
                return true;
        }
    }
}

using NtmRules.Kernel.Localization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NtmRules.Web.Portal;
using NtmRules.Web.Localization;

namespace NtmRules.Web;

/// <summary>Builds the web application of <c>ntm serve</c>: pages, JSON API and OpenAPI document over one <see cref="Workspace"/>.</summary>
public static class NtmWebApp
{
    /// <summary>The security headers every answer carries: no script may run, nothing is framed, styles only from /app.css.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Loads the plugins (once) and builds the application; call <c>RunAsync</c> or <c>StartAsync</c> on it.</summary>
    public static WebApplication Build(WebOptions options)
    {
        var workspace = new Workspace(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(NtmWebApp).Assembly.GetName().Name,
            ContentRootPath = workspace.DataFolder,
            Args = [],
        });
        var addresses = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>().ToArray();
        if (options.Portal is { } checkedPortal) PortalSetup.CheckAddresses(addresses, checkedPortal);
        ConfigureServer(builder, options);
        ConfigureServices(builder, options, workspace, addresses);
        var app = builder.Build();
        // First, so that the error handler and the guards below answer in the request's language too.
        ApiLanguage.Use(app);
        app.UseExceptionHandler(error => error.Run(HandleErrorAsync));
        var loopbackOnly = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && IsLoopbackHost(uri.Host));
        app.Use((context, next) => GuardAsync(context, next, loopbackOnly));
        if (options.Portal is { } portal) PortalSetup.Use(app, portal);
        app.MapOpenApi("/openapi.json");
        PageEndpoints.Map(app);
        ThresholdEndpoints.Map(app);
        ApiEndpoints.Map(app);
        return app;
    }

    /// <summary>Kestrel: the addresses, HTTPS for the portal, no Server header, and the body and form limits of the uploads.</summary>
    private static void ConfigureServer(WebApplicationBuilder builder, WebOptions options)
    {
        builder.WebHost.UseUrls(options.Urls);
        // The slim builder leaves out HTTPS; the portal listens on https:// with its certificate.
        if (options.Portal is not null) builder.WebHost.UseKestrelHttpsConfiguration();
        var bodyLimit = options.MaxUploadBytes + Uploads.FormOverheadBytes;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            if (options.Portal?.Certificate is { } certificate) k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate);
            k.Limits.MaxRequestBodySize = bodyLimit;
        });
        builder.Services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = bodyLimit;
            f.ValueLengthLimit = 64 * 1024;
        });
    }

    /// <summary>Logging, the workspace, the OpenAPI document and, for the portal, its accounts and sign-in.</summary>
    private static void ConfigureServices(WebApplicationBuilder builder, WebOptions options, Workspace workspace, Uri[] addresses)
    {
        builder.Logging.ClearProviders();
        if (!options.Quiet)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }
        builder.Services.AddSingleton(workspace);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "NtmRules API";
            doc.Info.Version = typeof(NtmWebApp).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
            doc.Info.Description = "Đánh giá xã theo bộ tiêu chí nông thôn mới: the JSON API of ntm serve, mirroring the CLI (ntm plugins, evaluate, trace, draft, batch, history).";
            return Task.CompletedTask;
        }));
        if (options.Portal is { } portalServices)
            PortalSetup.AddServices(builder.Services, options, portalServices, addresses.Any(u => u.Scheme == Uri.UriSchemeHttps));
    }

    /// <summary>
    /// Sets the security headers, then keeps a page elsewhere from using the visitor's browser to reach this
    /// server: on loopback only loopback host names are answered (no DNS rebinding), and a form posted from
    /// another origin is refused.
    /// </summary>
    private static async Task GuardAsync(HttpContext context, RequestDelegate next, bool loopbackOnly)
    {
        SetSecurityHeaders(context.Response);
        if (loopbackOnly && !IsLoopbackHost(context.Request.Host.Host))
        {
            await Refuse(context, StatusCodes.Status400BadRequest, WebMessages.LoopbackOnly);
            return;
        }
        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
            && CrossSite(context.Request))
        {
            await Refuse(context, StatusCodes.Status403Forbidden, WebMessages.CrossSiteRefused);
            return;
        }
        await next(context);
    }

    /// <summary>The headers every answer carries, error pages included (the exception handler clears the response, so it sets them again).</summary>
    private static void SetSecurityHeaders(HttpResponse response)
    {
        var h = response.Headers;
        h.ContentSecurityPolicy = ContentSecurityPolicy;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "same-origin"; // not no-referrer: with it, browsers send "Origin: null" on form posts
    }

    /// <summary>
    /// Answers a request whose handling threw. A request the client broke — a body that stopped
    /// arriving (Kestrel's minimum data rate), one larger than declared or allowed, a malformed
    /// form — gets its own 4xx and is logged as the client's problem; anything else is a 500.
    /// Either way with the security headers.
    /// </summary>
    internal static async Task HandleErrorAsync(HttpContext context)
    {
        SetSecurityHeaders(context.Response);
        var error = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        var (status, message) = error switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
                (408, WebMessages.RequestTooSlow),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, WebMessages.UploadTooLargeShort),
            BadHttpRequestException bad => (bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : 400, MessageText.Format(WebMessages.BadRequest, bad.Message)),
            InvalidDataException => (400, WebMessages.BrokenMultipart),
            _ => (500, WebMessages.InternalError),
        };
        if (status < 500)
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("NtmRules.Web.ClientError")
                .LogWarning("{Method} {Path}: {Status} (client problem: {Message})", context.Request.Method, context.Request.Path, status, error?.Message);
        context.Response.StatusCode = status;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await ProblemJson.Result(status, message, []).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Pages.Error(status == 500 ? "Lỗi nội bộ" : "Yêu cầu bị từ chối", Html.H($"<p>{message}</p>")));
    }

    /// <summary>
    /// Whether a request comes from another site: a foreign Origin; without one, the browser's
    /// Sec-Fetch-Site saying anything but same-origin or none (typed by the user); without either,
    /// a Referer from another origin. A request with none of them (curl, scripts) is not a browser's
    /// cross-site request and is answered.
    /// </summary>
    private static bool CrossSite(HttpRequest request)
    {
        var h = request.Headers;
        if (h.Origin is { Count: > 0 } origin) return !SameOrigin(origin.ToString(), request.Host);
        if (h["Sec-Fetch-Site"] is { Count: > 0 } site) return site.ToString() is not ("same-origin" or "none");
        if (h.Referer is { Count: > 0 } referer) return !SameOrigin(referer.ToString(), request.Host);
        return false;
    }

    private static bool IsLoopbackHost(string host)
    {
        var h = host.Trim('[', ']');
        return h.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(h, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static bool SameOrigin(string origin, HostString host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var o) && string.Equals(o.Authority, host.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses a request before it reaches an endpoint (host check, foreign origin, the portal's rules):
    /// problem JSON under <c>/api</c>, else an error page titled by the status.
    /// </summary>
    internal static async Task Refuse(HttpContext context, int status, string message)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await ProblemJson.Result(status, message, []).ExecuteAsync(context);
            return;
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(Pages.Error(status == StatusCodes.Status404NotFound ? "Không tìm thấy" : "Yêu cầu bị từ chối", Html.H($"<p>{message}</p>")));
    }

    /// <summary>The addresses the started application listens on (with the real port when 0 was asked).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    /// <summary>The workspace of an application built by <see cref="Build"/>.</summary>
    public static Workspace WorkspaceOf(WebApplication app) => app.Services.GetRequiredService<Workspace>();
}

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using NtmRules.Kernel.Localization;

namespace NtmRules.Web;

/// <summary>
/// The language of what the server writes for people. Pages are Vietnamese; the JSON API answers in the
/// language of the request's <c>Accept-Language</c> (Vietnamese when it is absent or names neither
/// Vietnamese nor English), so that its problem titles and the libraries' messages follow it. Only the UI
/// culture changes: numbers and dates are written the same way whatever the request asks.
/// </summary>
internal static class ApiLanguage
{
    /// <summary>The languages an API request may ask for, those ntm writes its texts in; the first is the default.</summary>
    public static IReadOnlyList<CultureInfo> Supported => MessageText.Languages;

    /// <summary>Sets each request's UI culture: from Accept-Language under <c>/api</c>, Vietnamese elsewhere.</summary>
    public static void Use(WebApplication app)
    {
        // The formatting culture is left as the process has it: only the texts' language follows the request.
        var formatting = CultureInfo.CurrentCulture;
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(formatting, Supported[0]),
            SupportedCultures = [formatting],
            SupportedUICultures = [.. Supported],
            FallBackToParentUICultures = true,
            RequestCultureProviders = [new ApiAcceptLanguage()],
        };
        app.UseRequestLocalization(options);
    }

    /// <summary>Accept-Language, read for API requests only ("en-US,en;q=0.9" gives English through its parent "en").</summary>
    private sealed class ApiAcceptLanguage : AcceptLanguageHeaderRequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            httpContext.Request.Path.StartsWithSegments("/api")
                ? base.DetermineProviderCultureResult(httpContext)
                : NullProviderCultureResult;
    }
}

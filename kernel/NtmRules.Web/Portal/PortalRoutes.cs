using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NtmRules.Portal;
using static NtmRules.Portal.PortalRole;

namespace NtmRules.Web.Portal;

/// <summary>What a route needs beyond its role: a check that the commune it touches is the account's to see.</summary>
internal enum RouteScope
{
    /// <summary>Nothing beyond the role.</summary>
    None,

    /// <summary>The route's <c>{id}</c> is an evaluation: its commune must be readable by the account (else 404).</summary>
    Evaluation,

    /// <summary>A list of records: a commune account sees only its commune's (the <c>commune</c> filter is set to it).</summary>
    RecordList,

    /// <summary>Two records compared (<c>a</c>, <c>b</c>): both must be readable by the account (else 404).</summary>
    RecordPair,
}

/// <summary>Who may call a route: nobody signed in needed, any account, or the listed roles; and its <see cref="RouteScope"/>.</summary>
/// <param name="Anonymous">Open to everyone (the style sheet, the sign-in page).</param>
/// <param name="Roles">The roles allowed (empty with <paramref name="Anonymous"/>).</param>
/// <param name="Scope">The commune check.</param>
internal sealed record RouteRule(bool Anonymous, IReadOnlySet<PortalRole> Roles, RouteScope Scope = RouteScope.None)
{
    public static RouteRule Anyone { get; } = new(true, new HashSet<PortalRole>());

    public static RouteRule SignedIn { get; } = new(false, PortalRoles.All.ToHashSet());

    public static RouteRule Of(params PortalRole[] roles) => new(false, roles.ToHashSet());

    public RouteRule Scoped(RouteScope scope) => this with { Scope = scope };
}

/// <summary>
/// The portal's rule for every route, by method and route pattern. A route that is not in this table
/// is refused (403) in the portal, and the authorisation test fails on it: a new route cannot be
/// added without deciding who may call it. docs/portal.md shows the same table.
/// </summary>
internal static class PortalRoutes
{
    private static readonly RouteRule Readers = RouteRule.Of(Xa, Tinh, KiemToan);
    private static readonly RouteRule Workers = RouteRule.Of(Xa, Tinh);
    private static readonly RouteRule Province = RouteRule.Of(Tinh);
    private static readonly RouteRule ProvinceAndAudit = RouteRule.Of(Tinh, KiemToan);
    private static readonly RouteRule Admin = RouteRule.Of(QuanTri);

    public static IReadOnlyDictionary<string, RouteRule> Rules { get; } = new Dictionary<string, RouteRule>(StringComparer.Ordinal)
    {
        ["GET /app.css"] = RouteRule.Anyone,
        ["GET /portal.css"] = RouteRule.Anyone,
        ["GET /dang-nhap"] = RouteRule.Anyone,
        ["POST /dang-nhap"] = RouteRule.Anyone,
        ["GET /dang-nhap/oidc"] = RouteRule.Anyone,
        ["GET /dang-nhap/oidc/xong"] = RouteRule.Anyone,
        ["POST /dang-xuat"] = RouteRule.SignedIn,
        ["GET /"] = RouteRule.SignedIn,
        ["GET /openapi.json"] = RouteRule.SignedIn,

        // Forms and evaluations: a commune its own, the province its communes; the auditor reads.
        ["GET /sets/{id}"] = Readers,
        ["GET /sets/{id}/form.xlsx"] = Readers,
        ["POST /sets/{id}/evaluate"] = Workers,
        ["POST /sets/{id}/form"] = Workers,
        ["GET /evaluations/{id}"] = Readers.Scoped(RouteScope.Evaluation),
        ["POST /evaluations/{id}/save"] = Workers.Scoped(RouteScope.Evaluation),
        ["GET /evaluations/{id}/indicators/{code}"] = Readers.Scoped(RouteScope.Evaluation),
        ["GET /evaluations/{id}/draft.{format}"] = Readers.Scoped(RouteScope.Evaluation),
        ["GET /evaluations/{id}/result.json"] = Readers.Scoped(RouteScope.Evaluation),
        ["GET /evaluations/{id}/trace.json"] = Readers.Scoped(RouteScope.Evaluation),
        ["GET /evaluations/{id}/trace.txt"] = Readers.Scoped(RouteScope.Evaluation),

        // Records: a commune sees its own; comparisons only of records it may read.
        ["GET /history"] = Readers.Scoped(RouteScope.RecordList),
        ["GET /compare"] = Readers.Scoped(RouteScope.RecordPair),

        // The province's tools: plugins (when the operator allows installs), batches, thresholds.
        ["POST /plugins"] = Province,
        ["GET /batches"] = Province,
        ["POST /batches"] = Province,
        ["GET /batches/{id}"] = ProvinceAndAudit,
        ["GET /batches/{id}/{file}"] = ProvinceAndAudit,
        ["GET /sets/{id}/thresholds.xlsx"] = Province,
        ["POST /sets/{id}/thresholds"] = Province,
        ["GET /thresholds/{run}/plugin.zip"] = Province,

        // The JSON API, as the pages.
        ["GET /api/sets"] = Readers,
        ["POST /api/plugins"] = Province,
        ["POST /api/evaluations"] = Workers,
        ["GET /api/evaluations/{id}"] = Readers.Scoped(RouteScope.Evaluation),
        ["GET /api/evaluations/{id}/trace"] = Readers.Scoped(RouteScope.Evaluation),
        ["POST /api/drafts"] = Workers,
        ["POST /api/batches"] = Province,
        ["GET /api/batches/{id}"] = ProvinceAndAudit,
        ["GET /api/batches/{id}/files/{name}"] = ProvinceAndAudit,
        ["GET /api/records"] = Readers.Scoped(RouteScope.RecordList),
        ["GET /api/records/compare"] = Readers.Scoped(RouteScope.RecordPair),

        // Submission and review: the workflow decides who moves which state; these are the doors.
        ["GET /ho-so"] = Readers,
        ["GET /ho-so/{commune}/{year}"] = Readers,
        ["POST /ho-so/{commune}/{year}/nop"] = RouteRule.Of(Xa),
        ["POST /ho-so/{commune}/{year}/tra-lai"] = Province,
        ["POST /ho-so/{commune}/{year}/chap-nhan"] = Province,

        // The auditor's check of the whole store.
        ["GET /kiem-chung"] = ProvinceAndAudit,

        // Accounts.
        ["GET /quan-tri/tai-khoan"] = Admin,
        ["POST /quan-tri/tai-khoan"] = Admin,
        ["POST /quan-tri/tai-khoan/{name}/khoa"] = Admin,
        ["POST /quan-tri/tai-khoan/{name}/mo-khoa"] = Admin,
    };

    /// <summary>"GET /sets/{id}": the key of an endpoint for one of its methods.</summary>
    public static string Key(string method, RouteEndpoint endpoint) => method + " " + endpoint.RoutePattern.RawText;

    /// <summary>The methods an endpoint answers (GET for one that names none).</summary>
    public static IReadOnlyList<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToArray() is { Length: > 0 } m ? m : [HttpMethods.Get];

    /// <summary>The rule of the endpoint a request reached; null when the table has none (the request is refused).</summary>
    public static RouteRule? RuleOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint e && Rules.TryGetValue(Key(HttpMethods.IsHead(context.Request.Method) ? HttpMethods.Get : context.Request.Method, e), out var rule)
            ? rule : null;
}

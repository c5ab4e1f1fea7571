using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using NtmRules.Web.Portal;

namespace NtmRules.Web.Tests;

/// <summary>
/// Every route of the portal × every role: the answer each gets. The expectations are written out
/// here, independently of <see cref="PortalRoutes"/>; a route the app maps but this table or the
/// portal's rules do not name fails the test, so no route can be added without deciding who may call it.
/// docs/portal.md shows the same matrix (checked below).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PortalRouteMatrixTests(PortalServer server)
{
    private const string Set = "vn.qd318.xa-ntm";

    /// <summary>The columns: nobody signed in, then one account per role, and a commune account of another commune.</summary>
    private static readonly string[] Columns = ["(chưa đăng nhập)", "xa.camthanh", "xa.tanlap", "tinh.thanhhoa", "kiemtoan", "quantri"];

    private static readonly Dictionary<string, string> RoleOf = new()
    {
        ["xa.camthanh"] = "xa", ["xa.tanlap"] = "xa", ["tinh.thanhhoa"] = "tinh", ["kiemtoan"] = "kiem-toan", ["quantri"] = "quan-tri",
    };

    /// <summary>A route: who may call it (role keys, "*" any account, "" anyone), the answer they get, whether another commune's account gets 404.</summary>
    private sealed record Row(string Method, string Pattern, string Url, string Allowed, int Status, bool Scoped = false);

    private static readonly string CamThanh2023 = "/ho-so/" + Uri.EscapeDataString(PortalServer.CamThanh) + "/2023";

    private static IReadOnlyList<Row> Rows(string evaluation, long record) =>
    [
        new("GET", "/app.css", "/app.css", "", 200),
        new("GET", "/portal.css", "/portal.css", "", 200),
        new("GET", "/dang-nhap", "/dang-nhap", "", 200),
        new("POST", "/dang-nhap", "/dang-nhap", "", 401),
        new("GET", "/", "/", "*", 200),
        new("GET", "/openapi.json", "/openapi.json", "*", 200),
        new("GET", "/sets/{id}", $"/sets/{Set}", "xa tinh kiem-toan", 200),
        new("GET", "/sets/{id}/form.xlsx", $"/sets/{Set}/form.xlsx", "xa tinh kiem-toan", 200),
        new("POST", "/sets/{id}/evaluate", $"/sets/{Set}/evaluate", "xa tinh", 400),
        new("POST", "/sets/{id}/form", $"/sets/{Set}/form", "xa tinh", 400),
        new("GET", "/evaluations/{id}", $"/evaluations/{evaluation}", "xa tinh kiem-toan", 200, true),
        new("POST", "/evaluations/{id}/save", $"/evaluations/{evaluation}/save", "xa tinh", 302, true),
        new("GET", "/evaluations/{id}/indicators/{code}", $"/evaluations/{evaluation}/indicators/11", "xa tinh kiem-toan", 200, true),
        new("GET", "/evaluations/{id}/draft.{format}", $"/evaluations/{evaluation}/draft.md", "xa tinh kiem-toan", 200, true),
        new("GET", "/evaluations/{id}/result.json", $"/evaluations/{evaluation}/result.json", "xa tinh kiem-toan", 200, true),
        new("GET", "/evaluations/{id}/trace.json", $"/evaluations/{evaluation}/trace.json", "xa tinh kiem-toan", 200, true),
        new("GET", "/evaluations/{id}/trace.txt", $"/evaluations/{evaluation}/trace.txt", "xa tinh kiem-toan", 200, true),
        new("GET", "/history", "/history", "xa tinh kiem-toan", 200),
        new("GET", "/compare", $"/compare?a={record}&b={record}", "xa tinh kiem-toan", 200, true),
        new("POST", "/plugins", "/plugins", "tinh", 400),
        new("GET", "/batches", "/batches", "tinh", 200),
        new("POST", "/batches", "/batches", "tinh", 400),
        new("GET", "/batches/{id}", "/batches/0", "tinh kiem-toan", 404),
        new("GET", "/batches/{id}/{file}", "/batches/0/report.md", "tinh kiem-toan", 404),
        new("GET", "/sets/{id}/thresholds.xlsx", $"/sets/{Set}/thresholds.xlsx", "tinh", 200),
        new("POST", "/sets/{id}/thresholds", $"/sets/{Set}/thresholds", "tinh", 400),
        new("GET", "/thresholds/{run}/plugin.zip", "/thresholds/0/plugin.zip", "tinh", 404),
        new("GET", "/api/sets", "/api/sets", "xa tinh kiem-toan", 200),
        new("POST", "/api/plugins", "/api/plugins", "tinh", 415),
        new("POST", "/api/evaluations", "/api/evaluations", "xa tinh", 415),
        new("GET", "/api/evaluations/{id}", $"/api/evaluations/{evaluation}", "xa tinh kiem-toan", 200, true),
        new("GET", "/api/evaluations/{id}/trace", $"/api/evaluations/{evaluation}/trace", "xa tinh kiem-toan", 200, true),
        new("POST", "/api/drafts", "/api/drafts", "xa tinh", 415),
        new("POST", "/api/batches", "/api/batches", "tinh", 415),
        new("GET", "/api/batches/{id}", "/api/batches/0", "tinh kiem-toan", 404),
        new("GET", "/api/batches/{id}/files/{name}", "/api/batches/0/files/report.md", "tinh kiem-toan", 404),
        new("GET", "/api/records", "/api/records", "xa tinh kiem-toan", 200),
        new("GET", "/api/records/compare", $"/api/records/compare?a={record}&b={record}", "xa tinh kiem-toan", 200, true),
        new("GET", "/ho-so", "/ho-so", "xa tinh kiem-toan", 200),
        new("GET", "/ho-so/{commune}/{year}", CamThanh2023, "xa tinh kiem-toan", 200, true),
        // The moves answer 409 here: nothing is submitted, so neither submitting without a record nor reviewing is possible.
        new("POST", "/ho-so/{commune}/{year}/nop", CamThanh2023 + "/nop", "xa", 409, true),
        new("POST", "/ho-so/{commune}/{year}/tra-lai", CamThanh2023 + "/tra-lai", "tinh", 409),
        new("POST", "/ho-so/{commune}/{year}/chap-nhan", CamThanh2023 + "/chap-nhan", "tinh", 409),
        new("GET", "/kiem-chung", "/kiem-chung", "tinh kiem-toan", 200),
        new("GET", "/quan-tri/tai-khoan", "/quan-tri/tai-khoan", "quan-tri", 200),
        new("POST", "/quan-tri/tai-khoan", "/quan-tri/tai-khoan", "quan-tri", 400),
        new("POST", "/quan-tri/tai-khoan/{name}/khoa", "/quan-tri/tai-khoan/khong-co-ai/khoa", "quan-tri", 404),
        new("POST", "/quan-tri/tai-khoan/{name}/mo-khoa", "/quan-tri/tai-khoan/khong-co-ai/mo-khoa", "quan-tri", 404),
        // Last: it ends the session.
        new("POST", "/dang-xuat", "/dang-xuat", "*", 302),
    ];

    private static int Expected(Row row, string column)
    {
        if (row.Allowed.Length == 0) return row.Status;
        var api = row.Url.StartsWith("/api", StringComparison.Ordinal);
        if (!RoleOf.TryGetValue(column, out var role)) return api ? 401 : 302;
        if (row.Allowed != "*" && !row.Allowed.Split(' ').Contains(role)) return 403;
        return row.Scoped && column == "xa.tanlap" ? 404 : row.Status;
    }

    private IEnumerable<string> MappedRoutes() =>
        ((IEndpointRouteBuilder)server.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => PortalRoutes.Methods(e).Select(m => PortalRoutes.Key(m, e)));

    [Fact]
    public void Every_mapped_route_has_a_rule_and_a_row_in_this_matrix()
    {
        var rows = Rows("x", 1).Select(r => r.Method + " " + r.Pattern).ToHashSet();
        var mapped = MappedRoutes().ToHashSet();
        mapped.Except(PortalRoutes.Rules.Keys).Should().BeEmpty("every route needs a rule in PortalRoutes");
        mapped.Except(rows).Should().BeEmpty("every route needs a row in the route × role matrix");
        rows.Except(mapped).Should().BeEmpty("the matrix names only routes the app maps");
    }

    [Fact]
    public async Task Every_route_answers_every_role_as_the_matrix_says()
    {
        var (evaluation, record) = await server.EvaluateAndSaveAsync("cam-thanh-2023.json");
        var rows = Rows(evaluation, record);
        var failures = new List<string>();
        var actual = new Dictionary<(string, string), int>();
        foreach (var column in Columns)
        {
            using var client = RoleOf.ContainsKey(column) ? await server.SignedInAsync(column) : server.NewClient();
            var token = await PortalServer.TokenAsync(client);
            foreach (var row in rows)
            {
                var status = await AnswerAsync(client, row, token);
                actual[(row.Method + " " + row.Pattern, column)] = status;
                if (status != Expected(row, column)) failures.Add($"{row.Method} {row.Url} as {column}: {status}, expected {Expected(row, column)}");
            }
        }
        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task The_matrix_in_docs_portal_md_is_this_one()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(Built.RepoRoot, "docs", "portal.md"));
        doc.Replace("\r\n", "\n").Should().Contain(MarkdownMatrix());
    }

    /// <summary>The matrix as docs/portal.md shows it.</summary>
    internal static string MarkdownMatrix()
    {
        var b = new StringBuilder();
        b.Append("| Đường dẫn | ").AppendJoin(" | ", Columns).Append(" |\n");
        b.Append("|---|").AppendJoin("|", Columns.Select(_ => "---")).Append("|\n");
        foreach (var row in Rows("{id}", 1))
            b.Append($"| `{row.Method} {row.Pattern}` | ").AppendJoin(" | ", Columns.Select(c => Expected(row, c).ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(" |\n");
        return b.ToString();
    }

    private static async Task<int> AnswerAsync(HttpClient client, Row row, string token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Url);
        if (row.Method == "POST" && !row.Url.StartsWith("/api", StringComparison.Ordinal))
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        using var answer = await client.SendAsync(request);
        return (int)answer.StatusCode;
    }
}

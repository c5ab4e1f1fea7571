using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace NtmRules.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ApiTests(WebServer server)
{
    private const string Set = "vn.qd318.xa-ntm";
    private HttpClient Client => server.Client;

    private static byte[] Sample(string name) => File.ReadAllBytes(Built.Sample(name));

    private async Task<JsonObject> EvaluateAsync(string fileName, byte[] bytes, params (string, string)[] extra)
    {
        using var response = await Client.PostAsync("/api/evaluations", WebServer.Form(fileName, bytes, [("set", Set), .. extra]));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task Sets_lists_every_loaded_set_with_decision_version_and_content_hash()
    {
        var doc = JsonNode.Parse(await Client.GetStringAsync("/api/sets"))!;
        var sets = doc["sets"]!.AsArray();
        sets.Select(s => (string)s!["id"]!).Should().Contain([Set, "vn.thanh-hoa.2022-2025.xa-ntm", "vn.qd318.xa-ntm-nang-cao"]);
        var national = sets.Single(s => (string)s!["id"]! == Set)!;
        ((int)national["criteria"]!).Should().Be(19);
        ((int)national["indicators"]!).Should().Be(57);
        ((string)national["decision"]!).Should().Be("318/QĐ-TTg");
        ((string)national["pluginVersion"]!).Should().NotBeNullOrEmpty();
        ((string)national["pluginContentSha256"]!).Should().MatchRegex("^[0-9a-f]{64}$");
        ((string)national["pluginSignature"]!["status"]!).Should().Be("bundled", "the plugins built next to ntm ship with it");
        ((string)national["pluginSignature"]!["label"]!).Should().Contain("đi kèm chương trình ntm");
        var province = sets.Single(s => (string)s!["id"]! == "vn.thanh-hoa.2022-2025.xa-ntm")!;
        province["extends"]!.AsArray().Select(x => (string)x!).Should().Equal(Set);
        doc["refused"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_2026_assessment_against_a_2021_2025_set_says_so_on_the_result_page()
    {
        var o = JsonNode.Parse(Sample("cam-thanh-2023.json"))!.AsObject();
        o["year"] = 2026;
        o["assessmentDate"] = "2026-03-01";
        var created = await EvaluateAsync("cam-thanh-2026.json", Encoding.UTF8.GetBytes(o.ToJsonString()));
        ((string)created["evaluation"]!["outsidePeriod"]!["to"]!).Should().Be("2025-12-31");
        var page = await Client.GetStringAsync($"/evaluations/{(string)created["id"]!}");
        page.Should().Contain("id=\"period-warning\"").And.Contain("Ngày đánh giá 01/03/2026 nằm ngoài thời gian hiệu lực");
    }

    [Fact]
    public async Task Evaluation_of_the_sample_is_the_CLIs_ntm_evaluation_byte_for_byte()
    {
        // The CLI, run where the file has the same name as the upload, writes the same bytes; it starts while the API answers.
        var cliRun = Built.NtmAsync(Path.Combine(Built.RepoRoot, "samples"), "evaluate", "--set", Set, "--data", "cam-thanh-2023.json", "--format", "json");
        var created = await EvaluateAsync("cam-thanh-2023.json", Sample("cam-thanh-2023.json"));
        ((string)created["summary"]!).Should().Be("11/19 tiêu chí, 47/57 chỉ tiêu");
        var id = (string)created["id"]!;
        id.Should().MatchRegex("^[0-9a-f]{32}$");
        var indicator11 = created["evaluation"]!["criteria"]!.AsArray().SelectMany(c => c!["indicators"]!.AsArray()).Single(i => (string)i!["code"]! == "11")!;
        ((string)indicator11["status"]!).Should().Be("chua-dat");

        var web = await Client.GetStringAsync($"/api/evaluations/{id}");
        var cli = await cliRun;
        cli.Exit.Should().Be(0, cli.Stderr);
        web.Should().Be(cli.Stdout);
    }

    [Fact]
    public async Task Trace_of_one_indicator_has_threshold_citation_and_provenance_and_an_unknown_code_is_a_400_naming_the_codes()
    {
        var id = (string)(await EvaluateAsync("cam-thanh-2023.json", Sample("cam-thanh-2023.json")))["id"]!;
        var text = await Client.GetStringAsync($"/api/evaluations/{id}/trace?indicator=11");
        var trace = JsonNode.Parse(text)!;
        ((string)trace["format"]!).Should().Be("ntm.trace/1");
        trace["indicators"]!.AsArray().Select(i => (string)i!["code"]!).Should().Equal("11");
        ((double)trace["indicators"]![0]!["threshold"]!["value"]!).Should().Be(6.5);
        text.Should().Contain("318/QĐ-TTg").And.Contain(server.Workspace.Host.GetSet(Set).Set.Plugin.ContentHash);

        var plain = await Client.GetStringAsync($"/api/evaluations/{id}/trace?indicator=11&format=text");
        plain.Should().Contain("indicator 11").And.Contain("Threshold:").And.Contain("Legal basis: Decision 318/QĐ-TTg").And.Contain("content SHA-256"); // the client asks for English

        using var bad = await Client.GetAsync($"/api/evaluations/{id}/trace?indicator=99.9");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        ((string)problem["problems"]![0]!["text"]!).Should().Contain("has no indicator \"99.9\"").And.Contain("17.1");
    }

    [Fact]
    public async Task Drafts_are_the_CLIs_golden_markdown_and_a_valid_docx()
    {
        var id = (string)(await EvaluateAsync("cam-thanh-2023.json", Sample("cam-thanh-2023.json")))["id"]!;
        using var md = await Client.PostAsync("/api/drafts", new FormUrlEncodedContent([new("evaluation", id), new("format", "md")]));
        md.StatusCode.Should().Be(HttpStatusCode.OK);
        md.Content.Headers.ContentType!.MediaType.Should().Be("text/markdown");
        var golden = await File.ReadAllTextAsync(Path.Combine(Built.RepoRoot, "tests", "NtmRules.Cli.Tests", "Golden", "cam-thanh-2023.xa-ntm.md"));
        (await md.Content.ReadAsStringAsync()).Should().Be(golden);

        // With a set and a file instead of an evaluation id, as `ntm draft --set --data --out x.docx`.
        using var docx = await Client.PostAsync("/api/drafts", WebServer.Form("cam-thanh-2023.json", Sample("cam-thanh-2023.json"), ("set", Set), ("format", "docx")));
        docx.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        using var word = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = word.MainDocumentPart!.Document!.Body!.InnerText;
        body.Should().Contain("Cẩm Thành").And.Contain("KẾ HOẠCH");

        using var pdf = await Client.PostAsync("/api/drafts", new FormUrlEncodedContent([new("evaluation", id), new("format", "pdf")]));
        pdf.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_with_the_same_problem_lines_as_the_CLI()
    {
        var folder = Built.TempFolder("ntm-web-bad");
        var bad = "{\n  \"format\": \"ntm.commune-data/1\",\n  \"commune\": { \"name\": \"X\" },\n  \"region\": \"BTB\",\n  \"year\": 2023,\n  \"measures\": { \"hoNgheo\": \"abc\", \n";
        await File.WriteAllTextAsync(Path.Combine(folder, "xa-loi.json"), bad);
        var cliRun = Built.NtmAsync(folder, "evaluate", "--set", Set, "--data", "xa-loi.json");
        using var response = await Client.PostAsync("/api/evaluations", WebServer.Form("xa-loi.json", Encoding.UTF8.GetBytes(bad), ("set", Set)));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problems = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["problems"]!.AsArray();
        problems.Should().NotBeEmpty();
        ((int?)problems[0]!["line"]).Should().NotBeNull();

        var cli = await cliRun;
        cli.Exit.Should().Be(2);
        var cliLines = cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        problems.Select(p => (string)p!["text"]!).Should().Equal(cliLines);
    }

    [Fact]
    public async Task Invalid_values_in_a_csv_row_are_400_naming_row_column_field_and_value()
    {
        var csv = "name;region;year;tongSoHo;hoNgheo\nXã Một;BTB;2023;\"1.784,5,2\";71\n";
        using var response = await Client.PostAsync("/api/evaluations", WebServer.Form("xa.csv", Encoding.UTF8.GetBytes(csv), ("set", Set)));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("xa.csv(2,4): error: tongSoHo: ambiguous number");
    }

    [Fact]
    public async Task A_malformed_upload_on_the_set_page_shows_the_CLIs_problem_lines_and_a_wrong_file_type_its_own()
    {
        // Posted as the set page's upload form posts it (the pages have no script, so a browser sends the same form).
        using var broken = await Client.PostAsync($"/sets/{Set}/evaluate", WebServer.Form("hong.json", Encoding.UTF8.GetBytes("{\n  \"format\": \"ntm.commune-data/1\",\n  \"commune\": {\n")));
        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ErrorsOf(await broken.Content.ReadAsStringAsync()).Should().Contain("hong.json(").And.Contain("lỗi:").And.Contain("JSON sai cú pháp", "pages are Vietnamese");

        using var exe = await Client.PostAsync($"/sets/{Set}/evaluate", WebServer.Form("virus.exe", [0x4d, 0x5a]));
        exe.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        ErrorsOf(await exe.Content.ReadAsStringAsync()).Should().Contain("Loại tệp không được hỗ trợ").And.Contain("virus.exe");
    }

    /// <summary>The text of a page's error section, its markup's characters decoded.</summary>
    private static string ErrorsOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<section class=\"errors\"[^>]*>(.*?)</section>", System.Text.RegularExpressions.RegexOptions.Singleline) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new Xunit.Sdk.XunitException("no error section on the page:\n" + page);

    [Fact]
    public async Task Wrong_file_type_is_415_too_large_is_413_and_not_a_form_is_415_each_with_a_Vietnamese_message()
    {
        using var exe = await Client.PostAsync("/api/evaluations", WebServer.Form("xa.exe", [0x4d, 0x5a], ("set", Set)));
        exe.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await exe.Content.ReadAsStringAsync()).Should().Contain("Unsupported file type");

        using var big = await Client.PostAsync("/api/evaluations", WebServer.Form("xa.json", new byte[WebServer.MaxUploadBytes + 1], ("set", Set)));
        big.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await big.Content.ReadAsStringAsync()).Should().Contain("File too large").And.Contain("1 MB");

        // A body far over the limit is refused from its Content-Length, before it is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evaluations") { Content = WebServer.Form("xa.json", new byte[3 * WebServer.MaxUploadBytes], ("set", Set)) };
        request.Headers.ExpectContinue = true;
        using var huge = await Client.SendAsync(request);
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);

        using var json = await Client.PostAsync("/api/evaluations", new StringContent("{}", Encoding.UTF8, "application/json"));
        json.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);

        using var unknown = await Client.PostAsync("/api/evaluations", WebServer.Form("cam-thanh-2023.json", Sample("cam-thanh-2023.json"), ("set", "vn.khong-co")));
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("unknown criteria set \\\"vn.khong-co\\\"");
    }

    [Fact]
    public async Task No_path_in_a_request_reaches_outside_the_data_folder()
    {
        var outside = Path.Combine(Path.GetTempPath(), "ntm-web-escape-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        var relative = Path.GetRelativePath(server.Workspace.UploadsFolder, outside);
        relative.Should().StartWith("..");
        var created = await EvaluateAsync(relative, Sample("cam-thanh-2023.json"));
        File.Exists(outside).Should().BeFalse("the client's file name is never used as a path");
        ((string)created["evaluation"]!["data"]!["file"]!).Should().Be(Path.GetFileName(outside));
        // A small upload stays in memory, so the folder may hold no file at all; whatever it holds is named by the server.
        Directory.EnumerateFiles(server.Workspace.UploadsFolder).Where(f => !(Path.GetFileName(f).Length == 32 + ".json".Length || f.EndsWith(".csv") || f.EndsWith(".xlsx")))
            .Should().BeEmpty("the server names the files it keeps");

        foreach (var url in new[]
                 {
                     "/evaluations/..%2F..%2F..%2Fetc%2Fpasswd", "/evaluations/../../etc/passwd", "/api/evaluations/..%2Fuploads",
                     "/batches/..%2F..%2Fetc/passwd", "/api/batches/x/files/..%2F..%2F..%2Fetc%2Fpasswd", "/sets/..%2F..%2Fetc%2Fpasswd",
                     "/evaluations/" + (string)created["id"]! + "/draft.%2F..%2F..%2Fetc%2Fpasswd",
                 })
        {
            using var r = await Client.GetAsync(url);
            ((int)r.StatusCode).Should().BeOneOf([400, 404], url);
            (await r.Content.ReadAsStringAsync()).Should().NotContain("root:x:0", url);
        }
    }

    [Fact]
    public async Task A_batch_aggregates_the_accepted_rows_reports_the_rejected_one_and_serves_only_its_report_files()
    {
        var csv = "name,code,district,region,year,tongSoHo,hoNgheo\nXã Một,X1,Cẩm Thủy,DBSH,2024,1784,\"71\"\nXã Hai,X2,Cẩm Thủy,DBSH,2024,\"1.784,5,2\",3\nXã Ba,X3,,BTB,2024,900,12\n";
        using var response = await Client.PostAsync("/api/batches", WebServer.Form("huyen.csv", Encoding.UTF8.GetBytes(csv), ("set", Set), ("groupBy", "district")));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var batch = JsonNode.Parse(body)!;
        ((int)batch["accepted"]!).Should().Be(2);
        ((int)batch["rejected"]!).Should().Be(1);
        batch["communes"]!.AsArray().Select(c => (string)c!["name"]!).Should().Equal("Xã Một", "Xã Ba");
        batch["problems"]!.AsArray().Select(p => (string)p!).Should().Contain(p => p.Contains("huyen.csv, row 3, column F (tongSoHo = \"1.784,5,2\"): error: ambiguous number"));
        var id = (string)batch["id"]!;
        var report = await Client.GetStringAsync($"/api/batches/{id}/files/report.md");
        report.Should().StartWith("# Summary report of the evaluations").And.Contain("Communes evaluated: 2"); // made in the language the client asked for
        using var communes = await Client.GetAsync($"/api/batches/{id}/files/communes");
        communes.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Client.GetStringAsync($"/api/batches/{id}")).Should().Contain("\"accepted\":2");
    }

    [Fact]
    public async Task Saved_evaluations_are_listed_and_invalid_data_is_not_saved()
    {
        var created = await EvaluateAsync("cam-thanh-2023.json", Sample("cam-thanh-2023.json"), ("save", "true"));
        var record = (long)created["record"]!;
        var records = JsonNode.Parse(await Client.GetStringAsync("/api/records"))!.AsArray();
        records.Select(r => (long)r!["id"]!).Should().Contain(record);
        var saved = records.Single(r => (long)r!["id"]! == record)!;
        ((string)saved["summary"]!).Should().Be("11/19 tiêu chí, 47/57 chỉ tiêu");
        ((string)saved["setId"]!).Should().Be(Set);

        var invalid = Encoding.UTF8.GetString(Sample("cam-thanh-2023.json")).Replace("\"hoNgheo\": 71", "\"hoNgheo\": -5", StringComparison.Ordinal);
        invalid.Should().Contain("-5");
        using var refused = await Client.PostAsync("/api/evaluations", WebServer.Form("am.json", Encoding.UTF8.GetBytes(invalid), ("set", Set), ("save", "true")));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("not saved");
        JsonNode.Parse(await Client.GetStringAsync("/api/records"))!.AsArray().Count.Should().Be(records.Count);

        // Next year's figures with less poverty: indicator 11 improves, as `ntm compare A B --format json` says.
        var better = Encoding.UTF8.GetString(Sample("cam-thanh-2023.json")).Replace("\"hoNgheo\": 71", "\"hoNgheo\": 20", StringComparison.Ordinal)
            .Replace("\"hoCanNgheo\": 149", "\"hoCanNgheo\": 10", StringComparison.Ordinal);
        var next = (long)(await EvaluateAsync("cam-thanh-2024.json", Encoding.UTF8.GetBytes(better), ("save", "true")))["record"]!;
        var web = await Client.GetStringAsync($"/api/records/compare?a={record}&b={next}");
        var comparison = JsonNode.Parse(web)!;
        ((string)comparison["format"]!).Should().Be("ntm.comparison/1");
        comparison["indicators"]!.AsArray().Where(i => (string)i!["change"]! == "improved").Select(i => (string)i!["code"]!).Should().Equal("11");
        var cli = await Built.NtmAsync(Built.RepoRoot, "compare", record.ToString(System.Globalization.CultureInfo.InvariantCulture), next.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--format", "json", "--store", server.StorePath);
        cli.Exit.Should().Be(0, cli.Stderr);
        web.Should().Be(cli.Stdout);
        using var missing = await Client.GetAsync($"/api/records/compare?a={record}&b=999999");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_api_route_is_in_the_openapi_document()
    {
        var doc = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        ((string)doc["openapi"]!).Should().StartWith("3.");
        var paths = doc["paths"]!.AsObject();
        var routes = server.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal))
            .ToArray();
        routes.Select(r => r.Pattern).Should().Contain(["/api/sets", "/api/evaluations", "/api/evaluations/{id}/trace", "/api/drafts", "/api/batches"]);
        foreach (var (pattern, methods) in routes)
        {
            paths.ContainsKey(pattern).Should().BeTrue($"{pattern} is served, so the OpenAPI document must describe it");
            foreach (var m in methods) paths[pattern]!.AsObject().ContainsKey(m.ToLowerInvariant()).Should().BeTrue($"{m} {pattern}");
        }
        paths["/api/evaluations"]!["post"]!["requestBody"]!["content"]!.AsObject().ContainsKey("multipart/form-data").Should().BeTrue();
    }

    [Fact]
    public async Task A_commune_name_with_markup_is_encoded_in_the_page_and_every_answer_forbids_scripts()
    {
        var json = Encoding.UTF8.GetString(Sample("cam-thanh-2023.json")).Replace("\"Cẩm Thành\"", "\"<script>alert(1)</script><b>Xã</b>\"", StringComparison.Ordinal);
        var id = (string)(await EvaluateAsync("xa.json", Encoding.UTF8.GetBytes(json)))["id"]!;
        using var page = await Client.GetAsync($"/evaluations/{id}");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Xã&lt;/b&gt;").And.NotContain("<script>").And.NotContain("<b>Xã");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'").And.NotContain("script-src");
        page.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
    }

    [Fact]
    public async Task A_form_posted_from_another_origin_and_a_foreign_host_name_are_refused()
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/sets/{Set}/evaluate") { Content = WebServer.Form("cam-thanh-2023.json", Sample("cam-thanh-2023.json"), ("save", "true")) };
        post.Headers.Add("Origin", "http://evil.example");
        using var crossSite = await Client.SendAsync(post);
        crossSite.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await crossSite.Content.ReadAsStringAsync()).Should().Contain("bị từ chối");

        using var sameSite = new HttpRequestMessage(HttpMethod.Post, $"/sets/{Set}/evaluate") { Content = WebServer.Form("cam-thanh-2023.json", Sample("cam-thanh-2023.json")) };
        sameSite.Headers.Add("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var ok = await Client.SendAsync(sameSite);
        ok.StatusCode.Should().Be(HttpStatusCode.Found);

        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/sets");
        rebound.Headers.Host = "evil.example";
        using var refused = await Client.SendAsync(rebound);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Concurrent_evaluations_and_drafts_give_the_same_answers()
    {
        var sample = Sample("cam-thanh-2023.json");
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (string)(await EvaluateAsync("cam-thanh-2023.json", sample))["id"]!));
        ids.Should().OnlyHaveUniqueItems();
        var results = await Task.WhenAll(ids.Select(id => Client.GetStringAsync($"/api/evaluations/{id}")));
        results.Distinct().Should().HaveCount(1);
        var golden = await File.ReadAllTextAsync(Path.Combine(Built.RepoRoot, "tests", "NtmRules.Cli.Tests", "Golden", "cam-thanh-2023.xa-ntm.md"));
        var drafts = await Task.WhenAll(ids.Select(async id =>
        {
            using var r = await Client.PostAsync("/api/drafts", new FormUrlEncodedContent([new("evaluation", id)]));
            return await r.Content.ReadAsStringAsync();
        }));
        drafts.Should().OnlyContain(d => d == golden);
    }
}

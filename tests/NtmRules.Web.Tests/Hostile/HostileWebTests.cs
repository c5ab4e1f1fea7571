using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace NtmRules.Web.Tests.Hostile;

/// <summary>
/// Hostile requests to <c>ntm serve</c> (issue 16, cases 6–9 and 17–20 over HTTP): each answered with
/// a 4xx naming the problem, with the security headers, never a 500.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class HostileWebTests(WebServer server)
{
    private const string Set = "vn.qd318.xa-ntm";
    private HttpClient Client => server.Client;

    private static byte[] Commune(string measures, string name = "\"Xã Thử\"") => Encoding.UTF8.GetBytes($$"""
        {
          "format": "ntm.commune-data/1",
          "commune": { "name": {{name}} },
          "region": "BTB",
          "year": 2023,
          "measures": { "tongSoHo": 1784, {{measures}} }
        }
        """);

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private static void HasSecurityHeaders(HttpResponseMessage response)
    {
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Be(NtmWebApp.ContentSecurityPolicy);
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
    }

    [Theory] // case 17: a 500 keeps its headers, as JSON and as a page
    [InlineData("/api/evaluations", "application/problem+json")]
    [InlineData("/sets/x", "text/html")]
    public async Task Case17_an_internal_error_answer_carries_the_security_headers(string path, string contentType)
    {
        var context = new DefaultHttpContext { RequestServices = server.App.Services };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        context.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = new InvalidOperationException("a defect"), Path = path });
        await NtmWebApp.HandleErrorAsync(context);
        context.Response.StatusCode.Should().Be(500);
        context.Response.ContentType.Should().StartWith(contentType);
        context.Response.Headers.ContentSecurityPolicy.ToString().Should().Be(NtmWebApp.ContentSecurityPolicy);
        context.Response.Headers.XContentTypeOptions.ToString().Should().Be("nosniff");
        context.Response.Headers.XFrameOptions.ToString().Should().Be("DENY");
        Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()).Should().NotContain("a defect", "an internal message is not shown");
    }

    [Fact] // case 17 over HTTP: a body cut short, which used to reach the error handler
    public async Task Case17_a_broken_multipart_body_is_a_400_with_the_security_headers()
    {
        var content = new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"set\"\r\n\r\nvn"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        using var response = await Client.PostAsync("/api/evaluations", content);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        HasSecurityHeaders(response);
    }

    [Theory] // case 18: unreadable data is a 400 listing the problem with its place
    [InlineData("\"duongXaKm\": NaN", "measures.duongXaKm", "NaN and Infinity")]
    [InlineData("\"danSo\": 5, /* chú thích */", "measures.danSo", "comments")]
    public async Task Case18_an_evaluation_of_unreadable_json_is_a_400_with_line_and_field(string measure, string field, string message)
    {
        using var response = await Client.PostAsync("/api/evaluations", WebServer.Form("xa.json", Commune(measure), ("set", Set)));
        var (status, body) = await ProblemAsync(response);
        status.Should().Be(HttpStatusCode.BadRequest);
        var p = body["problems"]!.AsArray().Single()!;
        ((string)p["field"]!).Should().Be(field);
        ((int)p["line"]!).Should().Be(6);
        ((string)p["message"]!).Should().Contain(message);
        HasSecurityHeaders(response);
    }

    [Fact] // case 18: numbers beyond range are data errors, listed; the rest is evaluated, as the CLI does with exit 2
    public async Task Case18_an_evaluation_with_numbers_out_of_range_lists_them_as_data_errors()
    {
        using var response = await Client.PostAsync("/api/evaluations",
            WebServer.Form("xa.json", Commune("\"danSo\": 1e400, \"nguoiThamGiaBhyt\": 123456789012345678901234567890, \"hoSuDungDienAnToan\": 5000"), ("set", Set)));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        var body = JsonNode.Parse(text)!;
        ((bool)body["dataErrors"]!).Should().BeTrue();
        var fields = body["evaluation"]!["problems"]!.AsArray().Where(p => (string)p!["severity"]! == "error").Select(p => (string)p!["field"]!).ToArray();
        fields.Should().BeEquivalentTo("measures.danSo", "measures.nguoiThamGiaBhyt", "measures.hoSuDungDienAnToan");
    }

    [Theory] // cases 6 and 18: control characters in a name, for an evaluation and a DOCX draft
    [InlineData("/api/evaluations", null)]
    [InlineData("/api/drafts", "docx")]
    public async Task Case18_control_characters_in_a_name_are_a_400_not_a_broken_docx(string route, string? format)
    {
        var fields = format is null ? new[] { ("set", Set) } : [("set", Set), ("format", format)];
        using var response = await Client.PostAsync(route, WebServer.Form("xa.json", Commune("\"danSo\": 5", "\"X\\u0000\\u001b[31mRED\\u202eevil\\r\\n\""), fields));
        var (status, body) = await ProblemAsync(response);
        status.Should().Be(HttpStatusCode.BadRequest);
        var p = body["problems"]!.AsArray().Single()!;
        ((string)p["field"]!).Should().Be("commune.name");
        ((string)p["message"]!).Should().Contain("U+0000 (NUL)");
    }

    [Fact] // cases 6, 7, 9 and 18: a batch with a NUL and formulas in cells
    public async Task Case18_a_batch_with_a_NUL_and_formulas_answers_with_the_rejected_rows_and_serves_neutralised_csv()
    {
        var csv = "name,code,region,year,tongSoHo,hoNgheo\nA,A1,BTB,2023,100,5\nB,B\0X,BTB,2023,100,5\n=Tên,=cmd|' /C calc'!A0,BTB,2023,100,3\nD,D1,BTB,2023,100,=1+1\n";
        using var response = await Client.PostAsync("/api/batches", WebServer.Form("huyen.csv", Encoding.UTF8.GetBytes(csv), ("set", Set)));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        text.Should().NotContain("\\u0000\"", "the NUL is shown escaped").And.Contain("B\\\\u0000X");
        var id = (string)JsonNode.Parse(text)!["id"]!;

        var errors = await Client.GetStringAsync($"/api/batches/{id}/files/errors.csv");
        errors.Should().Contain(",'=1+1,").And.NotContain("\0");
        var results = await Client.GetStringAsync($"/api/batches/{id}/files/results.csv");
        results.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3, "a header and the two accepted communes");
        results.Should().Contain("\n'=cmd|' /C calc'!A0,'=Tên,");
        Directory.Exists(Path.Combine(server.Workspace.Batches.Get(id)!.Folder, "communes")).Should().BeFalse("the server keeps no per-commune results");
    }

    /// <summary>A workbook of <paramref name="sheetBytes"/> unzipped in about 1/170 of that on disk.</summary>
    private static byte[] Bomb(long sheetBytes)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(Encoding.UTF8.GetBytes(text));
            }
            Add("[Content_Types].xml", """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", """<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Xã" sheetId="1" r:id="r1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
            var rows = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<row><c><v>1</v></c></row>", 4096)));
            sheet.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
            for (long n = 0; n < sheetBytes; n += rows.Length) sheet.Write(rows);
            sheet.Write("</sheetData></worksheet>"u8);
        }
        return stream.ToArray();
    }

    [Fact] // case 8: three bombs in parallel
    public async Task Case08_three_decompression_bombs_uploaded_at_once_are_refused_without_reading_them()
    {
        var bomb = Bomb(110L * 1024 * 1024);
        bomb.Length.Should().BeLessThan((int)WebServer.MaxUploadBytes);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            using var r = await Client.PostAsync("/api/evaluations", WebServer.Form("bom.xlsx", bomb, ("set", Set)));
            return await ProblemAsync(r);
        }));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        foreach (var (status, body) in answers)
        {
            status.Should().Be(HttpStatusCode.BadRequest);
            ((string)body["problems"]![0]!["message"]!).Should().Contain("too large to read");
        }
        allocated.Should().BeLessThan(100L * 1024 * 1024, "nothing of the 330 MB of sheets is inflated into memory");
    }

    [Fact] // case 19
    public async Task Case19_a_body_that_trickles_in_gets_408_not_500()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/evaluations HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var response = new StringBuilder();
        var buffer = new byte[4096];
        var read = stream.ReadAsync(buffer).AsTask();
        for (var second = 0; second < 20 && !read.IsCompleted; second++)
        {
            try
            {
                await stream.WriteAsync("-"u8.ToArray());
            }
            catch (IOException)
            {
                break; // the server closed the connection after answering
            }
            await Task.WhenAny(read, Task.Delay(1000));
        }
        var n = await read.WaitAsync(TimeSpan.FromSeconds(10));
        response.Append(Encoding.UTF8.GetString(buffer, 0, n));
        response.ToString().Should().StartWith("HTTP/1.1 408");
        response.ToString().Should().Contain("Content-Security-Policy");
    }

    [Theory] // case 20
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Referer", "https://evil.example/page")]
    public async Task Case20_a_post_from_another_site_without_an_origin_header_is_refused(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evaluations")
        {
            Content = WebServer.Form("xa.json", Commune("\"danSo\": 5"), ("set", Set)),
        };
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        HasSecurityHeaders(response);
    }

    [Theory] // case 20: the same site's own pages still work
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Referer", "")]
    public async Task Case20_a_post_from_the_same_origin_is_answered(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/evaluations")
        {
            Content = WebServer.Form("xa.json", Commune("\"danSo\": 5"), ("set", Set)),
        };
        request.Headers.TryAddWithoutValidation(header, value.Length == 0 ? server.BaseAddress + "sets/" + Set : value);
        using var response = await Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}

using System.Net;
using System.Text.Json.Nodes;

namespace NtmRules.Web.Tests;

/// <summary>
/// The API's problem details follow the request's Accept-Language: Vietnamese when it is absent, Vietnamese
/// or a language ntm does not speak, English for "en" and its regional forms; pages stay Vietnamese whatever
/// the browser asks. Each request here is made by a client of its own, without the shared client's "en".
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ApiLanguageTests(WebServer server)
{
    private const string UnknownDraftTypeVi = "không nhận loại tệp \"pdf\": dùng md, html hoặc docx";
    private const string UnknownDraftTypeEn = "unknown output type \"pdf\": use md, html or docx";

    private async Task<(HttpStatusCode Status, JsonObject Problem)> DraftAsPdfAsync(string? acceptLanguage)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (acceptLanguage is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.PostAsync("/api/drafts", new FormUrlEncodedContent([new("format", "pdf")]));
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("vi")]
    [InlineData("vi-VN,vi;q=0.9,en;q=0.5")]
    [InlineData("fr-FR,fr;q=0.9")]
    [InlineData("*")]
    public async Task A_problem_is_Vietnamese_without_Accept_Language_or_when_it_asks_for_Vietnamese_or_an_unknown_language(string? acceptLanguage)
    {
        var (status, problem) = await DraftAsPdfAsync(acceptLanguage);
        status.Should().Be(HttpStatusCode.BadRequest);
        ((string)problem["title"]!).Should().Be("Số liệu hoặc yêu cầu không hợp lệ");
        ((string)problem["problems"]![0]!["message"]!).Should().Be(UnknownDraftTypeVi);
        ((string)problem["problems"]![0]!["field"]!).Should().Be("format", "field names are keys, never translated");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-US,en;q=0.9")]
    [InlineData("en-GB")]
    [InlineData("fr;q=0.9,en;q=0.8")]
    public async Task A_problem_is_English_when_Accept_Language_asks_for_English(string acceptLanguage)
    {
        var (status, problem) = await DraftAsPdfAsync(acceptLanguage);
        status.Should().Be(HttpStatusCode.BadRequest);
        ((string)problem["title"]!).Should().Be("Invalid data or request");
        ((string)problem["problems"]![0]!["message"]!).Should().Be(UnknownDraftTypeEn);
    }

    [Fact]
    public async Task The_web_layer_own_messages_follow_the_language_too()
    {
        foreach (var (language, title) in new[] { ("vi", "Không tìm thấy kết quả đánh giá này (máy chủ chỉ giữ các kết quả gần nhất)"), ("en", "No such evaluation result (the server keeps only the latest ones)") })
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            client.DefaultRequestHeaders.Add("Accept-Language", language);
            using var gone = await client.GetAsync("/api/evaluations/khong-co");
            gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
            ((string)JsonNode.Parse(await gone.Content.ReadAsStringAsync())!["title"]!).Should().Be(title);

            using var missing = await client.PostAsync("/api/drafts", new FormUrlEncodedContent([new("format", "md")]));
            var problem = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
            ((string)problem["problems"]![0]!["message"]!).Should().Be(language == "vi" ? "thiếu trường \"set\" của biểu mẫu" : "missing form field \"set\"");
        }
    }

    [Fact]
    public async Task Pages_stay_Vietnamese_whatever_the_browser_asks_while_the_API_answers_in_English()
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        // A foreign host name is refused before any endpoint (no DNS rebinding): the same refusal, page and API.
        async Task<string> RefusedAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "example.com";
            request.Headers.Add("Accept-Language", "en-US,en;q=0.9");
            using var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            return await response.Content.ReadAsStringAsync();
        }

        (await RefusedAsync("/")).Should().Contain("Máy chủ này chỉ phục vụ địa chỉ nội bộ (127.0.0.1, localhost).");
        var api = JsonNode.Parse(await RefusedAsync("/api/sets"))!;
        ((string)api["title"]!).Should().Be("This server answers only loopback addresses (127.0.0.1, localhost).");
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace NtmRules.Web.Tests;

[CollectionDefinition(Name)]
public sealed class PortalFlowCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal flow";
}

/// <summary>
/// The portal in a real browser (SQLite files, the default), one account per role: the commune fills the
/// form and submits, the province returns it with a comment beside last year's record, the commune
/// resubmits, the province accepts, the auditor verifies; another commune's account is refused. The same
/// steps on PostgreSQL, as the pages' forms post them, are <see cref="PostgresPortalFlowTests"/>.
/// </summary>
[Collection(PortalFlowCollection.Name)]
public sealed class PortalBrowserTests(PortalServer server) : BrowserTestClass(server.BaseAddress)
{
    internal const string Set = "vn.qd318.xa-ntm";
    internal static readonly string Dossier2024 = "/ho-so/" + Uri.EscapeDataString(PortalServer.CamThanh) + "/2024";

    private async Task<IPage> SignInAsync(string userName)
    {
        var page = await PageAsync();
        await page.GotoAsync("/dang-nhap");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", PortalServer.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync("**/ho-so");
        (await page.Locator("#signed-in-as").InnerTextAsync()).Should().StartWith(userName);
        return page;
    }

    private static async Task<string> StateAsync(IPage page) =>
        (await page.Locator("#dossier-state .state").GetAttributeAsync("data-state"))!;

    /// <summary>
    /// The commune types its 2024 figures into the set's form (Cẩm Thành's sample figures, Vietnamese decimal commas) and saves.
    /// Who and when are typed field by field as a person does; the measures (79 fields) are put into their fields by one
    /// script in the page, which says which field did not take its value: the form has no script of its own, so the browser
    /// posts the same form either way, without some 150 round trips between the test and Chromium.
    /// </summary>
    private static async Task FillTheFormAndSaveAsync(IPage page)
    {
        await page.GotoAsync($"/sets/{Set}");
        var fields = await SampleFieldsAsync();
        await page.FillAsync("input[name='name']", fields["name"]);
        await page.FillAsync("input[name='district']", fields["district"]);
        await page.FillAsync("input[name='province']", fields["province"]);
        await page.SelectOptionAsync("select[name='region']", fields["region"]);
        await page.FillAsync("input[name='year']", fields["year"]);
        var measures = fields.Where(f => f.Key.StartsWith("m.", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value);
        var form = page.Locator("form[action$='/form']");
        var notTaken = await form.EvaluateAsync<string[]>(
            """
            (form, values) => Object.entries(values).flatMap(([name, value]) => {
                const field = form.elements.namedItem(name);
                if (!field) return [];
                field.value = value;
                field.dispatchEvent(new Event('input', { bubbles: true }));
                field.dispatchEvent(new Event('change', { bubbles: true }));
                return field.value === value ? [] : [name];
            })
            """, measures);
        notTaken.Should().BeEmpty("every measure on the form takes the commune's figure");
        await form.Locator("input[name='save']").CheckAsync();
        await page.ClickAsync("#evaluate-form");
        await Browser.WaitForUrlOrSayWhyAsync(page, new Regex("/evaluations/[0-9a-f]{32}$"));
        (await page.Locator("#commune-name").InnerTextAsync()).Should().Be("Cẩm Thành");
    }

    /// <summary>
    /// What the commune types for 2024: Cẩm Thành's sample figures as the form's fields (a yes/no as "có"/"không",
    /// a number with a Vietnamese decimal comma), by field name.
    /// </summary>
    internal static async Task<Dictionary<string, string>> SampleFieldsAsync()
    {
        using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(Built.Sample("cam-thanh-2023.json")));
        var root = sample.RootElement;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "Cẩm Thành", ["district"] = "Cẩm Thủy", ["province"] = "Thanh Hóa", ["region"] = root.GetProperty("region").GetString()!, ["year"] = "2024",
        };
        foreach (var m in root.GetProperty("measures").EnumerateObject())
            fields["m." + m.Name] = m.Value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? (m.Value.GetBoolean() ? "có" : "không")
                : m.Value.GetDouble().ToString("0.##########", CultureInfo.InvariantCulture).Replace('.', ',');
        return fields;
    }

    [Fact]
    public async Task Submit_return_with_a_comment_resubmit_accept_and_verify_each_as_its_role()
    {
        await server.EvaluateAndSaveAsync("cam-thanh-2023.json"); // last year's record, to be shown beside

        var commune = await SignInAsync("xa.camthanh");
        await FillTheFormAndSaveAsync(commune);
        var evaluationUrl = commune.Url;
        await commune.GotoAsync("/ho-so");
        await commune.ClickAsync($"a[href='{Dossier2024}']");
        (await StateAsync(commune)).Should().Be("chua-nop");
        await Browser.ScreenshotAsync(commune, "portal-1-xa-chua-nop");
        await commune.FillAsync("#submit-comment", "Xã gửi hồ sơ tự đánh giá năm 2024.");
        await commune.ClickAsync("#submit");
        (await StateAsync(commune)).Should().Be("cho-tham-dinh");
        (await commune.Locator("#submit").CountAsync()).Should().Be(0, "a submitted dossier waits for the province");

        var province = await SignInAsync("tinh.thanhhoa");
        await province.GotoAsync(Dossier2024);
        (await StateAsync(province)).Should().Be("cho-tham-dinh");
        (await province.Locator("tr.indicator[data-indicator='11'] td.previous .status").GetAttributeAsync("data-status"))
            .Should().Be("chua-dat", "last year's record stands beside the submission");
        await province.FillAsync("textarea[name='y-kien.11']", "Tỷ lệ hộ nghèo: cần số liệu rà soát cuối năm 2024.");
        await Browser.ScreenshotAsync(province, "portal-2-tinh-tham-dinh");
        await province.ClickAsync("#return");
        (await StateAsync(province)).Should().Be("bi-tra-lai");

        await commune.GotoAsync(Dossier2024);
        (await StateAsync(commune)).Should().Be("bi-tra-lai");
        (await commune.Locator(".comment[data-comment-for='11']").InnerTextAsync()).Should().Contain("rà soát cuối năm 2024");
        await Browser.ScreenshotAsync(commune, "portal-3-xa-bi-tra-lai");
        await commune.ClickAsync("#submit");
        (await StateAsync(commune)).Should().Be("cho-tham-dinh");

        await province.GotoAsync(Dossier2024);
        await province.FillAsync("#review-comment", "Hồ sơ đạt yêu cầu.");
        await province.ClickAsync("#accept");
        (await StateAsync(province)).Should().Be("da-chap-nhan");
        (await province.Locator("#return").CountAsync()).Should().Be(0);

        var auditor = await SignInAsync("kiemtoan");
        await auditor.GotoAsync(Dossier2024);
        (await StateAsync(auditor)).Should().Be("da-chap-nhan");
        var steps = auditor.Locator("#history tr[data-step]");
        (await steps.CountAsync()).Should().Be(4);
        (await steps.Locator("td.account").AllInnerTextsAsync()).Should().Equal("xa.camthanh", "tinh.thanhhoa", "xa.camthanh", "tinh.thanhhoa");
        (await auditor.Locator("#submit, #return, #accept").CountAsync()).Should().Be(0, "the auditor only reads");
        var verifyAnswer = await auditor.GotoAsync("/kiem-chung");
        verifyAnswer!.Status.Should().Be(200, await auditor.ContentAsync());
        (await auditor.Locator("#verify-summary").GetAttributeAsync("data-intact")).Should().Be("true");
        (await auditor.Locator("td.verdict[data-verdict='khac']").CountAsync()).Should().Be(0);
        // Last year's record (a JSON file) and this year's (typed into the form, kept as a one-row CSV) both re-run identically.
        (await auditor.Locator("td.verdict[data-verdict='khong-chay-lai']").CountAsync()).Should().Be(0);
        (await auditor.Locator("td.verdict[data-verdict='trung-khop']").CountAsync()).Should().Be(await auditor.Locator("td.verdict").CountAsync());
        await Browser.ScreenshotAsync(auditor, "portal-4-kiem-toan");

        // Another commune's account gets status codes only, so it asks over HTTP rather than in a fourth browser context.
        using var other = await server.SignedInAsync("xa.tanlap");
        (await other.GetAsync(Dossier2024)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync(new Uri(evaluationUrl).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync("/batches")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

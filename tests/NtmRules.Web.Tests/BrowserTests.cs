using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace NtmRules.Web.Tests;

/// <summary>
/// The pages in a real browser: what a commune officer, a province and an auditor do with one commune's figures
/// (upload, result, trace, drafts, history, comparison). The set's form and the batches are <see cref="BrowserFormAndBatchTests"/>,
/// on a server of their own so that the two classes' browser flows run side by side.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserTests(WebServer server) : BrowserTestClass(server.BaseAddress)
{
    private const string Set = "vn.qd318.xa-ntm";

    private async Task<IPage> UploadSampleAsync()
    {
        var page = await PageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync($"tr[data-set='{Set}'] a.button");
        await page.WaitForURLAsync($"**/sets/{Set}");
        await page.SetInputFilesAsync("#file", Built.Sample("cam-thanh-2023.json"));
        await page.ClickAsync("#evaluate-upload");
        await Browser.WaitForUrlOrSayWhyAsync(page, new Regex("/evaluations/[0-9a-f]{32}$"));
        return page;
    }

    [Fact]
    public async Task Upload_the_sample_see_the_statuses_open_a_trace_and_download_the_drafts()
    {
        var page = await PageAsync();
        await page.GotoAsync("/");
        (await page.Locator($"tr[data-set='{Set}']").InnerTextAsync()).Should().Contain("318/QĐ-TTg").And.Contain("phiên bản");
        await Browser.ScreenshotAsync(page, "1-trang-chu");
        await page.ClickAsync($"tr[data-set='{Set}'] a.button");
        await page.WaitForURLAsync($"**/sets/{Set}");
        await Browser.ScreenshotAsync(page, "2-bo-tieu-chi");
        await page.SetInputFilesAsync("#file", Built.Sample("cam-thanh-2023.json"));
        await page.ClickAsync("#evaluate-upload");
        await Browser.WaitForUrlOrSayWhyAsync(page, new Regex("/evaluations/[0-9a-f]{32}$"));

        (await page.Locator("#summary-criteria").InnerTextAsync()).Should().Be("11/19 tiêu chí");
        (await page.Locator("#summary-indicators").InnerTextAsync()).Should().Be("47/57 chỉ tiêu");
        (await page.Locator("#commune-name").InnerTextAsync()).Should().Be("Cẩm Thành");
        var row11 = page.Locator("tr.indicator[data-indicator='11']");
        (await row11.Locator(".status").GetAttributeAsync("data-status")).Should().Be("chua-dat");
        (await row11.Locator(".status").InnerTextAsync()).Should().Be("chưa đạt");
        (await row11.Locator(".threshold-state").GetAttributeAsync("data-state")).Should().Be("assumed", "the result table shows each threshold's state");
        // Every indicator row has a status; the counts add up to the set's 57 indicators.
        (await page.Locator("tr.indicator").CountAsync()).Should().Be(57);
        var counts = new[] { "dat", "chua-dat", "thieu-so-lieu", "khong-ap-dung" }
            .ToDictionary(c => c, c => page.Locator($"tr.indicator .status[data-status='{c}']").CountAsync().Result);
        counts.Values.Sum().Should().Be(57);
        counts["chua-dat"].Should().Be(int.Parse(await page.Locator("#count-chua-dat").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture));
        (counts["dat"] + counts["khong-ap-dung"]).Should().Be(47);
        // Colors differ by status (the style sheet loaded under the CSP).
        var red = await row11.Locator(".status").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var green = await page.Locator("tr.indicator .status[data-status='dat']").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        red.Should().NotBe(green).And.NotBe("rgba(0, 0, 0, 0)");
        await Browser.ScreenshotAsync(page, "3-ket-qua");

        // The draft, both formats, as a person downloads them.
        var md = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#draft-md"));
        md.SuggestedFilename.Should().EndWith(".md");
        var markdown = await File.ReadAllTextAsync((await md.PathAsync())!, Encoding.UTF8);
        markdown.Should().Be(await File.ReadAllTextAsync(Path.Combine(Built.RepoRoot, "tests", "NtmRules.Cli.Tests", "Golden", "cam-thanh-2023.xa-ntm.md")));
        var docx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#draft-docx"));
        docx.SuggestedFilename.Should().EndWith(".docx");
        using (var word = WordprocessingDocument.Open((await docx.PathAsync())!, false))
        {
            word.MainDocumentPart!.Document!.Body!.InnerText.Should().Contain("Cẩm Thành").And.Contain("KẾ HOẠCH");
        }
        var json = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#result-json"));
        (await File.ReadAllTextAsync((await json.PathAsync())!)).Should().Contain("\"format\": \"ntm.evaluation/1\"");

        // The auditor's trace of indicator 11.
        await row11.Locator("a.trace-link").ClickAsync();
        await page.WaitForURLAsync(new Regex("/indicators/11$"));
        (await page.Locator("#trace-status").InnerTextAsync()).Should().Contain("chưa đạt").And.Contain("failed-comparison");
        (await page.Locator("#trace-value").InnerTextAsync()).Should().Be("12,23%");
        (await page.Locator("#trace-threshold").InnerTextAsync()).Should().StartWith("≤ 6,5%");
        (await page.Locator("#trace-citation").InnerTextAsync()).Should().Be("QĐ 318/QĐ-TTg, Phụ lục I, Tiêu chí số 11");
        // The BTB figure 6,5% is Thanh Hóa's: assumed in the national set, and the page says why, never "theo QĐ 318".
        (await page.Locator("#trace-provenance").GetAttributeAsync("data-state")).Should().Be("assumed");
        (await page.Locator("#trace-provenance").InnerTextAsync()).Should().StartWith("giả định").And.Contain("Thanh Hóa");
        (await page.Locator("#trace-plugin").InnerTextAsync()).Should().Contain(server.Workspace.Host.GetSet(Set).Set.Plugin.ContentHash);
        (await page.Locator("#trace-text").InnerTextAsync()).Should().Contain("Số hộ nghèo đa chiều [hoNgheo]: 71 hộ");
        await Browser.ScreenshotAsync(page, "4-truy-vet");
    }

    [Fact]
    public async Task A_commune_name_with_a_script_is_shown_as_text_and_runs_nothing()
    {
        const string name = "<script>window.__ntmPwned = 1</script><img src=x onerror=\"window.__ntmPwned = 2\">Xã";
        var json = (await File.ReadAllTextAsync(Built.Sample("cam-thanh-2023.json"))).Replace("\"Cẩm Thành\"", System.Text.Json.JsonSerializer.Serialize(name), StringComparison.Ordinal);
        var page = await PageAsync();
        var dialogs = 0;
        page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await page.GotoAsync($"/sets/{Set}");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "<img src=y onerror=alert(2)>.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(json) });
        await page.ClickAsync("#evaluate-upload");
        await Browser.WaitForUrlOrSayWhyAsync(page, new Regex("/evaluations/[0-9a-f]{32}$"));
        (await page.Locator("#commune-name").InnerTextAsync()).Should().Be(name);
        (await page.Locator("#commune-name *").CountAsync()).Should().Be(0, "the name is text, not elements");
        (await page.Locator("img[src='x']").CountAsync()).Should().Be(0);
        (await page.EvaluateAsync<int?>("() => window.__ntmPwned ?? null")).Should().BeNull();
        dialogs.Should().Be(0);
        (await page.Locator(".facts").Last.InnerTextAsync()).Should().Contain("tệp số liệu <img src=y onerror=alert(2)>.json", "the uploaded file's name is text too");
        (await page.Locator("img[src='y']").CountAsync()).Should().Be(0);
        await Browser.ScreenshotAsync(page, "7-ten-co-script");
    }

    [Fact]
    public async Task Saved_evaluations_appear_in_the_history_and_two_of_them_compare()
    {
        var page = await UploadSampleAsync();
        await page.ClickAsync("#save");
        (await page.Locator("#saved").InnerTextAsync()).Should().StartWith("Đã lưu thành bản ghi số");
        // The next year's figures: poverty fell (30 of 1.784 households), everything else the same.
        var nextYear = (await File.ReadAllTextAsync(Built.Sample("cam-thanh-2023.json")))
            .Replace("\"hoNgheo\": 71", "\"hoNgheo\": 20", StringComparison.Ordinal).Replace("\"hoCanNgheo\": 149", "\"hoCanNgheo\": 10", StringComparison.Ordinal);
        nextYear.Should().Contain("\"hoNgheo\": 20").And.Contain("\"hoCanNgheo\": 10");
        await page.GotoAsync($"/sets/{Set}");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "cam-thanh-nam-sau.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(nextYear) });
        await page.CheckAsync("input[name='save']");
        await page.ClickAsync("#evaluate-upload");
        await page.WaitForURLAsync(new Regex("/evaluations/[0-9a-f]{32}$"));
        (await page.Locator("#summary-criteria").InnerTextAsync()).Should().Be("12/19 tiêu chí");
        (await page.Locator("#saved").InnerTextAsync()).Should().StartWith("Đã lưu thành bản ghi số");

        await page.GotoAsync("/history");
        (await page.Locator("tr[data-record]").CountAsync()).Should().BeGreaterThanOrEqualTo(2);
        await Browser.ScreenshotAsync(page, "9-lich-su");
        await page.ClickAsync("#compare");
        await page.WaitForURLAsync(new Regex("/compare\\?a=\\d+&b=\\d+$"));
        (await page.Locator("h1").InnerTextAsync()).Should().StartWith("So sánh bản ghi");
        var body = await page.Locator("body").InnerTextAsync();
        body.Should().Contain("Cải thiện (chưa đạt trước, nay đạt): 1").And.Contain("Không đổi: 18").And.Contain("Không đổi: 56");
        (await page.Locator("h3.change-improved + table tbody tr").First.InnerTextAsync()).Should().StartWith("11");
        await Browser.ScreenshotAsync(page, "10-so-sanh");
    }
}

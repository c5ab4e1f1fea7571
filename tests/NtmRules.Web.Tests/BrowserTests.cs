using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace NtmRules.Web.Tests;

/// <summary>The pages in a real browser: what a commune officer, a province and an auditor do.</summary>
[Collection(WebCollection.Name)]
public sealed class BrowserTests(WebServer server)
{
    private const string Set = "vn.qd318.xa-ntm";

    private Task<IPage> PageAsync() => Browser.NewPageAsync(server.BaseAddress);

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
    public async Task The_sets_own_form_filled_in_the_page_is_evaluated_and_a_bad_cell_is_shown_with_its_field()
    {
        var page = await PageAsync();
        await page.GotoAsync($"/sets/{Set}");
        await page.FillAsync("input[name='name']", "Xã Thử");
        await page.SelectOptionAsync("select[name='region']", "DBSH");
        await page.FillAsync("input[name='year']", "2024");
        await page.FillAsync("input[name='m.tongSoHo']", "1784");
        await page.FillAsync("input[name='m.hoNgheo']", "abc");
        await page.ClickAsync("#evaluate-form");
        (await page.Locator(".errors").InnerTextAsync()).Should().Contain("hoNgheo").And.Contain("abc");
        (await page.InputValueAsync("input[name='name']")).Should().Be("Xã Thử", "what was typed is kept");
        await Browser.ScreenshotAsync(page, "5-bieu-mau-loi");

        await page.FillAsync("input[name='m.hoNgheo']", "20");
        await page.FillAsync("input[name='m.hoCanNgheo']", "10");
        await page.ClickAsync("#evaluate-form");
        await Browser.WaitForUrlOrSayWhyAsync(page, new Regex("/evaluations/[0-9a-f]{32}$"));
        (await page.Locator("#commune-name").InnerTextAsync()).Should().Be("Xã Thử");
        var row11 = page.Locator("tr.indicator[data-indicator='11']");
        (await row11.Locator(".status").GetAttributeAsync("data-status")).Should().Be("dat", "30 of 1.784 households (1,68%) is under every region's threshold");
        (await page.Locator(".status[data-status='thieu-so-lieu']").CountAsync()).Should().BeGreaterThan(40, "almost nothing else was typed");
    }

    [Fact]
    public async Task The_commune_group_chosen_in_the_form_is_kept_on_an_error_and_shown_with_the_result()
    {
        var page = await PageAsync();
        await page.GotoAsync($"/sets/{Set}");
        (await page.Locator("#communeGroup option").AllInnerTextsAsync()).Should().Equal("(bộ này không phân nhóm)", "xã nhóm 1", "xã nhóm 2", "xã nhóm 3");
        await page.FillAsync("input[name='name']", "Xã Nhóm Hai");
        await page.SelectOptionAsync("select[name='region']", "BTB");
        await page.SelectOptionAsync("#communeGroup", "2");
        await page.FillAsync("input[name='year']", "2024");
        await page.FillAsync("input[name='m.tongSoHo']", "một nghìn");
        await page.ClickAsync("#evaluate-form");
        (await page.Locator(".errors").InnerTextAsync()).Should().Contain("tongSoHo");
        (await page.InputValueAsync("#communeGroup")).Should().Be("2", "the group chosen is kept with the rest of what was typed");

        await page.FillAsync("input[name='m.tongSoHo']", "1000");
        await page.ClickAsync("#evaluate-form");
        await Browser.WaitForUrlOrSayWhyAsync(page, new Regex("/evaluations/[0-9a-f]{32}$"));
        (await page.Locator("p.facts").First.InnerTextAsync()).Should().Contain("xã nhóm 2");
        await Browser.ScreenshotAsync(page, "5b-nhom-xa");
    }

    [Fact]
    public async Task A_malformed_upload_shows_the_CLIs_problem_lines_in_the_page()
    {
        var page = await PageAsync();
        await page.GotoAsync($"/sets/{Set}");
        await page.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "hong.json", MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes("{\n  \"format\": \"ntm.commune-data/1\",\n  \"commune\": {\n"),
        });
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#evaluate-upload"), r => r.Url.EndsWith("/evaluate"));
        response.Status.Should().Be(400);
        (await page.Locator(".errors").InnerTextAsync()).Should().Contain("hong.json(").And.Contain("lỗi:").And.Contain("JSON sai cú pháp", "pages are Vietnamese");

        await page.SetInputFilesAsync("#file", new FilePayload { Name = "virus.exe", MimeType = "application/octet-stream", Buffer = [0x4d, 0x5a] });
        response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#evaluate-upload"), r => r.Url.EndsWith("/evaluate"));
        response.Status.Should().Be(415);
        (await page.Locator(".errors").InnerTextAsync()).Should().Contain("Loại tệp không được hỗ trợ").And.Contain("virus.exe");
        await Browser.ScreenshotAsync(page, "6-tep-loi");
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
    public async Task A_district_csv_gives_the_aggregate_report_with_a_chart_per_commune()
    {
        var csv = "name,code,district,region,year,tongSoHo,hoNgheo,hoCanNgheo,duongXaKm,duongXaNhuaBeTongKm\n"
                  + "Xã Một,X1,Cẩm Thủy,BTB,2023,1784,20,10,12,12\n"
                  + "Xã Hai,X2,Cẩm Thủy,BTB,2023,900,\"1.784,5,2\",3,5,5\n"
                  + "Xã Ba,X3,Bá Thước,BTB,2023,1200,200,100,10,4\n"
                  + "\"<script>alert(1)</script>\",X4,Bá Thước,BTB,2023,1000,10,10,10,10\n";
        var page = await PageAsync();
        await page.GotoAsync("/batches");
        await page.SelectOptionAsync("#batch-set", Set);
        await page.SetInputFilesAsync("#batch-file", new FilePayload { Name = "huyen.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.SelectOptionAsync("#batch-group-by", "district");
        await page.ClickAsync("#batch-run");
        await page.WaitForURLAsync(new Regex("/batches/[0-9a-f]{32}$"));
        (await page.Locator("#batch-accepted").InnerTextAsync()).Should().Be("Đã đánh giá 3 xã, loại 1 dòng.");
        (await page.Locator(".errors").InnerTextAsync()).Should().Contain("huyen.csv, dòng 3, cột G (hoNgheo = \"1.784,5,2\"): lỗi: số \"1.784,5,2\" có thể hiểu nhiều cách", "pages are Vietnamese");
        var bars = page.Locator("#batch-chart g.bar");
        (await bars.CountAsync()).Should().Be(3);
        (await bars.Nth(2).GetAttributeAsync("data-commune")).Should().Be("<script>alert(1)</script>");
        (await bars.Nth(2).Locator("text").First.TextContentAsync()).Should().Be("<script>alert(1)</script>");
        var met = await bars.EvaluateAllAsync<int[]>("bs => bs.map(b => +b.getAttribute('data-met'))");
        met.Should().OnlyContain(m => m >= 0 && m <= 19);
        (await page.Locator("body").InnerTextAsync()).Should().Contain("Theo huyện (cũ)").And.Contain("Bá Thước");
        var report = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href$='/report.md']"));
        (await File.ReadAllTextAsync((await report.PathAsync())!)).Should().Contain("Số xã được đánh giá: 3");
        await Browser.ScreenshotAsync(page, "8-tong-hop");
    }

    [Fact]
    public async Task A_batch_can_leave_the_set_to_the_province_and_date_and_group_by_commune_group()
    {
        var csv = "name,code,province,communeGroup,region,year,tongSoHo,hoNgheo,hoCanNgheo\n"
                  + "Xã Một,X1,Thanh Hóa,1,BTB,2023,1000,20,10\n"
                  + "Xã Hai,X2,Thanh Hóa,2,BTB,2023,1000,90,10\n";
        var page = await PageAsync();
        await page.GotoAsync("/batches");
        await page.SelectOptionAsync("#batch-set", "auto");
        await page.SetInputFilesAsync("#batch-file", new FilePayload { Name = "tinh.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.SelectOptionAsync("#batch-group-by", "group");
        await page.ClickAsync("#batch-run");
        await page.WaitForURLAsync(new Regex("/batches/[0-9a-f]{32}$"));
        var body = await page.Locator("body").InnerTextAsync();
        body.Should().Contain("vn.thanh-hoa.2022-2025.xa-ntm", "Thanh Hóa's own set is in force in 2023").And.Contain("Theo nhóm xã").And.Contain("xã nhóm 2");

        var year2026 = csv.Replace(",2023,", ",2026,", StringComparison.Ordinal);
        await page.GotoAsync("/batches");
        await page.SelectOptionAsync("#batch-set", "auto");
        await page.SetInputFilesAsync("#batch-file", new FilePayload { Name = "tinh.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(year2026) });
        await page.ClickAsync("#batch-run");
        (await page.Locator(".errors").InnerTextAsync()).Should().Contain("Không có bộ tiêu chí xã nông thôn mới nào có hiệu lực tại tỉnh Thanh Hóa vào ngày 31/12/2026")
            .And.Contain("vn.qd318.xa-ntm — ");
    }

    [Fact]
    public async Task Saved_evaluations_appear_in_the_history_and_two_of_them_compare()
    {
        var first = await UploadSampleAsync();
        await first.ClickAsync("#save");
        (await first.Locator("#saved").InnerTextAsync()).Should().StartWith("Đã lưu thành bản ghi số");
        // The next year's figures: poverty fell (30 of 1.784 households), everything else the same.
        var nextYear = (await File.ReadAllTextAsync(Built.Sample("cam-thanh-2023.json")))
            .Replace("\"hoNgheo\": 71", "\"hoNgheo\": 20", StringComparison.Ordinal).Replace("\"hoCanNgheo\": 149", "\"hoCanNgheo\": 10", StringComparison.Ordinal);
        nextYear.Should().Contain("\"hoNgheo\": 20").And.Contain("\"hoCanNgheo\": 10");
        var second = await PageAsync();
        await second.GotoAsync($"/sets/{Set}");
        await second.SetInputFilesAsync("#file", new FilePayload { Name = "cam-thanh-nam-sau.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(nextYear) });
        await second.CheckAsync("input[name='save']");
        await second.ClickAsync("#evaluate-upload");
        await second.WaitForURLAsync(new Regex("/evaluations/[0-9a-f]{32}$"));
        (await second.Locator("#summary-criteria").InnerTextAsync()).Should().Be("12/19 tiêu chí");
        (await second.Locator("#saved").InnerTextAsync()).Should().StartWith("Đã lưu thành bản ghi số");

        await second.GotoAsync("/history");
        (await second.Locator("tr[data-record]").CountAsync()).Should().BeGreaterThanOrEqualTo(2);
        await Browser.ScreenshotAsync(second, "9-lich-su");
        await second.ClickAsync("#compare");
        await second.WaitForURLAsync(new Regex("/compare\\?a=\\d+&b=\\d+$"));
        (await second.Locator("h1").InnerTextAsync()).Should().StartWith("So sánh bản ghi");
        var body = await second.Locator("body").InnerTextAsync();
        body.Should().Contain("Cải thiện (chưa đạt trước, nay đạt): 1").And.Contain("Không đổi: 18").And.Contain("Không đổi: 56");
        (await second.Locator("h3.change-improved + table tbody tr").First.InnerTextAsync()).Should().StartWith("11");
        await Browser.ScreenshotAsync(second, "10-so-sanh");
    }
}

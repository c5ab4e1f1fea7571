using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace NtmRules.Web.Tests;

/// <summary>
/// The set's form and the batch page in a real browser: what is typed (the commune group with it) is kept on an error
/// and evaluated once mended, a district's aggregate report and a province-wide batch. What a malformed upload shows on
/// the set's page is <see cref="ApiTests.A_malformed_upload_on_the_set_page_shows_the_CLIs_problem_lines_and_a_wrong_file_type_its_own"/>.
/// </summary>
[Collection(BrowserFormCollection.Name)]
public sealed class BrowserFormAndBatchTests(WebServer server) : BrowserTestClass(server.BaseAddress)
{
    private const string Set = "vn.qd318.xa-ntm";

    [Fact]
    public async Task The_sets_own_form_keeps_what_was_typed_and_the_commune_group_on_a_bad_cell_and_evaluates_it_once_mended()
    {
        var page = await PageAsync();
        await page.GotoAsync($"/sets/{Set}");
        (await page.Locator("#communeGroup option").AllInnerTextsAsync()).Should().Equal("(bộ này không phân nhóm)", "xã nhóm 1", "xã nhóm 2", "xã nhóm 3");
        await page.FillAsync("input[name='name']", "Xã Thử");
        await page.SelectOptionAsync("select[name='region']", "DBSH");
        await page.SelectOptionAsync("#communeGroup", "2");
        await page.FillAsync("input[name='year']", "2024");
        await page.FillAsync("input[name='m.tongSoHo']", "1784");
        await page.FillAsync("input[name='m.hoNgheo']", "abc");
        await page.ClickAsync("#evaluate-form");
        (await page.Locator(".errors").InnerTextAsync()).Should().Contain("hoNgheo").And.Contain("abc");
        (await page.InputValueAsync("input[name='name']")).Should().Be("Xã Thử", "what was typed is kept");
        (await page.InputValueAsync("#communeGroup")).Should().Be("2", "the group chosen is kept with the rest of what was typed");
        await Browser.ScreenshotAsync(page, "5-bieu-mau-loi");

        await page.FillAsync("input[name='m.hoNgheo']", "20");
        await page.FillAsync("input[name='m.hoCanNgheo']", "10");
        await page.ClickAsync("#evaluate-form");
        await Browser.WaitForUrlOrSayWhyAsync(page, new Regex("/evaluations/[0-9a-f]{32}$"));
        (await page.Locator("#commune-name").InnerTextAsync()).Should().Be("Xã Thử");
        (await page.Locator("p.facts").First.InnerTextAsync()).Should().Contain("xã nhóm 2");
        var row11 = page.Locator("tr.indicator[data-indicator='11']");
        (await row11.Locator(".status").GetAttributeAsync("data-status")).Should().Be("dat", "30 of 1.784 households (1,68%) is under every region's threshold");
        (await page.Locator(".status[data-status='thieu-so-lieu']").CountAsync()).Should().BeGreaterThan(40, "almost nothing else was typed");
        await Browser.ScreenshotAsync(page, "5b-nhom-xa");
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
        await Browser.WaitForUrlOrSayWhyAsync(page, new Regex("/batches/[0-9a-f]{32}$"));
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
        await Browser.WaitForUrlOrSayWhyAsync(page, new Regex("/batches/[0-9a-f]{32}$"));
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
}

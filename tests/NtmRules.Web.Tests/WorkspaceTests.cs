using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using NtmRules.Intake.Reports;

namespace NtmRules.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class WorkspaceTests(WebServer server)
{
    [Fact]
    public async Task Dropped_evaluations_delete_their_uploaded_files()
    {
        var data = Built.TempFolder("ntm-web-evict");
        try
        {
            var w = new Workspace(new WebOptions
            {
                PluginsFolder = Built.Plugins, TemplatesFolder = Built.Templates, DataFolder = data,
                StorePath = Path.Combine(data, "r.db"), MaxEvaluations = 1, Quiet = true,
            });
            async Task<WebEvaluation> Evaluate()
            {
                var path = w.NewUploadPath(".json");
                File.Copy(Built.Sample("cam-thanh-2023.json"), path);
                return await w.EvaluateAsync("vn.qd318.xa-ntm", new UploadedFile(path, "cam-thanh-2023.json"), CancellationToken.None);
            }
            var first = await Evaluate();
            File.Exists(first.DataPath).Should().BeTrue();
            var second = await Evaluate();
            w.Evaluations.Get(first.Id).Should().BeNull();
            File.Exists(first.DataPath).Should().BeFalse("the upload of a dropped evaluation is deleted");
            File.Exists(second.DataPath).Should().BeTrue();
            Path.GetDirectoryName(second.DataPath).Should().Be(Path.Combine(data, "uploads"));

            // A file the readers refuse is deleted at once.
            var bad = w.NewUploadPath(".json");
            await File.WriteAllTextAsync(bad, "{");
            var refuse = () => w.EvaluateAsync("vn.qd318.xa-ntm", new UploadedFile(bad, "x.json"), CancellationToken.None);
            await refuse.Should().ThrowAsync<NtmRules.Kernel.Diagnostics.InputException>();
            File.Exists(bad).Should().BeFalse();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_sets_excel_form_downloads_and_an_xlsx_table_row_is_evaluated()
    {
        using var form = await server.Client.GetAsync("/sets/vn.qd318.xa-ntm/form.xlsx");
        form.StatusCode.Should().Be(HttpStatusCode.OK);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await form.Content.ReadAsByteArrayAsync()), false))
        {
            book.WorkbookPart!.Workbook.Sheets!.ChildElements.Select(s => ((DocumentFormat.OpenXml.Spreadsheet.Sheet)s).Name!.Value)
                .Should().Equal("Thông tin xã", "Số liệu", "Thuyết minh");
        }

        var table = XlsxWriter.ToBytes([new SheetSpec("Xã", [
            ["name", "region", "year", "tongSoHo", "hoNgheo", "hoCanNgheo"],
            ["Xã Bảng", "BTB", 2023, 1784, 71, 149],
        ], [20, 10, 10, 10, 10, 10])]);
        using var response = await server.Client.PostAsync("/api/evaluations", WebServer.Form("xa.xlsx", table, ("set", "vn.qd318.xa-ntm")));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var evaluation = JsonNode.Parse(body)!["evaluation"]!;
        ((string)evaluation["commune"]!["name"]!).Should().Be("Xã Bảng");
        var i11 = evaluation["criteria"]!.AsArray().SelectMany(c => c!["indicators"]!.AsArray()).Single(i => (string)i!["code"]! == "11")!;
        ((string)i11["status"]!).Should().Be("chua-dat");
    }
}

using NtmRules.Intake.Annex;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;
using NtmRules.Tests.Shared;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>
/// What the intake readers tell a person follows the UI language (#17): Vietnamese by default, English
/// on request, with the places (sheet, row, column) named in the same language and the keys a person
/// types (name, region, tongSoHo) left as they are.
/// </summary>
public class MessagesInVietnameseTests
{
    private static string Csv(string text)
    {
        var path = Path.Combine(IntakeKit.TempFolder(), "xa.csv");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A row with no name, an unknown region and a word where a count goes; "1.784" households is a count, and fine.</summary>
    private const string BadRow = "name,region,year,tongSoHo,hoNgheo,ghiChu\n,XYZ,2025,1.784,nhiều,x\n";

    [Fact]
    public void Row_errors_and_their_places_are_in_Vietnamese()
    {
        var path = Csv(BadRow);
        using var _ = TestCulture.Use("vi");
        var warnings = new List<IntakeProblem>();

        var row = IntakeKit.ReadAll(path, warnings).Single();

        row.Data.Should().BeNull();
        var lines = row.Problems.Select(p => p.ToString()).ToArray();
        lines.Should().Contain("xa.csv, dòng 2, cột A (name): lỗi: xã chưa có tên (tên xã)");
        lines.Should().Contain(l => l.StartsWith("xa.csv, dòng 2, cột B (region = \"XYZ\"): lỗi: vùng không hợp lệ; hãy ghi một trong TDMNPB (")
            && l.Contains("BTB (Bắc Trung Bộ)"));
        lines.Should().NotContain(l => l.Contains("tongSoHo"), "\"1.784\" is how 1784 households are written");
        warnings.Select(w => w.ToString()).Should().Equal(
            $"xa.csv, dòng 1: cảnh báo: 1 cột không phải số liệu của bộ tiêu chí {IntakeKit.Set.Id} nên bị bỏ qua: ghiChu");
    }

    [Fact]
    public void File_errors_are_in_Vietnamese()
    {
        using var _ = TestCulture.Use("vi");

        Message(() => IntakeKit.ReadAll(Csv(""))).Should().Be("tệp trống; cần một dòng tiêu đề (name, region, year, rồi các mã số liệu)");
        Message(() => IntakeKit.ReadAll(Csv("name,year,tongSoHo\nA,2025,1\n")))
            .Should().Be($"dòng tiêu đề thiếu cột \"region\"; cần có name, region, year và các mã số liệu của bộ tiêu chí {IntakeKit.Set.Id}");
        Message(() => CommuneFileReader.ReadOne(Csv("name,region,year\nA,BTB,2025\nB,BTB,2025\n"), "xa.csv", IntakeKit.Set, []))
            .Should().Be("tệp có nhiều hơn một xã; hãy dùng 'ntm batch' cho nhiều xã");
        var utf16 = Csv("");
        File.WriteAllBytes(utf16, [0xFF, 0xFE, 0x41, 0x00]);
        Message(() => IntakeKit.ReadAll(utf16))
            .Should().Be("tệp được mã hóa UTF-16 (\"Unicode text\"); hãy lưu thành UTF-8 (trong Excel: \"CSV UTF-8 (Comma delimited)\")");
    }

    [Fact]
    public void In_English_the_same_errors_read_as_before()
    {
        var path = Csv(BadRow);
        using var _ = TestCulture.Use("en");

        var lines = IntakeKit.ReadAll(path).Single().Problems.Select(p => p.ToString()).ToArray();

        lines.Should().Contain("xa.csv, row 2, column A (name): error: the commune has no name (tên xã)");
        lines.Should().Contain(l => l.StartsWith("xa.csv, row 2, column B (region = \"XYZ\"): error: unknown region; use one of TDMNPB ("));
        Message(() => IntakeKit.ReadAll(Csv(""))).Should().Be("the file is empty; it needs a header row (name, region, year, then measure keys)");
    }

    /// <summary>The tests' small 2026–2030 annex with a figure below its measure's decimal minimum and a kind no one knows.</summary>
    private static async Task<string[]> AnnexErrorsAsync()
    {
        var rows = AnnexImportTests.Annex2026();
        rows[14][AnnexLayout.MeasureMin - 1] = 0.5;               // thuNhapBinhQuanDauNguoi ≥ 0,5
        rows[7][AnnexLayout.FirstFigure + 8 - 1] = 0.1;           // indicator 3.1, group 1: below it
        rows[2][AnnexLayout.Kind - 1] = "phần trăm";
        var path = Path.Combine(IntakeKit.TempFolder(), "phu-luc.xlsx");
        XlsxWriter.Write(path, [new SheetSpec(AnnexLayout.Sheet, rows, [])]);
        var options = new AnnexOptions("vn.minh-hoa.2026-2030", "QĐ 99/2026/QĐ-THỬ") { DecisionDate = "2026-01-05", Authority = "Đơn vị kiểm thử" };
        var act = () => AnnexImporter.ImportAsync(null, path, "phu-luc.xlsx", options, Path.Combine(IntakeKit.TempFolder(), "plugin"), null,
            dir => PluginHost.LoadCandidate(dir, null));
        return (await act.Should().ThrowAsync<InputException>()).Which.Problems.Select(p => p.Message).ToArray();
    }

    [Fact]
    public async Task Annex_errors_are_in_Vietnamese_with_ranges_written_the_Vietnamese_way()
    {
        using var _ = TestCulture.Use("vi");

        var messages = await AnnexErrorsAsync();

        messages.Should().Contain(m => m.StartsWith("loại chỉ tiêu phải là một trong \"tỷ lệ\", \"giá trị\""));
        messages.Should().Contain(m => m.Contains(
            "mức nằm ngoài khoảng giá trị của chỉ tiêu (số liệu thuNhapBinhQuanDauNguoi: ≥ 0,5); kiểm tra đơn vị và dấu thập phân"), string.Join("\n", messages));
    }

    [Fact]
    public async Task Annex_errors_are_in_English_on_request()
    {
        using var _ = TestCulture.Use("en");

        var messages = await AnnexErrorsAsync();

        messages.Should().Contain(m => m.StartsWith("the indicator kind must be one of \"tỷ lệ\", \"giá trị\""), string.Join("\n", messages));
        messages.Should().Contain(m => m.Contains(
            "the figure is outside the values the indicator can take (measure thuNhapBinhQuanDauNguoi: ≥ 0,5); check the unit and the decimal comma"));
    }

    private static string Message(Action act) => act.Should().Throw<NtmException>().Which.Problems[0].Message;
}

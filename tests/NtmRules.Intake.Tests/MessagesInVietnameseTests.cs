using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
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

    private static string Message(Action act) => act.Should().Throw<NtmException>().Which.Problems[0].Message;
}

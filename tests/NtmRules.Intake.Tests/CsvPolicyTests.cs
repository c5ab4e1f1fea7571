using System.Text;
using NtmRules.Intake.Csv;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>
/// The one CSV policy (<see cref="CsvPolicy"/>): what is written is read back as it was, a cell a
/// spreadsheet would run is neutralised, a byte order mark is written where Excel needs it and read
/// either way, and a quote that is never closed is refused with the line it was opened on.
/// </summary>
public class CsvPolicyTests
{
    private static string Rows(RawTable t) =>
        string.Join("|", t.Header) + "\n" + string.Join("\n", t.Rows.Select(r => $"{r.Number}:{r.Defect}:" + string.Join("|", r.Cells.Select(c => c.Text))));

    [Theory]
    [InlineData("Xã Thạch Hòa, huyện Thạch Thất")]
    [InlineData("Thôn \"Đồng Mới\"")]
    [InlineData("dòng một\ndòng hai\r\ndòng ba")]
    [InlineData("12,5; 1.784")]
    [InlineData("\"\"")]
    [InlineData("Ẩm thực Đắk Lắk")]
    public void A_cell_written_by_the_policy_reads_back_as_it_was(string text)
    {
        var output = new StringWriter();
        using (var csv = CsvPolicy.Writer(output))
        {
            CsvPolicy.WriteRow(csv, ["name", "note", "year"]);
            CsvPolicy.WriteRow(csv, [CsvPolicy.Cell("Xã A"), CsvPolicy.Cell(text), "2024"]);
            CsvPolicy.WriteRow(csv, [CsvPolicy.Cell(text), "", "2025"]);
        }
        var table = CsvTableReader.Parse(Encoding.UTF8.GetBytes(output.ToString()), "x.csv");
        var rows = table.Rows.ToList();
        table.Header.Should().Equal("name", "note", "year");
        rows.Select(r => r.Cells.Select(c => c.Text)).Should().BeEquivalentTo(new[] { new[] { "Xã A", text, "2024" }, new[] { text, "", "2025" } },
            o => o.WithStrictOrdering());
        rows[1].Number.Should().Be(3 + text.Count(c => c == '\n'), "a line break inside a quoted cell moves the next row's line");
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+84 912", "'+84 912")]
    [InlineData("-A2", "'-A2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("-5", "-5")]
    [InlineData("+1,5", "\"+1,5\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("Xã = xã", "Xã = xã")]
    [InlineData(null, "")]
    public void A_cell_a_spreadsheet_would_run_gets_an_apostrophe_and_a_plain_number_does_not(string? text, string cell) =>
        CsvPolicy.Cell(text).Should().Be(cell);

    [Fact]
    public void The_error_report_starts_with_one_byte_order_mark_and_neutralises_every_cell()
    {
        var path = Path.Combine(IntakeKit.TempFolder(), "errors.csv");
        ErrorReportWriter.Write([new IntakeProblem(Severity.Error, "huyện.csv", null, 7, "B", "name", "=HYPERLINK(\"x\")", "tên, có dấu phẩy")], path);
        var bytes = File.ReadAllBytes(path);
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Should().Be(
            "severity,file,sheet,row,column,field,value,reason\nerror,huyện.csv,,7,B,name,\"'=HYPERLINK(\"\"x\"\")\",\"tên, có dấu phẩy\"\n");
    }

    [Fact]
    public void A_file_with_or_without_byte_order_mark_reads_the_same()
    {
        var text = Encoding.UTF8.GetBytes("name;region;tyLe\nXã C;TN;\"12,5\"\n");
        var plain = Rows(CsvTableReader.Parse(text, "x.csv"));
        Rows(CsvTableReader.Parse([.. CsvPolicy.Utf8WithBom.GetPreamble(), .. text], "x.csv")).Should().Be(plain);
        plain.Should().Be("name|region|tyLe\n2::Xã C|TN|12,5", "the header's semicolons make it the separator");
    }

    [Theory]
    [InlineData("name,region\nXã A,BTB\nXã B,\"BTB\nXã C,TN\n", 3, 3)]
    [InlineData("name,region\n\"Xã\nA\",\"BTB\n", 2, 3)]
    [InlineData("name,region\n\"Xã \"\"A\"\"\",BTB\nXã B,\"\"\"TN\n", 3, 3)]
    public void A_quote_never_closed_is_refused_with_the_line_it_was_opened_on(string text, int row, int quoteLine)
    {
        var rows = CsvTableReader.Parse(Encoding.UTF8.GetBytes(text), "x.csv").Rows.ToList();
        rows[^1].Number.Should().Be(row);
        rows[^1].Defect.Should().Be($"a quote opened on line {quoteLine} is never closed; the rest of the file is this one cell");
        rows.Take(rows.Count - 1).Should().NotContain(r => r.Defect != null);
    }

    [Theory]
    [InlineData("\"ab\"cd", "abcd")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    [InlineData("\"\"", "")]
    [InlineData("\"open", "open")]
    [InlineData("plain \"x\"", "plain \"x\"")]
    public void A_quoted_cell_loses_its_quotes_and_keeps_what_follows_the_closing_one(string raw, string text) =>
        CsvPolicy.Unquote(raw).Should().Be(text);

    [Fact]
    public void A_row_longer_than_the_bound_is_refused_with_its_line_and_the_rows_before_it_are_read()
    {
        var text = "name,region\nXã A,BTB\n" + new string('x', CsvPolicy.MaxRowLength + 10) + ",BTB\n";
        var rows = CsvTableReader.Parse(Encoding.UTF8.GetBytes(text), "x.csv").Rows.ToList();
        rows.Should().HaveCount(2);
        rows[0].Defect.Should().BeNull();
        (rows[1].Number, rows[1].Defect).Should().Be((3,
            $"a row longer than {CsvPolicy.MaxRowLength} characters starts on this line; the rest of the file is not read (is a quote never closed?)"));
    }
}

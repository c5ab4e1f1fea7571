using System.Text;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>
/// <see cref="CsvTableReader.Read"/> streams a file row by row; it must read exactly what reading the
/// whole file's bytes (<see cref="CsvTableReader.Parse"/>) reads, and refuse what that refuses, with the same message.
/// </summary>
public class CsvStreamingTests
{
    private static string Write(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "ntm-csv-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Rows(RawTable t) =>
        string.Join("|", t.Header) + "\n" + string.Join("\n", t.Rows.Select(r => $"{r.Number}:{r.Defect}:" + string.Join("|", r.Cells.Select(c => c.Text))));

    [Theory]
    [InlineData("name,region,year\r\nXã A,BTB,2024\r\n\"Xã \"\"B\"\", thôn 1\",DBSH,2023\r\n")]
    [InlineData("name;region;tyLe\n\"Xã\nC\";TN;\"12,5\"\n\nXã D;TN;7\n")]
    [InlineData("name,region\nXã E,\"BTB")]
    public void A_streamed_file_reads_as_its_bytes_do(string text)
    {
        foreach (var bytes in new[] { Encoding.UTF8.GetBytes(text), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)] })
        {
            var path = Write(bytes);
            Rows(CsvTableReader.Read(path, "x.csv")).Should().Be(Rows(CsvTableReader.Parse(bytes, "x.csv")));
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_not_utf8_far_into_it_is_refused_before_any_row_with_its_offset_and_line()
    {
        var good = Encoding.UTF8.GetBytes("name,region,year\n" + string.Concat(Enumerable.Repeat("Xã Nào Đó,BTB,2024\n", 20_000)));
        byte[] bytes = [.. good, 0xC3, 0x28, .. "\n"u8.ToArray()];
        var path = Write(bytes);
        var streamed = () => CsvTableReader.Read(path, "x.csv");
        var whole = () => CsvTableReader.Parse(bytes, "x.csv");
        streamed.Should().Throw<InputException>().Which.Problems.Single().ToString()
            .Should().Contain("first invalid byte at offset").And.Be(whole.Should().Throw<InputException>().Which.Problems.Single().ToString());
        File.Delete(path);
    }
}

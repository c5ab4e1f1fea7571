using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using NtmRules.Intake.Batch;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Intake.Csv;
using NtmRules.Bench.Synthetic;
using NtmRules.Kernel.Tests.Intake;
using Xunit.Abstractions;

namespace NtmRules.Kernel.Tests.Hostile;

/// <summary>
/// Hostile spreadsheets and batches (issue 16, cases 6–9): control characters in cells, formula
/// injection into the CSV files the product writes, an XLSX decompression bomb, and batch output size.
/// </summary>
public class HostileIntakeTests(ITestOutputHelper output)
{
    private const string Header = "name,code,region,year,tongSoHo,hoNgheo";

    private static string Csv(string folder, params string[] rows)
    {
        var path = Path.Combine(folder, "huyen.csv");
        File.WriteAllText(path, string.Join('\n', rows.Prepend(Header)) + "\n", new UTF8Encoding(false));
        return path;
    }

    [Fact] // case 6
    public async Task Case06_a_NUL_in_a_code_cell_rejects_that_row_with_its_place_and_the_batch_still_writes_every_report()
    {
        var dir = IntakeKit.TempFolder();
        var input = Csv(dir, "A,A1,BTB,2023,100,5", "B,B\0X\u001b[31m,BTB,2023,100,5", "C,C1,BTB,2023,100,7");
        var outcome = await new BatchRunner(NationalSet.Evaluator, NationalSet.Compiled).RunAsync([new BatchInput(input, "huyen.csv")], Path.Combine(dir, "out"), false);

        outcome.Accepted.Should().Be(2);
        outcome.Rejected.Should().Be(1);
        var p = outcome.Problems.Should().ContainSingle(p => p.Severity == Severity.Error).Which;
        (p.Row, p.Column, p.Field).Should().Be((3, "B", "code"));
        p.Reason.Should().Contain("U+0000 (NUL)");
        p.Value.Should().Be("B\\u0000X\\u001B[31m", "the value is echoed, the characters are not");
        p.ToString().Should().NotContain("\0").And.NotContain("\u001b");
        foreach (var file in new[] { "report.md", "report.xlsx", "errors.csv", BatchRunner.ResultsFile })
            File.Exists(Path.Combine(dir, "out", file)).Should().BeTrue(file);
        File.ReadAllText(Path.Combine(dir, "out", "errors.csv")).Should().NotContain("\0");
    }

    [Fact] // case 6, headers
    public void Case06_a_control_character_in_a_header_is_shown_escaped_in_the_warning()
    {
        var dir = IntakeKit.TempFolder();
        var path = Path.Combine(dir, "x.csv");
        File.WriteAllText(path, "name,region,year,x\u001b[2J\nA,BTB,2023,1\n");
        var warnings = new List<IntakeProblem>();
        IntakeKit.ReadAll(path, warnings);
        warnings.Should().ContainSingle().Which.Reason.Should().Contain("x\\u001B[2J").And.NotContain("\u001b");
    }

    [Fact] // found while probing: a 30-million-character name took 28 s and 1,2 GB to print
    public void A_name_longer_than_any_commune_name_is_refused_and_echoed_only_in_part()
    {
        var dir = IntakeKit.TempFolder();
        var input = Csv(dir, $"{new string('x', 1_000_000)},A1,BTB,2023,100,5");
        var row = IntakeKit.ReadAll(input).Single();
        row.Data.Should().BeNull();
        var p = row.Problems.Should().ContainSingle().Which;
        (p.Row, p.Column, p.Field).Should().Be((2, "A", "name"));
        p.Reason.Should().Be("name is 1000000 characters long; at most 200 are accepted");
        p.Value.Should().EndWith("… (1000000 characters)").And.HaveLength(100 + "… (1000000 characters)".Length);
    }

    [Fact] // found while probing: a header of 100.000 made-up columns made a 700 KB warning line
    public void A_header_of_many_unknown_columns_is_summarised_in_one_short_warning()
    {
        var dir = IntakeKit.TempFolder();
        var path = Path.Combine(dir, "wide.csv");
        File.WriteAllText(path, "name,region,year," + string.Join(',', Enumerable.Range(0, 100_000).Select(i => "c" + i)) + "\nA,BTB,2023\n");
        var warnings = new List<IntakeProblem>();
        IntakeKit.ReadAll(path, warnings);
        var reason = warnings.Should().ContainSingle().Which.Reason;
        reason.Should().EndWith("c18, c19 and 99980 more");
        reason.Length.Should().BeLessThan(300);
    }

    [Fact] // case 7
    public async Task Case07_every_cell_of_errors_csv_and_results_csv_is_neutralised_against_formula_injection()
    {
        var dir = IntakeKit.TempFolder();
        var input = Csv(dir,
            "=HYPERLINK(\"http://x\"),=cmd|' /C calc'!A0,BTB,2023,100,=1+1",
            "@SUM(A1),+A1,BTB,2023,100,-5",
            "=Tên xã,-A2,BTB,2023,100,3");
        var outcome = await new BatchRunner(NationalSet.Evaluator, NationalSet.Compiled).RunAsync([new BatchInput(input, "huyen.csv")], Path.Combine(dir, "out"), false);
        outcome.Accepted.Should().Be(1);

        var errors = File.ReadAllText(Path.Combine(dir, "out", "errors.csv"));
        errors.Should().Contain(",'=1+1,").And.Contain(",-5,", "a plain negative number is no formula");
        var results = File.ReadAllLines(Path.Combine(dir, "out", BatchRunner.ResultsFile));
        results[1].Should().StartWith("'-A2,'=Tên xã,");
        foreach (var line in File.ReadAllLines(Path.Combine(dir, "out", "errors.csv")).Skip(1).Concat(results.Skip(1)))
        {
            foreach (var cell in SplitCsv(line))
                (cell.Length == 0 || !"=+-@\t\r".Contains(cell[0]) || double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _))
                    .Should().BeTrue($"cell <{cell}> of <{line}> would run as a formula");
        }
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+84 912", "'+84 912")]
    [InlineData("-5", "-5")]
    [InlineData("-1.784,5", "\"-1.784,5\"")]
    [InlineData("@x", "'@x")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("=a;b", "\"'=a;b\"")]
    public void Case07_CsvCell_prefixes_formulas_and_quotes_separators(string text, string cell) => CsvPolicy.Cell(text).Should().Be(cell);

    /// <summary>A workbook whose only sheet unzips to <paramref name="sheetBytes"/> of rows, written as a stream (nothing held in memory).</summary>
    internal static string Bomb(string folder, long sheetBytes)
    {
        var template = XlsxWriter.ToBytes([new SheetSpec("Xã", [["name", "region", "year"]], [10, 10, 10])]);
        var path = Path.Combine(folder, "bom.xlsx");
        using var source = new ZipArchive(new MemoryStream(template), ZipArchiveMode.Read);
        using var target = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            using var to = copy.Open();
            if (!entry.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
            {
                using var from = entry.Open();
                from.CopyTo(to);
                continue;
            }
            var row = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<row><c><v>1</v></c></row>", 4096)));
            to.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
            for (long written = 0; written < sheetBytes; written += row.Length) to.Write(row);
            to.Write("</sheetData></worksheet>"u8);
        }
        return path;
    }

    [Fact] // case 8
    public void Case08_a_400_MB_sheet_in_a_small_workbook_is_refused_before_it_is_read()
    {
        var dir = IntakeKit.TempFolder();
        var path = Bomb(dir, 400L * 1024 * 1024);
        var size = new FileInfo(path).Length;
        size.Should().BeLessThan(4 * 1024 * 1024, "a bomb is small on disk");

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var act = () => IntakeKit.ReadAll(path);
        var p = act.Should().Throw<InputException>().Which.Problems.Single();
        clock.Stop();
        var used = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        output.WriteLine($"bomb {size:N0} bytes on disk, 400 MB sheet: refused in {clock.ElapsedMilliseconds} ms, {used / 1024:N0} KB allocated");

        p.File.Should().Be("bom.xlsx");
        p.Message.Should().Contain("too large to read").And.Contain("100 MB");
        used.Should().BeLessThan(20 * 1024 * 1024);
    }

    [Fact] // case 8: a part that lies about its size
    public void Case08_a_sheet_larger_than_its_zip_entry_declares_is_refused_when_inflating_passes_the_declared_size()
    {
        var dir = IntakeKit.TempFolder();
        var path = Bomb(dir, 8L * 1024 * 1024);
        LieAboutSizes(path, "xl/worksheets/sheet1.xml", 1000);
        var act = () => IntakeKit.ReadAll(path);
        act.Should().Throw<InputException>().Which.Problems.Single().Message.Should().ContainAny("more than it declares", "not a readable Excel workbook");
    }

    [Fact] // case 8: rows and cells
    public void Case08_rows_and_cells_are_capped_while_reading()
    {
        var dir = IntakeKit.TempFolder();
        var rows = Bomb(dir, 64 * 1024);
        var act = () => XlsxWorkbookReader.Open(rows, "rows.xlsx", new XlsxLimits(100L * 1024 * 1024, 100, 500, 1_000_000));
        act.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Contain("more than 500 rows");

        var wide = Path.Combine(dir, "wide.xlsx");
        XlsxWriter.Write(wide, [new SheetSpec("Xã", [["name", "region", "year"], Enumerable.Repeat<object?>("x", 3000).ToArray()], [10])]);
        var cells = () => XlsxWorkbookReader.Open(wide, "wide.xlsx", new XlsxLimits(100L * 1024 * 1024, 100, 500, 2_000));
        cells.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Contain("more than 2.000 cells");
    }

    [Fact] // case 9
    public async Task Case09_a_batch_writes_one_compact_results_file_by_default_full_results_on_request_and_the_same_report()
    {
        var dir = IntakeKit.TempFolder();
        var input = Path.Combine(dir, "p.csv");
        // 60 communes: the two runs' outputs compared file by file and an average line length need no more.
        using (var w = new StreamWriter(input)) SyntheticProvince.For(NationalSet.Compiled).WriteCsv(w, 60, 16);
        var runner = new BatchRunner(NationalSet.Evaluator, NationalSet.Compiled);
        var compact = await runner.RunAsync([new BatchInput(input, "p.csv")], Path.Combine(dir, "compact"), true);
        await runner.RunAsync([new BatchInput(input, "p.csv")], Path.Combine(dir, "full"), true, fullResults: true);

        Directory.Exists(Path.Combine(dir, "compact", BatchRunner.CommunesFolder)).Should().BeFalse();
        Directory.GetFiles(Path.Combine(dir, "full", BatchRunner.CommunesFolder)).Should().HaveCount(compact.Accepted);
        foreach (var file in new[] { "report.md", "report.xlsx", "errors.csv", BatchRunner.ResultsFile })
            File.ReadAllBytes(Path.Combine(dir, "compact", file)).Should().Equal(File.ReadAllBytes(Path.Combine(dir, "full", file)), file);
        var perCommune = new FileInfo(Path.Combine(dir, "compact", BatchRunner.ResultsFile)).Length / (double)compact.Accepted;
        output.WriteLine($"results.csv: {perCommune:0} bytes per commune");
        perCommune.Should().BeLessThan(1024);
    }

    private static IEnumerable<string> SplitCsv(string line)
    {
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == ',') { yield return cell.ToString(); cell.Clear(); }
            else cell.Append(c);
        }
        yield return cell.ToString();
    }

    /// <summary>Rewrites the uncompressed size the central directory gives for <paramref name="entry"/>.</summary>
    private static void LieAboutSizes(string path, string entry, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.ASCII.GetBytes(entry);
        for (var i = bytes.Length - 46; i >= 0; i--)
        {
            if (BitConverter.ToUInt32(bytes, i) != 0x02014b50) continue;
            var nameLength = BitConverter.ToUInt16(bytes, i + 28);
            if (!bytes.AsSpan(i + 46, nameLength).SequenceEqual(name)) continue;
            BitConverter.GetBytes(size).CopyTo(bytes, i + 24);
            File.WriteAllBytes(path, bytes);
            return;
        }
        throw new InvalidOperationException("entry not found");
    }
}

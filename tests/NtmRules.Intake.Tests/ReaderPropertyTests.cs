using NtmRules.Kernel.Formatting;
using System.Text;
using CsCheck;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>
/// Properties of the readers over generated files: reading never fails with anything but
/// <see cref="InputException"/> (a whole file refused, with a message), and every commune row ends
/// either accepted, with valid data and no error, or rejected, with at least one error that names its row.
/// </summary>
public class ReaderPropertyTests
{
    /// <summary>CsCheck's default number of draws: 100 generated CSV files and JSON texts, 33 workbooks, 200 byte strings.</summary>
    private const int Iterations = 100;

    /// <summary>Measures whose valid range holds 0 and 1, so that the generator knows which tokens are valid.</summary>
    private static readonly Measure[] Measures = IntakeKit.Set.Measures
        .Where(m => m.Type == MeasureType.Boolean || (VietnameseFormat.EffectiveRange(m) is var (lo, hi) && (lo ?? 0) <= 0 && (hi ?? 1) >= 1))
        .Take(12).ToArray();

    /// <summary>A cell token and whether it is valid for its column.</summary>
    private sealed record Token(string Text, bool Valid);

    private static Token[] TokensFor(Measure m) => m.Type == MeasureType.Boolean
        ? [new Token("", true), new Token("true", true), new Token("không", true), new Token("maybe", false), new Token("1,5", false)]
        : [new Token("", true), new Token("0", true), new Token("1", true), new Token(m.Type == MeasureType.Integer ? "1,5" : "0,5", m.Type != MeasureType.Integer),
            new Token("abc", false), new Token("1.784,5,2", false), new Token("-5", false), new Token("\"1\"", true)];

    private static readonly Gen<Token> Region = Gen.OneOf(new Token("DBSH", true), new Token("TDMNPB", true), new Token("XX", false), new Token("", false));
    private static readonly Gen<Token> Year = Gen.OneOf(new Token("2024", true), new Token("2023", true), new Token("20x4", false), new Token("1999", false));
    private static readonly Gen<Token> Name = Gen.OneOf(new Token("Xã Một", true), new Token("\"Xã Hai, Ba\"", true), new Token("Xã \"\"Bốn\"\"", true));

    private static readonly Gen<Token[]> Row = Gen.Select(Name, Region, Year, Gen.Int[0, 999].Array[Measures.Length].Select(picks => picks.Select((p, i) => TokensFor(Measures[i])[p % TokensFor(Measures[i]).Length]).ToArray()))
        .Select((n, r, y, ms) => new[] { n, r, y }.Concat(ms).ToArray());

    private static readonly string Header = string.Join(",", new[] { "name", "region", "year" }.Concat(Measures.Select(m => m.Key)));

    private static void CheckRows(IReadOnlyList<IntakeRow> rows, IReadOnlyList<Token[]> generated, Func<int, int> rowNumber)
    {
        rows.Should().HaveCount(generated.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            row.Row.Should().Be(rowNumber(i));
            var errors = row.Problems.Where(p => p.Severity == Severity.Error).ToList();
            row.Accepted.Should().Be(errors.Count == 0, row.Where);
            row.Accepted.Should().Be(generated[i].All(t => t.Valid), string.Join(" | ", generated[i].Select(t => t.Text)) + "\n" + string.Join("\n", errors));
            errors.Where(e => e.Row != rowNumber(i)).Should().BeEmpty();
        }
    }

    [Fact]
    public void Every_row_of_a_generated_csv_is_accepted_exactly_when_its_cells_are_valid()
    {
        var dir = IntakeKit.TempFolder();
        Row.List[0, 15].Sample(rows =>
        {
            var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(path, Header + "\n" + string.Join("\r\n", rows.Select(r => string.Join(",", r.Select(t => Csv(t.Text))))), new UTF8Encoding(rows.Count % 2 == 0));
            CheckRows(IntakeKit.ReadAll(path), rows, i => i + 2);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_row_of_a_generated_workbook_is_accepted_exactly_when_its_cells_are_valid()
    {
        var dir = IntakeKit.TempFolder();
        Row.List[0, 10].Sample(rows =>
        {
            var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".xlsx");
            var table = new List<IReadOnlyList<object?>> { Header.Split(',') };
            // In a workbook a cell holds its text as is: no CSV quoting.
            table.AddRange(rows.Select(r => r.Select(t => (object?)(t.Text.Length == 0 ? null : Unquote(t.Text))).ToArray()));
            XlsxWriter.Write(path, [new SheetSpec("Xã", table, [])]);
            CheckRows(IntakeKit.ReadAll(path), rows, i => i + 2);
        }, iter: Iterations / 3);
    }

    /// <summary>A token as a CSV cell: quoted when it holds the separator and is not quoted already.</summary>
    private static string Csv(string token) => token.Contains(',') && !token.StartsWith('"') ? "\"" + token + "\"" : token;

    private static string Unquote(string csv) => csv.StartsWith('"') ? csv[1..^1].Replace("\"\"", "\"") : csv;

    [Fact]
    public void Arbitrary_bytes_as_csv_are_read_or_refused_never_thrown()
    {
        var dir = IntakeKit.TempFolder();
        var chaos = Gen.OneOf(
            Gen.Byte.Array[0, 300],
            Gen.String[Gen.Char["name,region,year;\"\r\n0123456789.,xã ĐDBSH" + Measures[0].Key], 0, 300].Select(s => Encoding.UTF8.GetBytes(Header + "\n" + s)));
        chaos.Sample(bytes =>
        {
            var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllBytes(path, bytes);
            ReadOrRefuse(path);
        }, iter: Iterations * 2);
    }

    [Fact]
    public void Arbitrary_bytes_and_damaged_workbooks_as_xlsx_are_read_or_refused_never_thrown()
    {
        var dir = IntakeKit.TempFolder();
        var valid = XlsxWriter.ToBytes(NtmRules.Intake.Forms.FormWriter.Sheets(IntakeKit.Set));
        var chaos = Gen.OneOf(
            Gen.Byte.Array[0, 300],
            Gen.Int[0, valid.Length].Select(n => valid[..n]),
            Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Select((at, b) => { var copy = (byte[])valid.Clone(); copy[at] = b; return copy; }));
        void Check(byte[] bytes)
        {
            var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".xlsx");
            File.WriteAllBytes(path, bytes);
            ReadOrRefuse(path);
        }
        // Once found by a random run: a damaged form whose narrative rows are shorter than the
        // sheet's columns (a cell past the end of a row had null text). Kept as a fixed case.
        chaos.Sample(Check, seed: "4_llyWQXh-s1", iter: 1);
        chaos.Sample(Check, iter: Iterations);
    }

    [Fact]
    public void A_cell_past_the_end_of_a_short_row_is_blank_with_empty_text()
    {
        var row = new RawRow(7, [new SourceCell("a", false)]);
        row[5].Text.Should().BeEmpty();
        row[5].IsBlank.Should().BeTrue();
        default(SourceCell).Text.Should().BeEmpty();
    }

    [Fact]
    public void Damaged_json_is_read_or_rejected_never_thrown()
    {
        var dir = IntakeKit.TempFolder();
        var sample = File.ReadAllText(RepoPaths.Of("samples", "cam-thanh-2023.json"));
        var chaos = Gen.OneOf(
            Gen.Int[0, sample.Length].Select(n => sample[..n]),
            Gen.Select(Gen.Int[0, sample.Length - 1], Gen.Char["{}[]\",:0123456789.,-ntfx "]).Select((at, c) => sample[..at] + c + sample[(at + 1)..]));
        chaos.Sample(text =>
        {
            var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, text);
            var rows = ReadOrRefuse(path);
            rows.Should().HaveCount(1, "a JSON file is one commune, read or rejected");
        }, iter: Iterations);
    }

    private static List<IntakeRow> ReadOrRefuse(string path)
    {
        try
        {
            var rows = IntakeKit.ReadAll(path);
            foreach (var row in rows)
                row.Accepted.Should().Be(!row.Problems.Any(p => p.Severity == Severity.Error), row.Where);
            return rows;
        }
        catch (InputException e)
        {
            e.Problems.Should().NotBeEmpty();
            return [];
        }
    }
}

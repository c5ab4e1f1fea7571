using System.Text;

namespace NtmRules.Cli.Tests;

/// <summary>ntm form, ntm batch and evaluate on forms and CSV, run as a user runs them.</summary>
public class IntakeCommandTests
{
    private const string Set = "vn.qd318.xa-ntm";

    private static string Temp()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ntm-cli-intake-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Form_writes_a_workbook_that_evaluate_reads_back_as_missing_data_until_filled()
    {
        var dir = Temp();
        var form = Path.Combine(dir, "form.xlsx");
        var r = Cli.Run("form", "--set", Set, "--out", form);
        r.ExitCode.Should().Be(0, r.ToString());
        File.ReadAllBytes(form).Take(2).Should().Equal((byte)'P', (byte)'K');

        // An empty form has no commune name, region or year: refused, each named by sheet and cell.
        var e = Cli.Run("evaluate", "--set", Set, "--data", form);
        e.ExitCode.Should().Be(2, e.ToString());
        e.Stderr.Should().Contain("form.xlsx[Thông tin xã]").And.Contain("the commune has no name");
    }

    [Fact]
    public void Batch_over_a_folder_of_json_files_writes_results_and_the_report()
    {
        var dir = Temp();
        // Its own folder: the samples folder grows as plugins add theirs.
        var input = Path.Combine(Temp(), "communes-in");
        Directory.CreateDirectory(input);
        foreach (var name in new[] { "cam-thanh-2023.json", "tan-lap-2024.json" }) File.Copy(Cli.Sample(name), Path.Combine(input, name));
        var r = Cli.Run("batch", "--set", Set, "--data", input, "--out", dir, "--group-by", "district", "--full", "--lang", "vi");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("Trung bình đạt").And.Contain("đã nhận 2, loại 0");
        // Counts as plain numbers, never zero-padded ("0 xã", not "00 xã").
        r.Stdout.Should().StartWith("0 xã đạt 19/19 tiêu chí; ").And.NotMatchRegex(@"\b0\d xã");
        File.ReadAllText(Path.Combine(dir, "report.md")).Should().NotMatchRegex(@"\b0\d xã|\| 0\d \|");
        Directory.GetFiles(Path.Combine(dir, "communes"), "*.json").Should().HaveCount(2, "--full writes each commune's result");
        File.ReadAllLines(Path.Combine(dir, "results.csv")).Should().HaveCount(3);
        File.ReadAllText(Path.Combine(dir, "report.md")).Should().Contain("## Theo huyện (cũ)").And.Contain("Đạt 19/19 tiêu chí");
        File.Exists(Path.Combine(dir, "report.xlsx")).Should().BeTrue();
    }

    [Fact]
    public void Batch_reports_the_broken_row_evaluates_the_others_and_exits_2()
    {
        var dir = Temp();
        var csv = Path.Combine(dir, "huyen.csv");
        File.WriteAllText(csv, "name,district,region,year,tongSoHo,hoNgheo\nXã Một,Cẩm Thủy,DBSH,2024,1.784,\"71\"\nXã Hai,Cẩm Thủy,DBSH,2024,\"1.784,5,2\",3\nXã Ba,,BTB,2024,900,12\n",
            new UTF8Encoding(true));
        var r = Cli.Run("batch", "--set", Set, "--data", csv, "--out", Path.Combine(dir, "out"));
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stdout.Should().Contain("accepted 2, rejected 1");
        r.Stderr.Should().Contain("huyen.csv, row 3, column E (tongSoHo = \"1.784,5,2\"): error: ambiguous number");
        File.ReadAllLines(Path.Combine(dir, "out", "results.csv")).Should().HaveCount(3, "a header and one line per evaluated commune");
        Directory.Exists(Path.Combine(dir, "out", "communes")).Should().BeFalse("per-commune results only with --full");
        File.ReadAllLines(Path.Combine(dir, "out", "errors.csv")).Should().HaveCount(2);
    }

    [Fact]
    public void Evaluate_reads_a_one_row_csv_with_a_decimal_comma_and_refuses_utf16()
    {
        var dir = Temp();
        var csv = Path.Combine(dir, "xa.csv");
        File.WriteAllText(csv, "name;region;year;tongSoHo;duongXaKm\nXã Một;DBSH;2024;1784;\"90,06\"\n", new UTF8Encoding(false));
        var ok = Cli.Run("evaluate", "--set", Set, "--data", csv, "--format", "json");
        ok.Stdout.Should().Contain("\"Xã Một\"");
        ok.Stderr.Should().NotContain("error", ok.ToString());

        var utf16 = Path.Combine(dir, "xa16.csv");
        File.WriteAllText(utf16, "name,region,year\nXã Một,DBSH,2024\n", Encoding.Unicode);
        var refused = Cli.Run("evaluate", "--set", Set, "--data", utf16);
        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.Stderr.Should().Contain("UTF-16");
    }
}

namespace NtmRules.Cli.Tests;

/// <summary>
/// Every command given bad input under <c>--lang vi</c> says what is wrong in Vietnamese — no English word
/// (<see cref="EnglishText"/>) on standard output or error — and exits with the code of its kind of failure
/// (2 bad input, 3 plugin problem, 4 store problem). The cases run together and the test lists every one
/// that fails, with its output, so that one run shows all the English left.
/// </summary>
public class BadInputInVietnameseTests
{
    /// <param name="ReportsOnStdout">The command's refusal is its report, written to standard output (<c>plugin validate</c>).</param>
    private sealed record Case(string Name, string[] Args, int Exit, bool ReportsOnStdout = false);

    private static IEnumerable<Case> Cases(string dir)
    {
        var sample = Cli.Sample("cam-thanh-2023.json");
        var malformed = Path.Combine(dir, "hong.json");
        File.WriteAllText(malformed, "{ \"format\": \"ntm.commune-data/1\", khong-phai-json }");
        var package = Path.Combine(dir, "hong.ntmplugin");
        File.WriteAllText(package, "không phải gói zip");
        var store = Path.Combine(dir, "chua-co", "so-ban-ghi.db");
        string[] evaluate = ["evaluate", "--set", "vn.qd318.xa-ntm", "--data"];
        return
        [
            new("evaluate: missing file", [.. evaluate, Path.Combine(dir, "khong-co.json")], 2),
            new("evaluate: unknown set", ["evaluate", "--set", "vn.khong-co.xa-ntm", "--data", sample], 2),
            new("evaluate: malformed data", [.. evaluate, malformed], 2),
            new("evaluate: bad option value", [.. evaluate, sample, "--format", "xml"], 2),
            new("trace: unknown indicator", ["trace", "--set", "vn.qd318.xa-ntm", "--data", sample, "--indicator", "99.9"], 2),
            new("trace: bad time", ["trace", "--set", "vn.qd318.xa-ntm", "--data", sample, "--evaluated-at", "hôm qua"], 2),
            new("draft: bad output type", ["draft", "--set", "vn.qd318.xa-ntm", "--data", sample, "--out", Path.Combine(dir, "ke-hoach.pdf")], 2),
            new("form: unknown set", ["form", "--set", "vn.khong-co.xa-ntm", "--out", Path.Combine(dir, "bieu-mau.xlsx")], 2),
            new("measures: unknown set", ["measures", "--set", "vn.khong-co.xa-ntm"], 2),
            new("batch: missing folder", ["batch", "--set", "vn.qd318.xa-ntm", "--data", Path.Combine(dir, "khong-co"), "--out", Path.Combine(dir, "ket-qua")], 2),
            new("plugins: bad date", ["plugins", "--on", "30/02/2026"], 2),
            new("plugin validate: not a plugin", ["plugin", "validate", dir], 3, ReportsOnStdout: true),
            new("plugin test: missing folder", ["plugin", "test", Path.Combine(dir, "khong-co")], 2),
            new("plugin new: bad id", ["plugin", "new", "--id", "Tinh Moi", "--province", "Mới", "--decision", "QĐ 1/2026", "--out", Path.Combine(dir, "moi")], 2),
            new("plugin export: unknown plugin set", ["plugin", "export", "vn.khong-co.xa-ntm", "--annex", Path.Combine(dir, "phu-luc.xlsx")], 2),
            new("plugin export: bad extension", ["plugin", "export", "vn.qd318.xa-ntm", "--annex", Path.Combine(dir, "phu-luc.pdf")], 2),
            new("plugin import: missing annex", ["plugin", "import", Path.Combine(dir, "khong-co.xlsx"), "--id", "vn.moi.2026", "--decision", "QĐ 1/2026", "--out", Path.Combine(dir, "nhap")], 2),
            new("plugin thresholds: missing workbook", ["plugin", "thresholds", "vn.qd318.xa-ntm", "--apply", Path.Combine(dir, "khong-co.xlsx"), "--out", Path.Combine(dir, "nguong")], 2),
            new("plugin pack: missing key", ["plugin", "pack", dir, "--key", Path.Combine(dir, "khong-co.key")], 2),
            new("plugin install: bad package", ["plugin", "install", package, "--plugins", Path.Combine(dir, "plugins")], 3),
            new("trust remove: unknown key", ["trust", "remove", "0123456789abcdef", "--trust", Path.Combine(dir, "tin-cay.json")], 2),
            new("verify: neither id nor --all", ["verify", "--store", store], 2),
            new("verify: missing store", ["verify", "--all", "--store", store], 4),
            new("compare: missing store", ["compare", "1", "2", "--store", store], 4),
            new("serve: bad upload limit", ["serve", "--max-upload-mb", "0"], 2),
            new("users add: bad role", ["users", "add", "ai-do", "--role", "vua", "--accounts", Path.Combine(dir, "tai-khoan.db")], 2),
        ];
    }

    [Fact]
    public void Each_command_refuses_bad_input_in_Vietnamese_with_its_exit_code()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ntm-vi-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var failures = new List<string>();
            foreach (var c in Cases(dir))
            {
                var r = Cli.Run([.. c.Args, "--lang", "vi"]);
                var englishLines = (r.Stdout + "\n" + r.Stderr).Split('\n').Where(l => EnglishText.In(l).Count > 0).ToList();
                if (r.ExitCode != c.Exit) failures.Add($"{c.Name}: exit {r.ExitCode}, expected {c.Exit}\n{r}");
                else if (englishLines.Count > 0)
                    failures.Add($"{c.Name}: English ({string.Join(", ", englishLines.SelectMany(EnglishText.In).Distinct())}) in\n    " + string.Join("\n    ", englishLines));
                else if ((c.ReportsOnStdout ? r.Stdout : r.Stderr).Length == 0) failures.Add($"{c.Name}: nothing said on its output\n{r}");
            }
            if (failures.Count > 0)
                throw new Xunit.Sdk.XunitException($"{failures.Count} bad inputs are not refused in Vietnamese with their own exit code:\n" + string.Join("\n", failures));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

using System.Text;
using Microsoft.Data.Sqlite;

namespace NtmRules.Cli.Tests.Hostile;

/// <summary>
/// End-to-end runs of the built <c>ntm</c> on hostile inputs (issue 16): the exit code each refusal
/// gets and the located message on standard error. The cases are tested in detail in-process
/// (Hostile* tests of the kernel, packaging and web test projects); these check the process.
/// </summary>
public class HostileCliTests
{
    private const string Set = "vn.qd318.xa-ntm";

    private static string Temp()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ntm-hostile-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string DataFile(string dir, string measures, string name = "\"Xã Thử\"")
    {
        var path = Path.Combine(dir, "xa.json");
        File.WriteAllText(path, $$"""
            {
              "format": "ntm.commune-data/1",
              "commune": { "name": {{name}} },
              "region": "BTB",
              "year": 2023,
              "measures": { "tongSoHo": 1784, {{measures}} }
            }
            """, new UTF8Encoding(false));
        return path;
    }

    [Theory] // cases 1–6
    [InlineData("\"duongXaKm\": NaN", "(6,", "measures.duongXaKm: NaN and Infinity are not JSON numbers")]
    [InlineData("\"danSo\": 1e400", "(6,", "measures.danSo: Dân số của xã (người) is too large")]
    [InlineData("\"danSo\": 123456789012345678901234567890", "(6,", "measures.danSo: Dân số của xã (người) = 123456789012345678901234567890 is beyond any plausible figure")]
    [InlineData("\"hoSuDungDienAnToan\": 5000", "(6,", "tongSoHo = 1784): a part cannot exceed its whole")]
    [InlineData("\"danSo\": 5, /* x */", "(6,", "comments (// or /* */) are not allowed")]
    public void Cases01_to_05_data_errors_exit_2_with_file_line_and_field(string measures, string line, string message)
    {
        var r = Cli.Run("evaluate", "--set", Set, "--data", DataFile(Temp(), measures));
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("xa.json" + line).And.Contain(message);
        r.Stderr.Should().NotContain("internal error");
    }

    [Fact] // case 6: draft to DOCX
    public void Case06_control_characters_in_the_name_refuse_a_docx_draft_with_exit_2_and_nothing_written()
    {
        var dir = Temp();
        var r = Cli.Run("draft", "--set", Set, "--data", DataFile(dir, "\"danSo\": 5", "\"X\\u0000\\u001b[31mRED\\u202eevil\\r\\n\""), "--out", Path.Combine(dir, "x.docx"));
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("xa.json(3,").And.Contain("commune.name: contains the control character U+0000 (NUL)");
        (r.Stdout + r.Stderr).Should().NotContain("\u001b[31m");
        File.Exists(Path.Combine(dir, "x.docx")).Should().BeFalse();
    }

    [Fact] // cases 10 and 11
    public void Cases10_11_plugin_validate_lists_a_disabled_rule_and_a_too_deep_expression_with_positions_and_exits_3()
    {
        var root = Temp();
        var folder = Path.Combine(root, "p");
        var created = Cli.Run(["plugin", "new", "--id", "vn.test.hostile", "--province", "Thử", "--decision", "QĐ 1/2026/QĐ-UBND", "--extends", "none", "--out", folder]);
        created.ExitCode.Should().Be(0, created.ToString());
        var rules = Directory.GetFiles(Path.Combine(folder, "rules"), "*.json").Single();
        var text = File.ReadAllText(rules);
        text = System.Text.RegularExpressions.Regex.Replace(text, "\"Expression\": \"Ntm\\.Rate\\([^\"]*\\)\"", "\"Expression\": \"" + new string('(', 2000) + "m.tongSoHo" + new string(')', 2000) + "\"");
        text = text.Replace("\"RuleName\": \"1\",", "\"RuleName\": \"1\",\n      \"Enabled\": false,");
        File.WriteAllText(rules, text);

        var r = Cli.Run("plugin", "validate", folder);
        r.ExitCode.Should().Be(3, r.ToString());
        var output = r.Stdout + r.Stderr;
        output.Should().MatchRegex(@"xa-ntm\.json\(7,\d+\): error: Rules\[0\]\.Enabled: ""Enabled"": false is not supported");
        output.Should().MatchRegex(@"xa-ntm\.json\(\d+,\d+\): error: Rules\[0\]\.LocalParams\[0\]\.Expression: .*parentheses are nested 2000 deep");
        output.Should().NotContain("Stack overflow");
    }

    [Fact] // case 13
    public void Case13_plugin_pack_refuses_a_symbolic_link_with_its_path_and_exits_3()
    {
        var root = Temp();
        var folder = Path.Combine(root, "p");
        Cli.Run(["plugin", "new", "--id", "vn.test.link", "--province", "Thử", "--decision", "QĐ 1/2026/QĐ-UBND", "--out", folder]).ExitCode.Should().Be(0);
        File.CreateSymbolicLink(Path.Combine(folder, "sets", "passwd.json"), "/etc/passwd");
        var key = Path.Combine(root, "k");
        Cli.Run("plugin", "keygen", "--out", key).ExitCode.Should().Be(0);
        var r = Cli.Run("plugin", "pack", folder, "--key", key + ".key", "--out", Path.Combine(root, "p.ntmplugin"));
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stderr.Should().Contain(Path.Combine("sets", "passwd.json")).And.Contain("symbolic link").And.Contain("/etc/passwd");
        File.Exists(Path.Combine(root, "p.ntmplugin")).Should().BeFalse();
    }

    [Fact] // cases 14 and 16
    public void Cases14_16_deleted_newest_records_fail_verify_with_exit_5_and_a_damaged_store_takes_no_save_exit_4()
    {
        var store = Path.Combine(Temp(), "records.db");
        string Save() => Cli.Run("evaluate", "--set", Set, "--data", Cli.Sample("cam-thanh-2023.json"), "--save", "--store", store).ToString();
        for (var i = 0; i < 3; i++) Save().Should().StartWith("exit 0");
        var verify = Cli.Run("verify", "--all", "--store", store);
        var head = System.Text.RegularExpressions.Regex.Match(verify.Stdout, "chain head: record 3, hash ([0-9a-f]{64})").Groups[1].Value;
        head.Should().NotBeEmpty(verify.ToString());

        using (var c = new SqliteConnection($"Data Source={store};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP TRIGGER records_no_delete; DELETE FROM records WHERE id = 3;";
            cmd.ExecuteNonQuery();
        }
        var after = Cli.Run("verify", "--all", "--store", store, "--expect-head", head[..12]);
        after.ExitCode.Should().Be(5, after.ToString());
        after.Stdout.Should().Contain("tampering: the append-only trigger records_no_delete was dropped")
            .And.Contain("tampering: the newest records were deleted")
            .And.Contain("tampering: no record has the hash you kept");
        var refused = Cli.Run("evaluate", "--set", Set, "--data", Cli.Sample("cam-thanh-2023.json"), "--save", "--store", store);
        refused.ExitCode.Should().Be(4, refused.ToString());
        refused.Stderr.Should().Contain("nothing was saved");

        var damaged = Path.Combine(Temp(), "records.db");
        File.Copy(store, damaged);
        using (var f = new FileStream(damaged, FileMode.Open, FileAccess.Write))
        {
            f.Position = f.Length / 2;
            f.Write(Enumerable.Range(0, 8192).Select(i => (byte)(i * 37 % 251)).ToArray());
        }
        var onDamaged = Cli.Run("evaluate", "--set", Set, "--data", Cli.Sample("cam-thanh-2023.json"), "--save", "--store", damaged);
        onDamaged.ExitCode.Should().Be(4, onDamaged.ToString());
    }
}

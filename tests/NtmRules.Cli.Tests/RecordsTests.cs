using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace NtmRules.Cli.Tests;

/// <summary>
/// End-to-end: what only the record commands show — <c>evaluate --save</c>, <c>history</c>, <c>verify</c> and
/// <c>compare</c>, their output and exit codes. What the store and the verifier find (append-only tables,
/// a changed workflow byte, threshold, base plugin or signature, a deleted record, a locked store) is
/// checked in-process in <c>NtmRules.Records.Tests</c> (<c>RecordVerifierTests</c>, <c>RecordTamperingTests</c>).
/// </summary>
public class RecordsTests
{
    private const string Qd318 = "NtmRules.Plugins.Qd318";

    private static string NewStore() => Path.Combine(Path.GetTempPath(), "ntm-store-" + Guid.NewGuid().ToString("N"), "records.db");

    private static Cli.Result Save(string store, string sample, string set = "vn.qd318.xa-ntm", string? plugins = null)
    {
        var args = new List<string> { "evaluate", "--set", set, "--data", sample, "--save", "--store", store };
        if (plugins is not null) args.AddRange(["--plugins", plugins, "--allow-unsigned"]);
        var r = Cli.Run(args);
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("saved as record");
        return r;
    }

    private static void Sql(string store, string sql)
    {
        using var c = new SqliteConnection($"Data Source={store};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Fact]
    public void Saved_records_are_listed_and_verify_as_identical()
    {
        var store = NewStore();
        Save(store, Cli.Sample("cam-thanh-2023.json"));
        Save(store, Cli.Sample("tan-lap-2024.json"));
        var history = Cli.Run("history", "--store", store, "--lang", "vi");
        history.ExitCode.Should().Be(0, history.ToString());
        history.Stdout.Should().Contain("Cẩm Thành").And.Contain("11/19 tiêu chí, 47/57 chỉ").And.Contain("2 bản ghi.");
        Cli.Run("history", "--store", store, "--commune", "Tân Lập|Lạng Sơn", "--lang", "vi").Stdout.Should().Contain("1 bản ghi.");

        var verify = Cli.Run("verify", "--all", "--store", store);
        verify.ExitCode.Should().Be(0, verify.ToString());
        verify.Stdout.Should().Contain("hash chain intact (2 records)").And.Contain("record 1 (Cẩm Thành 2023, vn.qd318.xa-ntm): identical").And.Contain("record 2").And.NotContain("differs");
    }

    [Fact]
    public void History_shows_who_vouched_for_the_plugin()
    {
        var store = NewStore();
        Save(store, Cli.Sample("cam-thanh-2023.json"));
        var plugins = Cli.TempPluginsFolder();
        Cli.CopyPlugin(Qd318, plugins);
        Save(store, Cli.Sample("cam-thanh-2023.json"), plugins: plugins);

        var history = Cli.Run("history", "--store", store, "--lang", "vi");
        history.ExitCode.Should().Be(0, history.ToString());
        history.Stdout.Should().Contain("kèm").And.Contain("CHƯA", "record 1 used the bundled plugin, record 2 a copy loaded with --allow-unsigned");
    }

    [Fact]
    public void A_record_edited_by_hand_is_detected()
    {
        var store = NewStore();
        Save(store, Cli.Sample("cam-thanh-2023.json"));
        Save(store, Cli.Sample("tan-lap-2024.json"));
        // What someone editing the file would do: remove the guard, then change a verdict.
        Sql(store, "DROP TRIGGER records_no_update; UPDATE records SET evaluation_json = replace(evaluation_json, '\"chua-dat\"', '\"dat\"'), summary = '19/19 tiêu chí, 57/57 chỉ tiêu' WHERE id = 1;");
        var r = Cli.Run("verify", "1", "--store", store);
        r.ExitCode.Should().Be(5, r.ToString());
        r.Stdout.Should().Contain("chain broken at record 1: its content does not match its hash (record edited)");
        r.Stdout.Should().Contain("record 1").And.Contain("differs").And.Contain("result of indicator 11 changed from met to not met");
    }

    [Fact]
    public void A_record_whose_plugin_is_not_installed_says_which_it_needs()
    {
        var store = NewStore();
        Save(store, Cli.Sample("cam-thanh-2023.json"));
        var r = Cli.Run("verify", "1", "--store", store, "--plugins", Cli.TempPluginsFolder());
        r.ExitCode.Should().Be(3, r.ToString());
        r.Stdout.Should().Contain("record 1 needs plugin vn.qd318 version 1.0.0 (set vn.qd318.xa-ntm), which is not installed");
    }

    [Fact]
    public void Two_years_of_one_commune_yield_the_regressions_and_improvements()
    {
        var store = NewStore();
        Save(store, Cli.Sample("cam-thanh-2023.json"));
        var next = JObject.Parse(File.ReadAllText(Cli.Sample("cam-thanh-2023.json")));
        next["year"] = 2024;
        next["assessmentDate"] = "2024-07-15";
        var m = (JObject)next["measures"]!;
        m["hoNgheo"] = 30;                        // 11: 12,23% → 5%: improved
        m["hoCanNgheo"] = 60;
        m["coQuyHoachChungDuocDuyet"] = false;    // 1.1: regressed ("tiêu chí bị tụt")
        var path = Path.Combine(Path.GetTempPath(), "ntm-cam-thanh-2024-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, next.ToString());
        Save(store, path);

        var r = Cli.Run("compare", "1", "2", "--store", store, "--format", "json");
        r.ExitCode.Should().Be(0, r.ToString());
        var doc = JObject.Parse(r.Stdout);
        string[] Codes(string section, string change) => doc[section]!.Where(i => (string)i["change"]! == change).Select(i => (string)i["code"]!).ToArray();
        Codes("criteria", "regressed").Should().Equal("1");
        Codes("criteria", "improved").Should().Equal("11");
        Codes("indicators", "regressed").Should().Equal("1.1");
        Codes("indicators", "improved").Should().Equal("11");
        Codes("indicators", "unchanged").Should().HaveCount(55);
        doc["indicators"]!.Single(i => (string)i["code"]! == "11")["figureAfter"]!.ToString().Should().Be("5% (≤ 6,5%)");

        var text = Cli.Run("compare", "1", "2", "--store", store, "--lang", "vi");
        text.Stdout.Should().Contain("Bị tụt (đạt trước, nay chưa đạt): 1").And.Contain("1. Quy hoạch: đạt → chưa đạt").And.Contain("11. Tỷ lệ nghèo đa chiều giai đoạn 2021-2025: chưa đạt → đạt — 12,23% (≤ 6,5%) → 5% (≤ 6,5%)");
    }

    [Fact]
    public void History_of_a_store_not_yet_created_is_empty_and_creates_nothing_while_verify_is_a_store_problem()
    {
        var store = NewStore();
        var r = Cli.Run("history", "--store", store, "--lang", "vi");
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("Chưa có bản ghi nào được lưu").And.Contain(store);
        File.Exists(store).Should().BeFalse("listing must not create the store");
        Directory.Exists(Path.GetDirectoryName(store)).Should().BeFalse();

        var verify = Cli.Run("verify", "--all", "--store", store);
        verify.ExitCode.Should().Be(4, verify.ToString());
        verify.Stderr.Should().Contain("no record store here");
    }

    [Fact]
    public void Corrupt_store_is_a_store_problem()
    {
        var store = NewStore();
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        File.WriteAllText(store, "this is not a database, just text pretending to be one. ".PadRight(4096, 'x'));
        var r = Cli.Run("verify", "--all", "--store", store);
        r.ExitCode.Should().Be(4, r.ToString());
        r.Stderr.Should().Contain("corrupt or not an ntm store");
    }

    [Fact]
    public void Unknown_record_id_is_bad_input()
    {
        var store = NewStore();
        Save(store, Cli.Sample("cam-thanh-2023.json"));
        var r = Cli.Run("compare", "1", "7", "--store", store);
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("record 7 does not exist (records are numbered 1–1)");
    }

    [Fact]
    public void Evaluation_with_invalid_data_is_not_saved()
    {
        var store = NewStore();
        var bad = JObject.Parse(File.ReadAllText(Cli.Sample("cam-thanh-2023.json")));
        bad["measures"]!["hoNgheo"] = -1;
        var path = Path.Combine(Path.GetTempPath(), "ntm-bad-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, bad.ToString());
        var r = Cli.Run("evaluate", "--set", "vn.qd318.xa-ntm", "--data", path, "--save", "--store", store);
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("not saved");
        File.Exists(store).Should().BeFalse();
    }
}

using Newtonsoft.Json.Linq;

namespace NtmRules.Cli.Tests;

/// <summary>
/// After the 2025 mergers, through the built CLI: the set chosen from the data's province and date
/// when --set is left out, a merged commune set beside its predecessors' records, the draft header
/// of a plan dated after 1 July 2025, and the batch report grouped by province.
/// </summary>
public class AfterMergersCliTests
{
    private static string Folder() => Cli.TempPluginsFolder();

    /// <summary>The Cẩm Thành sample changed by <paramref name="edit"/>, written to a new file.</summary>
    private static string Commune(string folder, string file, Action<JObject> edit)
    {
        var o = JObject.Parse(File.ReadAllText(Cli.Sample("cam-thanh-2023.json")));
        edit(o);
        var path = Path.Combine(folder, file);
        File.WriteAllText(path, o.ToString());
        return path;
    }

    [Fact]
    public void Without_set_the_provinces_set_in_force_is_chosen_and_otherwise_the_candidates_are_listed()
    {
        var chosen = Cli.Run("evaluate", "--data", Cli.Sample("cam-thanh-2023.json"), "--format", "json", "--lang", "vi");
        chosen.ExitCode.Should().Be(0, chosen.ToString());
        chosen.Stderr.Should().Contain("bộ tiêu chí tự chọn: vn.thanh-hoa.2022-2025.xa-ntm");
        ((string)JObject.Parse(chosen.Stdout)["set"]!["id"]!).Should().Be("vn.thanh-hoa.2022-2025.xa-ntm");

        var nangCao = Cli.Run("measures", "--province", "Lạng Sơn", "--level", "xa-ntm-nang-cao", "--on", "2024-06-30");
        nangCao.ExitCode.Should().Be(0, nangCao.ToString());
        nangCao.Stdout.Should().Contain("vn.lang-son.2022-2025.xa-ntm-nang-cao");

        var path = Commune(Folder(), "cam-thanh-2026.json", o => { o["year"] = 2026; o["assessmentDate"] = "2026-03-01"; ((JObject)o["plan"]!).Remove("date"); ((JObject)o["plan"]!).Remove("year"); });
        var none = Cli.Run("evaluate", "--data", path, "--lang", "vi");
        none.ExitCode.Should().Be(2, none.ToString());
        none.Stderr.Should().Contain("Không có bộ tiêu chí xã nông thôn mới nào có hiệu lực tại tỉnh Thanh Hóa vào ngày 01/03/2026")
            .And.Contain("  - vn.thanh-hoa.2022-2025.xa-ntm — ").And.Contain("hiệu lực từ 10/08/2022 đến 31/12/2025");
    }

    [Fact]
    public void A_merged_commune_is_set_beside_its_predecessors_records_indicator_by_indicator()
    {
        var dir = Folder();
        var store = Path.Combine(dir, "records.db");
        const string set = "vn.thanh-hoa.2022-2025.xa-ntm";
        var thanh = Commune(dir, "cam-thanh.json", o => o["commune"]!["code"] = "14875");
        var lien = Commune(dir, "cam-lien.json", o =>
        {
            o["commune"] = new JObject { ["name"] = "Cẩm Liên", ["code"] = "14878", ["district"] = "Cẩm Thủy", ["province"] = "Thanh Hóa" };
            o["measures"]!["nguoiThamGiaBhyt"] = 6764; // 95% of 7.120 (figures illustrative)
        });
        var merged = Commune(dir, "cam-tan.json", o =>
        {
            o["commune"] = new JObject { ["name"] = "Cẩm Tân", ["code"] = "14900", ["province"] = "Thanh Hóa" };
            o["year"] = 2025;
            o["assessmentDate"] = "2025-12-15";
            o.Remove("plan");
            o.Remove("narrative");
            o["formerUnits"] = JArray.Parse("""
                [{ "code": "14875", "name": "Cẩm Thành", "district": "Cẩm Thủy", "mergedOn": "2025-07-01" },
                 { "code": "14878", "name": "Cẩm Liên", "district": "Cẩm Thủy", "mergedOn": "2025-07-01" },
                 { "code": "14881", "name": "Cẩm Bình", "mergedOn": "2025-07-01" }]
                """);
        });
        foreach (var file in new[] { thanh, lien, merged })
        {
            var saved = Cli.Run("evaluate", "--set", set, "--data", file, "--save", "--store", store);
            saved.ExitCode.Should().Be(0, saved.ToString());
        }

        var text = Cli.Run("compare", "3", "--predecessors", "--store", store, "--lang", "vi");
        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("Xã Cẩm Tân (bản ghi 3, năm 2025")
            .And.Contain("[1] xã Cẩm Thành (mã 14875, sáp nhập từ 01/07/2025): bản ghi 1, năm 2023")
            .And.Contain("[3] xã Cẩm Bình (mã 14881, sáp nhập từ 01/07/2025): chưa có bản ghi nào được lưu")
            .And.Contain("[2] xã Cẩm Liên: đạt, 95% (≥ 90%)");

        var json = JObject.Parse(Cli.Run("compare", "3", "--predecessors", "--format", "json", "--store", store).Stdout);
        ((string)json["format"]!).Should().Be("ntm.predecessor-comparison/1");
        json["predecessors"]!.Select(p => (long?)p["record"]).Should().Equal(1, 2, null);
        var bhyt = json["indicators"]!.Single(i => (string)i["code"]! == "15.1");
        bhyt["predecessors"]!.Select(p => (string?)p["status"]).Should().Equal("chưa đạt", "đạt", null);

        var noLineage = Cli.Run("compare", "1", "--predecessors", "--store", store, "--lang", "vi");
        noLineage.ExitCode.Should().Be(2, noLineage.ToString());
        noLineage.Stderr.Should().Contain("không nêu xã cũ nào (formerUnits)");
    }

    [Fact]
    public void A_plan_dated_after_1_July_2025_has_no_district_line_and_a_batch_groups_by_province()
    {
        var dir = Folder();
        var path = Commune(dir, "cam-tan.json", o =>
        {
            o["commune"] = new JObject { ["name"] = "Cẩm Tân", ["code"] = "14900", ["province"] = "Thanh Hóa" };
            o["year"] = 2025;
            o["assessmentDate"] = "2025-09-15";
            o.Remove("plan");
        });
        var draft = Cli.Run("draft", "--data", path);
        draft.ExitCode.Should().Be(0, draft.ToString());
        var header = draft.Stdout[..draft.Stdout.IndexOf("# KẾ HOẠCH", StringComparison.Ordinal)];
        header.Should().Contain("**ỦY BAN NHÂN DÂN**<br>**XÃ CẨM TÂN**").And.NotContain("HUYỆN").And.NotContain("UBND TỈNH");

        var csv = Path.Combine(dir, "tinh.csv");
        File.WriteAllText(csv, "name,code,province,communeGroup,region,year\nXã Một,1,Thanh Hóa,1,BTB,2024\nXã Hai,2,Thanh Hóa,2,BTB,2024\nXã Ba,3,Nghệ An,,BTB,2024\n");
        var batch = Cli.Run("batch", "--set", "vn.qd318.xa-ntm", "--data", csv, "--out", Path.Combine(dir, "out"), "--group-by", "province", "--lang", "vi");
        batch.ExitCode.Should().Be(0, batch.ToString());
        var report = File.ReadAllText(Path.Combine(dir, "out", "report.md"));
        report.Should().Contain("## Theo tỉnh").And.Contain("| Tỉnh | Số xã |").And.Contain("| Thanh Hóa | 2 |").And.Contain("| Nghệ An | 1 |");
        var bad = Cli.Run("batch", "--set", "vn.qd318.xa-ntm", "--data", csv, "--out", Path.Combine(dir, "out2"), "--group-by", "huyen");
        bad.ExitCode.Should().Be(2, bad.ToString());
    }
}

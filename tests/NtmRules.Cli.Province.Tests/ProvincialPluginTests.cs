using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace NtmRules.Cli.Tests;

/// <summary>
/// End-to-end: the provincial plugins, built into their own folders and reached only through the
/// host, load beside the national one; each set evaluates its province's sample; inheritance shows
/// in results, traces and provenance; a broken or duplicated plugin is refused with the reason.
/// </summary>
public class ProvincialPluginTests
{
    private const string Qd318 = "NtmRules.Plugins.Qd318";
    private const string ThanhHoa = "NtmRules.Plugins.ThanhHoa";

    /// <summary>Every set shipped, with its province's sample and the counts of its decision as encoded.</summary>
    public static TheoryData<string, string, int, int> SetsAndSamples => new()
    {
        { "vn.qd318.xa-ntm", "cam-thanh-2023.json", 19, 57 },
        { "vn.qd318.xa-ntm-nang-cao", "tan-lap-2024.json", 19, 75 },
        { "vn.thanh-hoa.2022-2025.xa-ntm", "cam-thanh-2023.json", 19, 57 },
        { "vn.thanh-hoa.2022-2025.xa-ntm-nang-cao", "cam-thanh-2023.json", 19, 75 },
        { "vn.lang-son.2022-2025.xa-ntm", "tan-lap-2024.json", 19, 57 },
        { "vn.lang-son.2022-2025.xa-ntm-nang-cao", "tan-lap-2024.json", 19, 75 },
        { "vn.lang-son.2022-2025.xa-ntm-kieu-mau", "tan-lap-2024.json", 20, 78 },
        { "vn.ha-tinh.2022-2025.xa-ntm", "son-bang-2023.json", 19, 57 },
        { "vn.ha-tinh.2022-2025.xa-ntm-nang-cao", "son-bang-2023.json", 19, 75 },
        { "vn.ha-tinh.2022-2025.kdc-ntm-kieu-mau", "thinh-bang-2023.json", 10, 11 },
        { "vn.cao-bang.2022-2025.xom-ntm", "bo-teng-2023.json", 16, 16 },
        { "vn.cao-bang.2022-2025.xom-ntm-kieu-mau", "bo-teng-2023.json", 17, 17 },
    };

    /// <summary>The console wraps long lines at its width: compare messages with whitespace runs folded.</summary>
    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    private static JObject Evaluate(string set, string sample)
    {
        var r = Cli.Run("evaluate", "--set", set, "--data", Cli.Sample(sample), "--format", "json");
        r.ExitCode.Should().Be(0, r.ToString());
        return JObject.Parse(r.Stdout);
    }

    private static JToken Indicator(JObject doc, string code) =>
        doc["criteria"]!.SelectMany(c => c["indicators"]!).Single(i => (string)i["code"]! == code);

    [Fact]
    public void Plugins_lists_the_national_and_every_provincial_set_all_loaded_from_their_built_folders()
    {
        var r = Cli.Run("plugins", "--lang", "vi");
        r.ExitCode.Should().Be(0, r.ToString());
        foreach (var folder in new[] { Qd318, ThanhHoa, "NtmRules.Plugins.LangSon", "NtmRules.Plugins.HaTinh", "NtmRules.Plugins.CaoBang" })
        {
            File.Exists(Path.Combine(Cli.BuiltPlugins, folder, "plugin.json")).Should().BeTrue(folder);
            Directory.GetFiles(Path.Combine(Cli.BuiltPlugins, folder), "*.dll", SearchOption.AllDirectories).Should().BeEmpty("{0} is bundled data only", folder);
        }
        Regex.Matches(r.Stdout, @"\(chỉ dữ liệu\)").Should().HaveCount(5, "every bundled plugin is data only");
        foreach (var set in SetsAndSamples.Select(row => (string)row[0]))
            r.Stdout.Should().Contain(set);
        r.Stdout.Should().NotContain("bị từ chối");
        foreach (var decision in new[] { "1494/QĐ-UBND", "32/2022/QĐ-UBND", "33/2022/QĐ-UBND", "36/2022/QĐ-UBND", "39/2022/QĐ-UBND", "1465/QĐ-UBND" })
            r.Stdout.Should().Contain(decision);
    }

    [Theory]
    [MemberData(nameof(SetsAndSamples))]
    public async Task Each_set_evaluates_its_provinces_sample_and_the_output_follows_the_schema(string set, string sample, int criteria, int indicators)
    {
        var r = Cli.Run("evaluate", "--set", set, "--data", Cli.Sample(sample), "--format", "json");
        r.ExitCode.Should().Be(0, r.ToString());
        var doc = JObject.Parse(r.Stdout);
        ((int)doc["summary"]!["criteriaTotal"]!).Should().Be(criteria);
        ((int)doc["summary"]!["indicatorsTotal"]!).Should().Be(indicators);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Cli.RepoRoot, "docs", "schemas", "evaluation.schema.json"));
        schema.Validate(r.Stdout).Should().BeEmpty();
        // Every threshold says whose decision it is, and only when it is confirmed or reported under it.
        doc["criteria"]!.SelectMany(c => c["indicators"]!).Should().OnlyContain(i =>
            ((string)i["threshold"]!["basis"]!).StartsWith((string)i["threshold"]!["provenance"]!["state"]! == "assumed" ? "ngưỡng giả định, chưa có văn bản xác nhận (" : "ngưỡng theo QĐ "));
    }

    [Fact]
    public void Thanh_hoa_judges_cam_thanh_as_seed_001_does_with_the_provinces_poverty_threshold()
    {
        var doc = Evaluate("vn.thanh-hoa.2022-2025.xa-ntm", "cam-thanh-2023.json");
        ((string)doc["summary"]!["text"]!).Should().Be("11/19 tiêu chí, 47/57 chỉ tiêu");
        ((string)doc["plugin"]!["id"]!).Should().Be("vn.thanh-hoa.2022-2025");
        ((string)doc["set"]!["decision"]!["number"]!).Should().Be("32/2022/QĐ-UBND");
        var baseSet = doc["set"]!["extends"]!.Should().ContainSingle().Subject;
        ((string)baseSet["setId"]!).Should().Be("vn.qd318.xa-ntm");
        ((string)baseSet["plugin"]!["id"]!).Should().Be("vn.qd318");
        ((string)baseSet["plugin"]!["contentSha256"]!).Should().MatchRegex("^[0-9a-f]{64}$");

        var poverty = Indicator(doc, "11");
        ((string)poverty["status"]!).Should().Be("chua-dat");
        ((double)poverty["threshold"]!["value"]!).Should().Be(6.5);
        ((string)poverty["threshold"]!["provenance"]!["state"]!).Should().Be("reported", "the Cẩm Thành plan of 7/2023 applies ≤ 6,5% under QĐ 32/2022/QĐ-UBND");
        ((string)poverty["threshold"]!["provenance"]!["document"]!).Should().Contain("UBND xã Cẩm Thành");
        ((string)poverty["threshold"]!["basis"]!).Should().StartWith("ngưỡng theo QĐ 32/2022/QĐ-UBND, như Kế hoạch của UBND xã Cẩm Thành")
            .And.EndWith("thay cho ngưỡng của bộ vn.qd318.xa-ntm");
        ((string)poverty["threshold"]!["replaces"]!["decision"]!).Should().Be("318/QĐ-TTg");
        ((string)poverty["citation"]!["decision"]!).Should().Be("32/2022/QĐ-UBND");
        ((string)poverty["origin"]!["kind"]!).Should().Be("overridden");

        var ehr = Indicator(doc, "15.4");
        ((string)ehr["name"]!).Should().Be("Tỷ lệ dân số có sổ khám chữa bệnh điện tử");
        ((string)ehr["status"]!).Should().Be("chua-dat");
        ((string)ehr["origin"]!["kind"]!).Should().Be("inherited");
        ((string)ehr["origin"]!["rulePlugin"]!).Should().Be("vn.qd318");
        ((string)ehr["threshold"]!["provenance"]!["state"]!).Should().Be("assumed", "QĐ 32/2022/QĐ-UBND's figure for 15.4 is not in hand");
        ((string)ehr["threshold"]!["provenance"]!["reason"]!).Should().Contain("chưa đối chiếu với QĐ 32/2022/QĐ-UBND");
    }

    [Fact]
    public void Lang_son_nang_cao_applies_the_provinces_quoted_figures_and_kieu_mau_extends_it_in_a_chain()
    {
        var doc = Evaluate("vn.lang-son.2022-2025.xa-ntm-nang-cao", "tan-lap-2024.json");
        var cremation = Indicator(doc, "17.10");
        ((string)cremation["name"]!).Should().Be("Tỷ lệ sử dụng hình thức hỏa táng theo quy định");
        ((string)cremation["threshold"]!["operator"]!).Should().Be(">=");
        ((double)cremation["threshold"]!["value"]!).Should().Be(5);
        ((string)cremation["threshold"]!["provenance"]!["state"]!).Should().Be("assumed", "no public document quoting Lạng Sơn's figure was found");
        ((string)cremation["threshold"]!["basis"]!).Should().StartWith("ngưỡng giả định").And.EndWith("thay cho ngưỡng của bộ vn.qd318.xa-ntm-nang-cao");
        ((double)Indicator(doc, "18.2")["threshold"]!["value"]!).Should().Be(60);
        ((double)Indicator(doc, "14.1")["threshold"]!["value"]!).Should().Be(95);

        var ntm = Evaluate("vn.lang-son.2022-2025.xa-ntm", "tan-lap-2024.json");
        ((int)ntm["summary"]!["criteriaMet"]!).Should().Be(18, "seed 002: xã tự rà soát, đánh giá đạt 18/19 tiêu chí");

        var kieuMau = Evaluate("vn.lang-son.2022-2025.xa-ntm-kieu-mau", "tan-lap-2024.json");
        kieuMau["set"]!["extends"]!.Select(b => (string)b["setId"]!).Should().Equal("vn.lang-son.2022-2025.xa-ntm-nang-cao", "vn.qd318.xa-ntm-nang-cao");
        ((string)Indicator(kieuMau, "17.10")["threshold"]!["basis"]!).Should().EndWith("thay cho ngưỡng của bộ vn.qd318.xa-ntm-nang-cao",
            "a replaced threshold stays recorded down the chain");
        foreach (var code in new[] { "20.1", "20.2", "20.3" })
        {
            var i = Indicator(kieuMau, code);
            ((string)i["origin"]!["kind"]!).Should().Be("added");
            ((string)i["threshold"]!["provenance"]!["state"]!).Should().Be("assumed");
            ((string)i["status"]!).Should().Be("thieu-so-lieu", "the Tân Lập sample has no kiểu mẫu figures");
        }
    }

    [Fact]
    public void Village_sets_judge_the_seed_villages()
    {
        var xom = Evaluate("vn.cao-bang.2022-2025.xom-ntm", "bo-teng-2023.json");
        ((string)xom["summary"]!["text"]!).Should().Be("16/16 tiêu chí, 16/16 chỉ tiêu", "seed 003 lists Bó Tềng among Đại Sơn's xóm đạt thôn NTM");
        var kieuMau = Evaluate("vn.cao-bang.2022-2025.xom-ntm-kieu-mau", "bo-teng-2023.json");
        ((string)kieuMau["summary"]!["text"]!).Should().Be("16/17 tiêu chí, 16/17 chỉ tiêu");

        var kdc = Evaluate("vn.ha-tinh.2022-2025.kdc-ntm-kieu-mau", "thinh-bang-2023.json");
        ((string)kdc["set"]!["level"]!).Should().Be("thon-ntm-kieu-mau");
        var culture = Indicator(kdc, "5.1");
        ((double)culture["threshold"]!["value"]!).Should().Be(20);
        ((string)culture["threshold"]!["provenance"]!["state"]!).Should().Be("reported", "the Sơn Bằng plan of 09/3/2023 states 20% for QĐ 39/2022/QĐ-UBND");
        ((double)culture["actual"]!["value"]!).Should().Be(12.5);
        ((string)culture["status"]!).Should().Be("chua-dat");
        ((string)culture["threshold"]!["basis"]!).Should().StartWith("ngưỡng theo QĐ 39/2022/QĐ-UBND, như Kế hoạch số 01/KH-BCĐ");
        kdc["set"]!["extends"]!.Should().BeEmpty();
    }

    [Fact]
    public void The_trace_names_both_plugins_with_versions_and_hashes()
    {
        var json = Cli.Run("trace", "--set", "vn.thanh-hoa.2022-2025.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"),
            "--indicator", "11", "--format", "json", "--evaluated-at", "2024-01-01T00:00:00Z");
        json.ExitCode.Should().Be(0, json.ToString());
        var doc = JObject.Parse(json.Stdout);
        ((string)doc["provenance"]!["pluginId"]!).Should().Be("vn.thanh-hoa.2022-2025");
        var b = doc["provenance"]!["bases"]!.Should().ContainSingle().Subject;
        ((string)b["pluginId"]!).Should().Be("vn.qd318");
        ((string)b["pluginVersion"]!).Should().Be("1.0.0");
        ((string)b["pluginContentSha256"]!).Should().MatchRegex("^[0-9a-f]{64}$");
        ((string)doc["set"]!["workflowFile"]!).Should().Be("vn.qd318:rules/xa-ntm.json");

        var text = Cli.Run("trace", "--set", "vn.thanh-hoa.2022-2025.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"),
            "--indicator", "11", "--evaluated-at", "2024-01-01T00:00:00Z", "--lang", "vi");
        text.ExitCode.Should().Be(0, text.ToString());
        text.Stdout.Should().Contain("Nguồn ngưỡng: ngưỡng theo QĐ 32/2022/QĐ-UBND, như Kế hoạch của UBND xã Cẩm Thành")
            .And.Contain("Xác nhận ngưỡng: theo văn bản áp dụng: Kế hoạch của UBND xã Cẩm Thành")
            .And.Contain("Kế thừa bộ vn.qd318.xa-ntm (QĐ 318/QĐ-TTg): plugin vn.qd318 phiên bản 1.0.0, SHA-256 nội dung " + (string)b["pluginContentSha256"]!)
            .And.Contain("trong rules/xa-ntm.json của plugin vn.qd318");

        var table = Cli.Run("evaluate", "--set", "vn.thanh-hoa.2022-2025.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--lang", "vi");
        table.ExitCode.Should().Be(0, table.ToString());
        table.Stdout.Should().Contain("Kế thừa: bộ vn.qd318.xa-ntm").And.Contain("(theo văn bản áp dụng)").And.Contain("(giả định)");
        Regex.Replace(table.Stdout, @"\s+", " ").Should().MatchRegex(@"Ngưỡng đã dùng: 0 đã xác nhận, \d+ theo văn bản áp dụng, \d+ giả định\.");
    }

    [Fact]
    public void Provincial_output_is_byte_identical_across_runs()
    {
        var a = Cli.Run("evaluate", "--set", "vn.lang-son.2022-2025.xa-ntm-kieu-mau", "--data", Cli.Sample("tan-lap-2024.json"), "--format", "json");
        var b = Cli.Run("evaluate", "--set", "vn.lang-son.2022-2025.xa-ntm-kieu-mau", "--data", Cli.Sample("tan-lap-2024.json"), "--format", "json");
        a.ExitCode.Should().Be(0, a.ToString());
        b.Stdout.Should().Be(a.Stdout);
    }

    [Fact]
    public void A_copy_of_a_bundled_provincial_plugin_elsewhere_is_unsigned_and_otherwise_gives_the_same_result()
    {
        var dir = Cli.TempPluginsFolder();
        Cli.CopyPlugin(Qd318, dir);
        var plugin = Cli.CopyPlugin(ThanhHoa, dir);
        Directory.GetFiles(plugin, "*.dll", SearchOption.AllDirectories).Should().BeEmpty();

        var list = Cli.Run("plugins", "--plugins", dir, "--allow-unsigned", "--lang", "vi");
        list.ExitCode.Should().Be(0, list.ToString());
        list.Stdout.Should().Contain("vn.thanh-hoa.2022-2025.xa-ntm").And.Contain("(chỉ dữ liệu)");

        var dataOnly = Cli.Run("evaluate", "--plugins", dir, "--allow-unsigned", "--set", "vn.thanh-hoa.2022-2025.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--format", "json");
        var shipped = Cli.Run("evaluate", "--set", "vn.thanh-hoa.2022-2025.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"), "--format", "json");
        dataOnly.ExitCode.Should().Be(0, dataOnly.ToString());
        // The copy outside the folder next to ntm is unsigned and says so; apart from that it is the same plugin.
        var copy = JObject.Parse(dataOnly.Stdout);
        var bundled = JObject.Parse(shipped.Stdout);
        ((string)copy["plugin"]!["signature"]!["status"]!).Should().Be("unsigned-allowed");
        ((string)bundled["plugin"]!["signature"]!["status"]!).Should().Be("bundled");
        foreach (var doc in new[] { copy, bundled })
        {
            doc["plugin"]!["signature"]!.Parent!.Remove();
            foreach (var b in doc["set"]!["extends"]!) b["plugin"]!["signature"]!.Parent!.Remove();
        }
        copy.ToString().Should().Be(bundled.ToString(), "the same data files give the same content hash, wherever the folder is");
    }

    [Fact]
    public void A_provincial_plugin_without_its_base_is_refused_saying_which_set_is_missing()
    {
        var dir = Cli.TempPluginsFolder();
        Cli.CopyPlugin(ThanhHoa, dir);
        var r = Cli.Run("plugins", "--plugins", dir, "--allow-unsigned");
        r.ExitCode.Should().Be(3, r.ToString());
        Flat(r.Stdout).Should().Contain("was refused").And.Contain("xa-ntm.json(").And.Contain("base set \"vn.qd318.xa-ntm\" is not available");

        var eval = Cli.Run("evaluate", "--plugins", dir, "--allow-unsigned", "--set", "vn.thanh-hoa.2022-2025.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"));
        eval.ExitCode.Should().Be(3, eval.ToString());
        eval.Stderr.Should().Contain("vn.qd318.xa-ntm");
    }

    [Fact]
    public void A_provincial_plugin_whose_base_plugin_is_refused_is_refused_too()
    {
        var dir = Cli.TempPluginsFolder();
        var national = Cli.CopyPlugin(Qd318, dir);
        Cli.CopyPlugin(ThanhHoa, dir);
        var workflow = Path.Combine(national, "rules", "xa-ntm.json");
        File.WriteAllText(workflow, File.ReadAllText(workflow).Replace("actual >= threshold", "actual >= threshold &&", StringComparison.Ordinal));
        var r = Cli.Run("plugins", "--plugins", dir, "--allow-unsigned");
        r.ExitCode.Should().Be(3, r.ToString());
        Flat(r.Stdout).Should().Contain("extends vn.qd318.xa-ntm of plugin vn.qd318 (NtmRules.Plugins.Qd318), which was refused at load");
    }

    [Fact]
    public void A_broken_override_is_refused_with_file_line_and_field()
    {
        var dir = Cli.TempPluginsFolder();
        Cli.CopyPlugin(Qd318, dir);
        var plugin = Cli.CopyPlugin(ThanhHoa, dir);
        var setFile = Path.Combine(plugin, "sets", "xa-ntm.json");
        var doc = JObject.Parse(File.ReadAllText(setFile));
        doc["override"]!["11.9"] = new JObject { ["name"] = "không có chỉ tiêu này" };
        File.WriteAllText(setFile, doc.ToString());
        var r = Cli.Run("plugins", "--plugins", dir, "--allow-unsigned");
        r.ExitCode.Should().Be(3, r.ToString());
        Flat(r.Stdout).Should().MatchRegex(@"xa-ntm\.json\(\d+,\d+\): error: override\['11\.9'\]: override: indicator ""11\.9"" is not in base set vn\.qd318\.xa-ntm");
    }

    [Fact]
    public void Two_plugins_claiming_one_id_are_both_refused_naming_each_other()
    {
        var dir = Cli.TempPluginsFolder();
        Cli.CopyPlugin(Qd318, dir);
        Cli.CopyPlugin(ThanhHoa, dir);
        // The same plugin installed a second time under another folder name (an older copy, say).
        var copy = Path.Combine(dir, "ThanhHoaCu");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dir, ThanhHoa), "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(copy, Path.GetRelativePath(Path.Combine(dir, ThanhHoa), file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }

        var r = Cli.Run("plugins", "--plugins", dir, "--allow-unsigned");
        r.ExitCode.Should().Be(3, r.ToString());
        Flat(r.Stdout).Should().Contain("plugin id \"vn.thanh-hoa.2022-2025\" is claimed by 2 plugin folders")
            .And.Contain("NtmRules.Plugins.ThanhHoa (version 1.0.0), ThanhHoaCu (version 1.0.0)");
        r.Stdout.Should().NotContain("is provided 2 times", "one cause, said once");
        var eval = Cli.Run("evaluate", "--plugins", dir, "--allow-unsigned", "--set", "vn.thanh-hoa.2022-2025.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json"));
        eval.ExitCode.Should().Be(3, eval.ToString());
        // The national plugin is not involved and still works.
        Cli.Run("evaluate", "--plugins", dir, "--allow-unsigned", "--set", "vn.qd318.xa-ntm", "--data", Cli.Sample("cam-thanh-2023.json")).ExitCode.Should().Be(0);
    }
}

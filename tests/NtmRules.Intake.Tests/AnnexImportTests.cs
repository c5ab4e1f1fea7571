using NtmRules.Intake.Annex;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Tests.Shared;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>Importing annex tables: a 2026–2030 set keyed by commune group, bad cells, the blank template, a set that extends another, the plugin-id rule.</summary>
public class AnnexImportTests
{
    private const string Reason = "Mức thử nghiệm do bộ kiểm thử tự đặt để minh họa cách nhập; không phải mức của QĐ 51/2025/QĐ-TTg.";

    /// <summary>A table row: cells by 1-based column.</summary>
    private static object?[] Row(params (int Column, object? Value)[] cells)
    {
        var row = new object?[AnnexLayout.Header.Count];
        foreach (var (c, v) in cells) row[c - 1] = v;
        return row;
    }

    private static object?[] Criterion(int number, string name) => Row((AnnexLayout.CriterionNumber, (double)number), (AnnexLayout.CriterionName, name));

    private static object?[] Measure(string key, string label, string type, string unit = "", double? min = null) =>
        Row((AnnexLayout.Kind, AnnexLayout.MeasureRowKind), (AnnexLayout.Measure1, key), (AnnexLayout.MeasureLabel, label), (AnnexLayout.MeasureType, type),
            (AnnexLayout.MeasureUnit, unit), (AnnexLayout.MeasureMin, min));

    /// <summary>An indicator row keyed only by the three groups, from 15/02/2026, assumed.</summary>
    private static object?[] Indicator(string code, string name, string kind, string? m1, string? m2, string? op, object g1, object g2, object g3, string? expression = null, string unit = "") =>
        Row((AnnexLayout.Code, code), (AnnexLayout.Name, name), (AnnexLayout.Kind, kind), (AnnexLayout.Measure1, m1), (AnnexLayout.Measure2, m2),
            (AnnexLayout.ExpressionColumn, expression), (AnnexLayout.Operator, op), (AnnexLayout.ValueUnit, unit), (AnnexLayout.From, "15/02/2026"),
            (AnnexLayout.FirstFigure + 8, g1), (AnnexLayout.FirstFigure + 9, g2), (AnnexLayout.FirstFigure + 10, g3),
            (AnnexLayout.State, "giả định"), (AnnexLayout.Reason, Reason), (AnnexLayout.CitationAppendix, "Phụ lục thử nghiệm"));

    /// <summary>The small 2026–2030 annex of the tests: five indicators of the five kinds, thresholds by commune group only.</summary>
    internal static List<object?[]> Annex2026() =>
    [
        AnnexLayout.Header.Cast<object?>().ToArray(),
        Criterion(1, "Quy hoạch (thử nghiệm)"),
        Indicator("1.1", "Có quy hoạch chung xây dựng xã được phê duyệt", "có/không", "coQuyHoachChungDuocDuyet", null, null, "có", "có", "có"),
        Criterion(2, "Hạ tầng kinh tế – xã hội (thử nghiệm)"),
        Indicator("2.1", "Tỷ lệ hộ sử dụng nước sạch theo quy chuẩn", "tỷ lệ", "hoSuDungNuocSachTheoQuyChuan", "tongSoHo", "≥", 95.0, 90.0, 85.0),
        Indicator("2.2", "Số nhà tạm, dột nát", "tối đa", "soNhaTamDotNat", null, null, 0.0, 1.0, 2.0),
        Criterion(3, "Phát triển kinh tế nông thôn, giảm nghèo (thử nghiệm)"),
        Indicator("3.1", "Thu nhập bình quân đầu người", "giá trị", "thuNhapBinhQuanDauNguoi", null, "≥", 70.0, 60.0, 50.0, unit: "triệu đồng/người/năm"),
        Indicator("3.2", "Tỷ lệ hộ nghèo và cận nghèo đa chiều", "biểu thức", null, null, "≤", 5.0, 8.0, 10.0, "Ntm.Rate(m.hoNgheo + m.hoCanNgheo, m.tongSoHo)", "%"),
        Row((AnnexLayout.CriterionName, "SỐ LIỆU ĐẦU VÀO")),
        Measure("tongSoHo", "Tổng số hộ", "số nguyên", "hộ", 1),
        Measure("coQuyHoachChungDuocDuyet", "Có quy hoạch chung xây dựng xã được phê duyệt", "có/không"),
        Measure("hoSuDungNuocSachTheoQuyChuan", "Số hộ sử dụng nước sạch theo quy chuẩn", "số nguyên", "hộ", 0),
        Measure("soNhaTamDotNat", "Số nhà tạm, dột nát", "số nguyên", "nhà", 0),
        Measure("thuNhapBinhQuanDauNguoi", "Thu nhập bình quân đầu người", "số thập phân", "triệu đồng/người/năm", 0),
        Measure("hoNgheo", "Số hộ nghèo đa chiều", "số nguyên", "hộ", 0),
        Measure("hoCanNgheo", "Số hộ cận nghèo", "số nguyên", "hộ", 0),
    ];

    private static AnnexOptions Options(string id = "vn.minh-hoa.2026-2030") => new(id, "QĐ 99/2026/QĐ-THỬ")
    {
        DecisionDate = "2026-01-05", Authority = "Đơn vị kiểm thử (minh họa, không phải cơ quan ban hành)", Name = "Bộ tiêu chí thử nghiệm 2026–2030 (không phải văn bản pháp lý)",
    };

    private static string WriteCsv(IReadOnlyList<object?[]> rows)
    {
        var path = Path.Combine(IntakeKit.TempFolder(), "phu-luc.csv");
        File.WriteAllBytes(path, AnnexCsv.ToBytes(rows));
        return path;
    }

    private static string WriteXlsx(IReadOnlyList<object?[]> rows)
    {
        var path = Path.Combine(IntakeKit.TempFolder(), "phu-luc.xlsx");
        XlsxWriter.Write(path, [new SheetSpec(AnnexLayout.Sheet, rows, [])]);
        return path;
    }

    private static Task<AnnexImportResult> Import(string annex, AnnexOptions options, string outDir, PluginHost? installed = null, string? root = null) =>
        AnnexImporter.ImportAsync(installed, annex, Path.GetFileName(annex), options, outDir, null, dir => PluginHost.LoadCandidate(dir, root));

    [Fact]
    public async Task The_2026_sample_is_evaluated_by_commune_group_against_a_set_imported_from_a_small_annex()
    {
        var outDir = Path.Combine(IntakeKit.TempFolder(), "plugin");
        var r = await Import(WriteCsv(Annex2026()), Options(), outDir);
        r.Indicators.Should().Be(5);
        r.Figures.Should().Be(15);
        r.Skipped.Should().BeEmpty("the expression of 3.2 is searched for the point where its verdict flips");
        r.Coverage.Should().Be((5, 5));
        r.Cases.Should().Be(5 * 3 * 2, "five indicators, three group figures each, a case at and one beside each figure");
        var group2 = Directory.GetFiles(Path.Combine(outDir, "tests"), "3-2-*-nhom-2-*.test.json")
            .Select(f => Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(f))).ToDictionary(o => (string)o["expect"]!["3.2"]!, o => o["data"]!["measures"]!);
        ((double)group2["dat"]["hoNgheo"]!).Should().Be(8000, "8.000/100.000 = 8% ≤ 8% for xã nhóm 2");
        ((double)group2["chua-dat"]["hoNgheo"]!).Should().Be(8001);
        var host = PluginHost.LoadCandidate(outDir, null);
        host.Candidate!.Loaded.Should().BeTrue();
        var set = host.GetSet("vn.minh-hoa.2026-2030.xa-ntm");
        set.Set.UsesGroups.Should().BeTrue();
        var sample = RepoPaths.Of("samples", "xa-minh-hoa-2026.json");
        var data = CommuneFileReader.ReadOne(sample, "xa-minh-hoa-2026.json", set.Set, []);
        data.Group.Should().Be(CommuneGroup.Group2);
        var result = await host.Evaluator.EvaluateAsync(set, data);
        result.Indicators.ToDictionary(i => i.Indicator.Code, i => i.Status.Code()).Should().Equal(new Dictionary<string, string>
        {
            ["1.1"] = "dat", ["2.1"] = "chua-dat", ["2.2"] = "dat", ["3.1"] = "dat", ["3.2"] = "dat",
        }, "group 2: 1.068/1.200 = 89% < 90%, 1 nhà ≤ 1, 62,5 ≥ 60, (40 + 50)/1.200 = 7,5% ≤ 8%");
        result.Indicators.Single(i => i.Indicator.Code == "2.1").Threshold.Value.Number.Should().Be(90);
        var asGroup1 = await host.Evaluator.EvaluateAsync(set, data with { Group = CommuneGroup.Group1 });
        asGroup1.Indicators.Single(i => i.Indicator.Code == "3.1").Status.Should().Be(IndicatorStatus.ChuaDat, "62,5 < 70 for xã nhóm 1");
    }

    [Fact]
    public async Task The_same_annex_as_a_workbook_gives_the_same_set_and_an_info_sheet_replaces_the_options()
    {
        var rows = Annex2026();
        var path = Path.Combine(IntakeKit.TempFolder(), "phu-luc.xlsx");
        XlsxWriter.Write(path,
        [
            new SheetSpec(AnnexLayout.Sheet, rows, []),
            new SheetSpec(AnnexLayout.InfoSheet, [new object?[] { AnnexLayout.InfoDate, "05/01/2026" }, new object?[] { AnnexLayout.InfoAuthority, "Đơn vị kiểm thử" }, new object?[] { AnnexLayout.InfoLevel, "xã nông thôn mới" }], []),
        ]);
        var outDir = Path.Combine(IntakeKit.TempFolder(), "plugin");
        var r = await Import(path, new AnnexOptions("vn.minh-hoa.xlsx", "99/2026/QĐ-THỬ"), outDir);
        var set = PluginHost.LoadCandidate(outDir, null).GetSet(r.SetId).Set;
        set.Decision.Should().Be(new LegalDecision("99/2026/QĐ-THỬ", new DateOnly(2026, 1, 5), "Đơn vị kiểm thử", set.Name));
        set.Effective.From.Should().Be(new DateOnly(2026, 2, 15), "the earliest date a figure takes effect");
        set.Indicators.Select(i => i.Code).Should().Equal("1.1", "2.1", "2.2", "3.1", "3.2");
        set.Indicators[0].Threshold.Values[0].ByGroup.Should().HaveCount(3);
        set.Indicators[0].Threshold.Values[0].General.Should().BeNull();
    }

    [Fact]
    public async Task Every_bad_cell_is_reported_by_sheet_row_and_column_in_Vietnamese_and_nothing_is_written()
    {
        using var vietnamese = TestCulture.Use("vi"); // the annex messages asserted here are the Vietnamese ones
        var rows = Annex2026();
        rows[2][AnnexLayout.Kind - 1] = "phần trăm";                        // row 3: unknown kind
        rows[4][AnnexLayout.FirstFigure + 8 - 1] = "chín mươi";             // row 5: not a number
        rows[5][AnnexLayout.State - 1] = null;                              // row 6: no source
        rows[7][AnnexLayout.Measure1 - 1] = "thuNhapKhongKhaiBao";          // row 8: undeclared measure
        rows[8][AnnexLayout.ExpressionColumn - 1] = "m.hoNgheo.GetType()";  // row 9: forbidden expression
        rows[8][AnnexLayout.FirstFigure + 10 - 1] = null;                   // row 9: group 3 missing, no general figure
        rows[11][AnnexLayout.MeasureType - 1] = "chữ";                      // row 12: unknown measure type
        var outDir = Path.Combine(IntakeKit.TempFolder(), "plugin");
        var act = () => Import(WriteXlsx(rows), Options(), outDir);
        var e = (await act.Should().ThrowAsync<InputException>()).Which;
        var text = string.Join("\n", e.Problems.Select(p => p.ToString()));
        e.Problems.Should().OnlyContain(p => p.File == "phu-luc.xlsx[Phụ lục]", text);
        e.Problems.Select(p => (p.Line, p.Column)).Should().Contain([(3, AnnexLayout.Kind), (5, AnnexLayout.FirstFigure + 8), (6, AnnexLayout.State),
            (8, AnnexLayout.Measure1), (9, AnnexLayout.ExpressionColumn), (12, AnnexLayout.MeasureType)], text);
        text.Should().Contain("loại chỉ tiêu phải là một trong").And.Contain("mức phải là một số").And.Contain("ghi nguồn của các mức")
            .And.Contain("chưa được khai báo").And.Contain("reflection").And.Contain("kiểu số liệu phải là");
        Directory.Exists(outDir).Should().BeFalse("nothing is written when a cell is wrong");
        Directory.GetFileSystemEntries(Path.GetDirectoryName(outDir)!).Should().BeEmpty("no half-written folder is left beside it");
    }

    [Fact]
    public async Task Hostile_cells_control_characters_text_beyond_the_table_and_too_many_rows_are_refused_before_reading()
    {
        using var vietnamese = TestCulture.Use("vi"); // the annex messages asserted here are the Vietnamese ones
        var rows = Annex2026();
        rows[2][AnnexLayout.Name - 1] = "Quy hoạch\u202e";
        rows[4] = [.. rows[4], null, null, "=cmd|' /C calc'!A0"];
        var act = () => Import(WriteXlsx(rows), Options(), Path.Combine(IntakeKit.TempFolder(), "p"));
        var e = (await act.Should().ThrowAsync<InputException>()).Which;
        e.Problems.Select(p => (p.Line, p.Column)).Should().BeEquivalentTo([(3, AnnexLayout.Name), (5, AnnexLayout.Header.Count + 3)]);
        e.Problems[0].Message.Should().Contain("ký tự điều khiển").And.Contain("\\u202E").And.NotContain("\u202e");
        var many = Annex2026();
        many.AddRange(Enumerable.Range(0, AnnexReader.MaxRows).Select(_ => Criterion(99, "Lặp")));
        var tooMany = () => Import(WriteCsv(many), Options(), Path.Combine(IntakeKit.TempFolder(), "p"));
        (await tooMany.Should().ThrowAsync<InputException>()).Which.Problems.Should().ContainSingle().Which.Message.Should().Contain("5.000 dòng");
    }

    [Fact]
    public async Task A_changed_header_a_missing_decision_date_and_a_bad_plugin_id_are_refused()
    {
        using var vietnamese = TestCulture.Use("vi"); // the annex messages asserted here are the Vietnamese ones
        var rows = Annex2026();
        rows[0] = rows[0].ToArray();
        rows[0][AnnexLayout.FirstFigure - 1] = "Chung";
        var header = () => Import(WriteCsv(rows), Options(), Path.Combine(IntakeKit.TempFolder(), "p"));
        (await header.Should().ThrowAsync<InputException>()).Which.Problems.Should().ContainSingle(p => p.Column == AnnexLayout.FirstFigure && p.Line == 1)
            .Which.Message.Should().Contain("Mức chung");
        var noDate = () => Import(WriteCsv(Annex2026()), Options() with { DecisionDate = null }, Path.Combine(IntakeKit.TempFolder(), "p"));
        (await noDate.Should().ThrowAsync<InputException>()).Which.Problems.Should().ContainSingle(p => p.Field == "--date").Which.Message.Should().Contain("ngày ký");
        var badId = () => Import(WriteCsv(Annex2026()), Options("VN.Quảng Trị"), Path.Combine(IntakeKit.TempFolder(), "p"));
        (await badId.Should().ThrowAsync<InputException>()).Which.Problems.Should().ContainSingle(p => p.Field == "--id");
    }

    [Fact]
    public async Task The_2026_2030_template_has_the_areas_as_headings_three_group_columns_and_no_figure_and_imports_as_nothing_yet()
    {
        using var vietnamese = TestCulture.Use("vi"); // the annex messages asserted here are the Vietnamese ones
        var bytes = AnnexTemplate.ToXlsx("2026-2030");
        bytes.Should().Equal(AnnexTemplate.ToXlsx("2026-2030"));
        var path = Path.Combine(IntakeKit.TempFolder(), "mau.xlsx");
        File.WriteAllBytes(path, bytes);
        var book = XlsxWorkbookReader.Open(path, "mau.xlsx");
        var rows = book.Rows(AnnexLayout.Sheet)!;
        rows[0].Cells.Select(c => c.Text).Should().Equal(AnnexLayout.Header);
        rows[0].Cells.Select(c => c.Text).Should().Contain(["Xã nhóm 1", "Xã nhóm 2", "Xã nhóm 3"]);
        rows.Skip(1).Select(r => r[AnnexLayout.CriterionName - 1].Text).Should().StartWith(AnnexTemplate.Areas2026);
        rows.Skip(1).Should().OnlyContain(r => r.Cells.Count(c => !c.IsBlank) == 1, "only headings: no number, indicator or figure is invented");
        book.Rows(AnnexLayout.InfoSheet)!.Select(r => r[1].Text).Should().Contain(["51/2025/QĐ-TTg", "2025-12-29", "2026-02-15"]);
        var act = () => Import(path, new AnnexOptions("vn.quoc-gia.2026-2030", "QĐ 51/2025/QĐ-TTg"), Path.Combine(IntakeKit.TempFolder(), "p"));
        (await act.Should().ThrowAsync<InputException>()).Which.Problems.Should().ContainSingle().Which.Message.Should().Contain("chưa có chỉ tiêu nào");
        var other = () => AnnexTemplate.ToXlsx("2021-2025");
        other.Should().Throw<InputException>().Which.Problems.Single().Field.Should().Be("--period");
    }

    [Fact]
    public async Task A_provincial_annex_that_extends_the_national_set_overrides_the_indicators_it_names_and_adds_the_others()
    {
        // The shipped plugins loaded once for the test process: the import reads them and writes only under outDir.
        var (installed, root) = (ShippedPlugins.Loaded, ShippedPlugins.LoadedRoot);
        List<object?[]> rows =
        [
            AnnexLayout.Header.Cast<object?>().ToArray(),
            Criterion(11, "Nghèo đa chiều"),
            Row((AnnexLayout.Code, "11"), (AnnexLayout.Name, "Tỷ lệ nghèo đa chiều (mức của tỉnh)"), (AnnexLayout.Kind, "biểu thức"),
                (AnnexLayout.ExpressionColumn, "Ntm.Rate(m.hoNgheo + m.hoCanNgheo, m.tongSoHo)"), (AnnexLayout.Operator, "≤"), (AnnexLayout.ValueUnit, "%"),
                (AnnexLayout.From, "2026-03-01"), (AnnexLayout.FirstFigure, 5.0), (AnnexLayout.State, "giả định"), (AnnexLayout.Reason, Reason)),
            Criterion(20, "Tiêu chí riêng của tỉnh (thử nghiệm)"),
            Row((AnnexLayout.Code, "20.1"), (AnnexLayout.Name, "Có mô hình thôn thông minh"), (AnnexLayout.Kind, "có/không"), (AnnexLayout.Measure1, "coThonThongMinh"),
                (AnnexLayout.From, "2026-03-01"), (AnnexLayout.FirstFigure, "có"), (AnnexLayout.State, "giả định"), (AnnexLayout.Reason, Reason)),
            Measure("coThonThongMinh", "Có ít nhất một thôn thông minh", "có/không"),
        ];
        var outDir = Path.Combine(IntakeKit.TempFolder(), "plugin");
        var r = await Import(WriteCsv(rows), Options("quang-tri.2026") with { Extends = "vn.qd318.xa-ntm" }, outDir, installed, root);
        r.SetId.Should().Be("quang-tri.2026.xa-ntm", "a plugin id whose first word has a hyphen is valid for the host too");
        var set = PluginHost.LoadCandidate(outDir, root).GetSet(r.SetId).Set;
        set.Indicators.Should().HaveCount(58);
        set.Indicators.Single(i => i.Code == "11").Origin!.Kind.Should().Be(IndicatorOriginKind.Overridden);
        set.Indicators.Single(i => i.Code == "20.1").Origin!.Kind.Should().Be(IndicatorOriginKind.Added);
        set.Indicators.Single(i => i.Code == "1.1").Origin!.Kind.Should().Be(IndicatorOriginKind.Inherited);
    }

    [Theory]
    [InlineData("vn.qd318", true)]
    [InlineData("quang-tri.2026", true)]
    [InlineData("vn.thanh-hoa.2022-2025", true)]
    [InlineData("vn", true)]
    [InlineData("VN.x", false)]
    [InlineData("vn..x", false)]
    [InlineData("vn.-x", false)]
    [InlineData("vn.x-", false)]
    [InlineData("vn.quảng-trị", false)]
    [InlineData("vn x", false)]
    [InlineData("", false)]
    public void One_plugin_id_rule(string id, bool valid)
    {
        PluginId.IsValid(id).Should().Be(valid);
        PluginId.IsValidSetId(id + ".xa-ntm").Should().Be(valid);
    }

    [Fact]
    public void The_host_refuses_a_manifest_id_the_rule_refuses_and_loads_one_it_accepts()
    {
        foreach (var (id, loads) in new[] { ("quang-tri.2026", true), ("Quang_Tri", false) })
        {
            var dir = Path.Combine(IntakeKit.TempFolder(), "p");
            var set = new Newtonsoft.Json.Linq.JObject
            {
                ["id"] = (loads ? id : "x") + ".xa-ntm", ["name"] = "Bộ thử", ["level"] = "xa-ntm",
                ["decision"] = new Newtonsoft.Json.Linq.JObject { ["number"] = "1/2026/QĐ-THỬ", ["date"] = "2026-01-01", ["authority"] = "Đơn vị kiểm thử", ["title"] = "Bộ thử" },
                ["effective"] = new Newtonsoft.Json.Linq.JObject { ["from"] = "2026-01-01" }, ["workflow"] = "rules/xa-ntm.json",
                ["measures"] = Newtonsoft.Json.Linq.JArray.Parse("""[{ "key": "coX", "label": "Có X", "type": "boolean" }]"""),
                ["criteria"] = Newtonsoft.Json.Linq.JArray.Parse("""[{ "number": 1, "name": "Một", "indicators": [{ "code": "1", "name": "Có X", "threshold": { "operator": "==", "values": [{ "from": "2026-01-01", "value": true, "provenance": { "state": "assumed", "reason": "Bộ thử của kiểm thử." }, "citation": { "decision": "1/2026/QĐ-THỬ" } }] } }] }]"""),
            };
            AnnexPluginWriter.WriteJson(Path.Combine(dir, "plugin.json"), new Newtonsoft.Json.Linq.JObject { ["id"] = id, ["name"] = "Thử", ["version"] = "1.0.0", ["publisher"] = "Kiểm thử", ["sets"] = new Newtonsoft.Json.Linq.JArray("sets/xa-ntm.json") });
            AnnexPluginWriter.WriteJson(Path.Combine(dir, "sets", "xa-ntm.json"), set);
            AnnexPluginWriter.WriteJson(Path.Combine(dir, "rules", "xa-ntm.json"), Newtonsoft.Json.Linq.JObject.Parse($$"""{ "WorkflowName": "{{(loads ? id : "x")}}.xa-ntm", "Rules": [{ "RuleName": "1", "LocalParams": [{ "Name": "actual", "Expression": "m.coX" }], "Expression": "actual == threshold" }] }"""));
            var report = PluginHost.LoadCandidate(dir, null).Candidate!;
            report.Loaded.Should().Be(loads, string.Join("\n", report.Problems));
            if (!loads) report.Problems.Should().Contain(p => p.Message.Contains("Quang_Tri"));
        }
    }
}

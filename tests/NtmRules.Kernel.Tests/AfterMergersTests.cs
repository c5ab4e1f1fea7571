using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Intake.Batch;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using NtmRules.Tests.Shared;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// After the 2025 mergers: a set chosen from the province and date when none is named, lineage of
/// merged communes (<c>formerUnits</c>) read strictly and shown in results and traces, and batch
/// reports grouped by province, commune group or former district.
/// </summary>
public class AfterMergersTests
{
    private static IEnumerable<CriteriaSet> Sets => ShippedPlugins.Loaded.Sets.Select(s => s.Set);

    [Fact]
    public void A_provinces_own_set_replaces_the_national_one_it_extends()
    {
        var choice = SetSelector.Choose(Sets, "Thanh Hóa", new DateOnly(2023, 7, 15), Level.XaNtm);
        choice.Chosen!.Id.Should().Be("vn.thanh-hoa.2022-2025.xa-ntm");
        SetSelector.Choose(Sets, "tỉnh Lạng Sơn", new DateOnly(2024, 3, 31), Level.XaNtmNangCao).Chosen!.Id.Should().Be("vn.lang-son.2022-2025.xa-ntm-nang-cao");
    }

    [Fact]
    public void A_province_without_its_own_set_gets_the_national_one()
    {
        SetSelector.Choose(Sets, "Hà Nội", new DateOnly(2024, 6, 1), Level.XaNtm).Chosen!.Id.Should().Be("vn.qd318.xa-ntm");
    }

    [Fact]
    public void Without_a_province_every_set_in_force_is_a_candidate_and_none_is_chosen()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var choice = SetSelector.Choose(Sets, null, new DateOnly(2024, 6, 1), Level.XaNtm);
        choice.Chosen.Should().BeNull();
        choice.Candidates.Select(s => s.Id).Should().Contain(["vn.qd318.xa-ntm", "vn.thanh-hoa.2022-2025.xa-ntm", "vn.ha-tinh.2022-2025.xa-ntm"]);
        choice.Reason.Should().Contain("dữ liệu không nêu tỉnh");
        choice.CandidateLines.Should().Contain(l => l.StartsWith("vn.qd318.xa-ntm — ", StringComparison.Ordinal) && l.Contains("hiệu lực từ 08/03/2022"));
    }

    [Fact]
    public void A_date_no_set_covers_lists_the_sets_of_the_level_with_their_periods()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var choice = SetSelector.Choose(Sets, "Thanh Hóa", new DateOnly(2026, 5, 1), Level.XaNtm);
        choice.Chosen.Should().BeNull();
        choice.Reason.Should().Be("Không có bộ tiêu chí xã nông thôn mới nào có hiệu lực tại tỉnh Thanh Hóa vào ngày 01/05/2026; các bộ hiện có:");
        choice.Candidates.Select(s => s.Id).Should().Equal(["vn.qd318.xa-ntm", "vn.thanh-hoa.2022-2025.xa-ntm"], "only the national set and the province's own are its candidates");
        choice.CandidateLines.Should().Contain(l => l.Contains("đến 31/12/2025") && l.Contains("tỉnh Thanh Hóa"));
    }

    [Theory]
    [InlineData("UBND tỉnh Thanh Hóa", "Thanh Hóa")]
    [InlineData("Ủy ban nhân dân thành phố Hải Phòng", "Hải Phòng")]
    [InlineData("Thủ tướng Chính phủ", null)]
    public void The_province_of_a_set_is_its_issuing_peoples_committees(string authority, string? province)
    {
        var set = Sets.First();
        var copy = new CriteriaSet(set.Id, set.Name, set.Level, set.Decision with { Authority = authority }, set.AmendedBy, set.Effective, set.LegalBases,
            set.Measures, set.Criteria, set.Plugin, set.DefinitionFile, set.WorkflowFile);
        SetSelector.ProvinceOf(copy).Should().Be(province);
        if (province is not null) SetSelector.SameProvince("tỉnh  " + province.ToUpperInvariant(), province).Should().BeTrue();
    }

    [Fact]
    public void The_chooser_reads_province_and_date_from_a_table_as_from_a_json_file()
    {
        var dir = Directory.CreateTempSubdirectory("ntm-choose-").FullName;
        var csv = Path.Combine(dir, "xa.csv");
        File.WriteAllText(csv, "name,province,region,year,assessmentDate\nXã Một,Thanh Hóa,BTB,2024,2024-05-02\nXã Hai,Lạng Sơn,TDMNPB,2024,\n");
        SetChooser.ReadWhereAndWhen(csv, "xa.csv").Should().Be(("Thanh Hóa", new DateOnly(2024, 5, 2)));
        SetChooser.ForFile(Sets, csv, "xa.csv", null, null, Level.XaNtm).Chosen!.Id.Should().Be("vn.thanh-hoa.2022-2025.xa-ntm");
        SetChooser.ForFile(Sets, csv, "xa.csv", "Hà Nội", null, Level.XaNtm).Chosen!.Id.Should().Be("vn.qd318.xa-ntm", "--province replaces the data's");

        File.WriteAllText(csv, "name,province,region,year\nXã Một,Thanh Hóa,BTB,hai nghìn\n");
        var bad = () => SetChooser.ReadWhereAndWhen(csv, "xa.csv");
        bad.Should().Throw<InputException>().Which.Problems.Should().ContainSingle(p => p.Field == "year" && p.Line == 2);
    }

    private static CommuneData Merged(string formerUnits, string date = "2026-03-01") =>
        CommuneDataReader.Parse(Encoding.UTF8.GetBytes($$"""
        {
          "format": "ntm.commune-data/1",
          "commune": { "name": "Cẩm Tân", "code": "14900", "province": "Thanh Hóa" },
          "region": "BTB",
          "year": {{date[..4]}},
          "assessmentDate": "{{date}}",
          "formerUnits": {{formerUnits}},
          "measures": {}
        }
        """), "cam-tan.json", []);

    private const string TwoUnits = """
        [
          { "code": "14875", "name": "Cẩm Thành", "district": "Cẩm Thủy", "mergedOn": "2025-07-01" },
          { "code": "14878", "name": "Cẩm Liên", "mergedOn": "2025-07-01" }
        ]
        """;

    [Fact]
    public void Former_units_are_read_with_code_name_date_and_optional_district()
    {
        var data = Merged(TwoUnits);
        data.Commune.District.Should().BeNull("a commune after the mergers has no district");
        data.FormerUnits.Should().Equal(
            new FormerUnit("14875", "Cẩm Thành", new DateOnly(2025, 7, 1), "Cẩm Thủy"),
            new FormerUnit("14878", "Cẩm Liên", new DateOnly(2025, 7, 1), null));
    }

    [Theory]
    [InlineData("""[{ "code": "1", "name": "A", "mergedOn": "2025-07-01", "huyen": "X" }]""", "unknown field 'huyen'", 7)]
    [InlineData("""[{ "name": "A", "mergedOn": "2025-07-01" }]""", "missing required field 'code'", 7)]
    [InlineData("""[{ "code": "1", "name": "A", "mergedOn": "01/07/2025" }]""", "must be a date written yyyy-MM-dd", 7)]
    [InlineData("""[{ "code": "1", "name": "A", "mergedOn": "2026-07-01" }]""", "is after the assessment date 2026-03-01", 7)]
    [InlineData("""[{ "code": "1", "name": "A", "mergedOn": "2025-07-01" }, { "code": "1", "name": "B", "mergedOn": "2025-07-01" }]""", "former unit 1 is listed twice", 7)]
    [InlineData("""{ "code": "1" }""", "'formerUnits' must be an array", 7)]
    [InlineData("""[{ "code": "", "name": "A", "mergedOn": "2025-07-01" }]""", "'code' must not be empty", 7)]
    public void A_bad_former_unit_is_an_error_at_its_line(string formerUnits, string message, int line)
    {
        var read = () => Merged(formerUnits);
        var problem = read.Should().Throw<InputException>().Which.Problems.Should().ContainSingle().Which;
        problem.Message.Should().Contain(message);
        problem.File.Should().Be("cam-tan.json");
        problem.Line.Should().Be(line);
    }

    [Fact]
    public async Task The_evaluation_json_and_the_trace_carry_the_lineage_and_no_district()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var data = Merged(TwoUnits, "2025-12-31");
        var result = await ShippedPlugins.Loaded.Evaluator.EvaluateAsync(ShippedPlugins.Loaded.GetSet("vn.qd318.xa-ntm"), data);
        var json = new StringWriter();
        EvaluationJsonWriter.Write(result, json);
        var commune = JObject.Parse(json.ToString())["commune"]!;
        commune["district"]!.Type.Should().Be(JTokenType.Null);
        commune["formerUnits"]!.Select(u => (string)u["code"]!).Should().Equal("14875", "14878");
        ((string)commune["formerUnits"]![0]!["mergedOn"]!).Should().Be("2025-07-01");
        commune["formerUnits"]![1]!["district"].Should().BeNull("a district not given is not written");

        var provenance = Provenance.Of(result, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var text = new StringWriter();
        TraceTextWriter.Write(result, result.Indicators.Take(1), provenance, text);
        text.ToString().Should().Contain("Sáp nhập từ: xã Cẩm Thành (mã 14875, huyện Cẩm Thủy) từ ngày 01/07/2025; xã Cẩm Liên (mã 14878) từ ngày 01/07/2025");
        var traceJson = new StringWriter();
        TraceJsonWriter.Write(result, result.Indicators.Take(1), provenance, traceJson);
        JObject.Parse(traceJson.ToString())["commune"]!["formerUnits"]!.Should().HaveCount(2);
    }

    [Fact]
    public void Data_without_lineage_writes_no_lineage_field()
    {
        var result = TestKit.EvaluateMini(TestKit.Commune(TestKit.PassingMeasures()));
        var json = new StringWriter();
        EvaluationJsonWriter.Write(result, json);
        ((JObject)JObject.Parse(json.ToString())["commune"]!).ContainsKey("formerUnits").Should().BeFalse();
    }

    [Theory]
    [InlineData(ReportGrouping.Province, new[] { "Lạng Sơn", "Thanh Hóa", "(không ghi tỉnh)" }, new[] { 1, 2, 1 })]
    [InlineData(ReportGrouping.Group, new[] { "xã nhóm 1", "xã nhóm 2", "(không ghi nhóm)" }, new[] { 2, 1, 1 })]
    [InlineData(ReportGrouping.District, new[] { "Cẩm Thủy", "(không ghi huyện)" }, new[] { 1, 3 })]
    public async Task The_aggregate_report_groups_by_province_commune_group_or_former_district(ReportGrouping grouping, string[] names, int[] counts)
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var aggregator = new Aggregator(ShippedPlugins.Loaded.GetSet("vn.qd318.xa-ntm").Set);
        foreach (var (province, group, district) in new[] { ("Thanh Hóa", "1", "Cẩm Thủy"), ("Thanh Hóa", "2", null), ("Lạng Sơn", "1", null), (null, null, null) })
        {
            var json = new JObject
            {
                ["format"] = "ntm.commune-data/1",
                ["commune"] = new JObject { ["name"] = "Xã " + group, ["province"] = province, ["district"] = district },
                ["region"] = "BTB", ["year"] = 2024, ["communeGroup"] = group, ["measures"] = new JObject(),
            };
            var data = CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json.ToString()), "x.json", []);
            aggregator.Add(await ShippedPlugins.Loaded.Evaluator.EvaluateAsync(ShippedPlugins.Loaded.GetSet("vn.qd318.xa-ntm"), data), "x.json");
        }
        var report = aggregator.Build(0, grouping);
        report.Grouping.Should().Be(grouping);
        var markdown = NtmRules.Intake.Reports.AggregateMarkdownWriter.Write(report);
        markdown.Should().Contain("| Xã | Mã xã | Huyện (cũ) | Nhóm xã | Tiêu chí đạt |", "one commune still names its former district");
        report.Groups!.Select(g => g.Name).Should().Equal(names);
        report.Groups!.Select(g => g.Communes).Should().Equal(counts);
        aggregator.Build(0, ReportGrouping.None).Groups.Should().BeNull();
    }

    [Fact]
    public async Task Communes_after_the_mergers_get_no_district_column_in_the_report()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var aggregator = new Aggregator(ShippedPlugins.Loaded.GetSet("vn.qd318.xa-ntm").Set);
        var data = Merged(TwoUnits, "2025-12-31");
        aggregator.Add(await ShippedPlugins.Loaded.Evaluator.EvaluateAsync(ShippedPlugins.Loaded.GetSet("vn.qd318.xa-ntm"), data), "cam-tan.json");
        NtmRules.Intake.Reports.AggregateMarkdownWriter.Write(aggregator.Build(0, ReportGrouping.Province))
            .Should().Contain("| Xã | Mã xã | Tiêu chí đạt |").And.NotContain("Huyện");
    }

    [Fact]
    public void Grouping_codes_parse_and_anything_else_does_not()
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        ReportGroupings.TryParse("group", out var g).Should().BeTrue();
        g.Should().Be(ReportGrouping.Group);
        ReportGroupings.TryParse(null, out var none).Should().BeTrue();
        none.Should().Be(ReportGrouping.None);
        ReportGroupings.TryParse("huyen", out _).Should().BeFalse();
        ReportGrouping.Province.Title().Should().Be("Theo tỉnh");
        ReportGrouping.District.Title().Should().Be("Theo huyện (cũ)");
    }
}

/// <summary>A merged commune's record beside its predecessors' (Records, in process).</summary>
public class PredecessorComparisonTests
{
    private static async Task<NtmRules.Records.EvaluationRecord> Save(NtmRules.Records.RecordStore store, string json, DateTimeOffset at)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var data = CommuneDataReader.Parse(bytes, "xa.json", []);
        var result = await ShippedPlugins.Loaded.Evaluator.EvaluateAsync(ShippedPlugins.Loaded.GetSet("vn.qd318.xa-ntm"), data);
        return store.Append(NtmRules.Records.RecordDrafts.Of(result, bytes, at), at);
    }

    private static string Commune(string name, string code, int year, string measures, string formerUnits = "[]") => $$"""
        { "format": "ntm.commune-data/1", "commune": { "name": "{{name}}", "code": "{{code}}", "province": "Thanh Hóa" },
          "region": "BTB", "year": {{year}}, "formerUnits": {{formerUnits}}, "measures": {{measures}} }
        """;

    [Fact]
    public async Task Each_predecessor_is_its_newest_record_before_the_merger_and_its_figures_stand_beside_the_merged_ones()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ntm-lineage-").FullName, "records.db");
        using var store = NtmRules.Records.RecordStore.Open(path, create: true);
        var at = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        await Save(store, Commune("Cẩm Thành", "14875", 2023, """{ "hoNgheo": 71, "hoCanNgheo": 149, "tongSoHo": 1784 }"""), at);
        var a2024 = await Save(store, Commune("Cẩm Thành", "14875", 2024, """{ "hoNgheo": 40, "hoCanNgheo": 60, "tongSoHo": 1790 }"""), at.AddDays(1));
        await Save(store, Commune("Cẩm Thành", "14875", 2025, """{ "hoNgheo": 10, "hoCanNgheo": 10, "tongSoHo": 1790 }"""), at.AddDays(2));
        var merged = await Save(store, Commune("Cẩm Tân", "14900", 2025, """{ "hoNgheo": 50, "hoCanNgheo": 70, "tongSoHo": 3600 }""",
            """[{ "code": "14875", "name": "Cẩm Thành", "mergedOn": "2025-07-01" }, { "code": "14881", "name": "Cẩm Bình", "mergedOn": "2025-07-01" }]"""), at.AddDays(3));

        merged.FormerUnits().Select(u => u.Code).Should().Equal("14875", "14881");
        var predecessors = NtmRules.Records.PredecessorComparison.Find(merged, key => store.List(key));
        predecessors.Select(p => p.Record?.Id).Should().Equal([a2024.Id, null], "the 2025 record of Cẩm Thành postdates the merger; Cẩm Bình has none");

        var comparison = NtmRules.Records.PredecessorComparison.Of(merged, predecessors);
        var poverty = comparison.Indicators.Single(i => i.Code == "11");
        var vietnamese = NtmRules.Kernel.Localization.MessageText.Vietnamese;
        poverty.Own!.FigureIn(vietnamese).Should().Be("3,33% (≤ 6,5%)");
        poverty.Predecessors[0]!.FigureIn(vietnamese).Should().Be("5,59% (≤ 6,5%)");
        poverty.Predecessors[0]!.FigureIn(System.Globalization.CultureInfo.GetCultureInfo("en")).Should().Be("5.59% (≤ 6.5%)");
        poverty.Predecessors[1].Should().BeNull("Cẩm Bình has no record");
        comparison.Criteria.Should().HaveCount(19);

        var text = new StringWriter();
        using (TestCulture.Use("vi")) comparison.WriteText(text);
        text.ToString().Should().Contain("[1] xã Cẩm Thành (mã 14875, sáp nhập từ 01/07/2025): bản ghi 2, năm 2024")
            .And.Contain("[2] xã Cẩm Bình (mã 14881, sáp nhập từ 01/07/2025): chưa có bản ghi nào được lưu");
        var json = new StringWriter();
        comparison.WriteJson(json);
        JObject.Parse(json.ToString())["indicators"]!.Should().HaveCount(comparison.Indicators.Count);
    }
}

/// <summary>Group figures in the threshold workbook (ntm plugin thresholds --out / --apply).</summary>
public class ThresholdGroupFigureTests
{
    private static JObject Figure(double value) => new() { ["value"] = value, ["provenance"] = new JObject { ["state"] = "assumed", ["reason"] = "mức thử nghiệm" } };

    /// <summary>The mini fixture with indicator 11 keyed only by group (4%, 5%, 6%).</summary>
    private static CriteriaSet GroupedSet()
    {
        var folder = TestKit.CopyFixture("mini");
        var path = Path.Combine(folder, "set.json");
        var root = JObject.Parse(File.ReadAllText(path));
        var poverty = root["criteria"]!.SelectMany(c => c["indicators"]!).Cast<JObject>().Single(i => (string)i["code"]! == "11");
        foreach (var v in poverty["threshold"]!["values"]!.Cast<JObject>())
        {
            v.Remove("value");
            v.Remove("regions");
            v.Remove("provenance");
            v["groups"] = new JObject { ["1"] = Figure(4), ["2"] = Figure(5), ["3"] = Figure(6) };
        }
        File.WriteAllText(path, root.ToString());
        var (set, problems) = TestKit.Read(folder);
        set.Should().NotBeNull(string.Join("\n", problems));
        return set!;
    }

    private static NtmRules.Intake.Readers.XlsxWorkbookReader Workbook(byte[] bytes, params (int Row, int Column, object Value)[] cells)
    {
        var dir = Directory.CreateTempSubdirectory("ntm-group-thresholds-").FullName;
        var path = Path.Combine(dir, "nguong.xlsx");
        File.WriteAllBytes(path, bytes);
        if (cells.Length > 0)
        {
            var book = NtmRules.Intake.Readers.XlsxWorkbookReader.Open(path, "nguong.xlsx");
            var sheets = book.SheetNames.Select(name =>
            {
                var rows = book.Rows(name)!.Select(r => (IReadOnlyList<object?>)r.Cells.Select(c => (object?)c.Text).ToList()).ToList();
                foreach (var (row, column, value) in name == NtmRules.Intake.Thresholds.ThresholdSheet.Sheet ? cells : [])
                {
                    var list = (List<object?>)rows[row - 1];
                    while (list.Count < column) list.Add(null);
                    list[column - 1] = value;
                }
                return new NtmRules.Intake.Reports.SheetSpec(name, rows, []);
            }).ToArray();
            File.WriteAllBytes(path, NtmRules.Intake.Reports.XlsxWriter.ToBytes(sheets));
        }
        return NtmRules.Intake.Readers.XlsxWorkbookReader.Open(path, "nguong.xlsx");
    }

    [Fact]
    public void Each_group_figure_has_its_row_and_a_checked_one_becomes_confirmed()
    {
        var set = GroupedSet();
        var book = Workbook(NtmRules.Intake.Thresholds.ThresholdSheet.Export(set));
        var rows = book.Rows(NtmRules.Intake.Thresholds.ThresholdSheet.Sheet)!;
        rows[0][2].Text.Should().Be("Vùng hoặc nhóm xã");
        var groupRows = rows.Where(r => r[0].Text == "11").ToArray();
        groupRows.Select(r => r[2].Text).Should().Equal("nhóm 1", "nhóm 2", "nhóm 3");
        groupRows.Select(r => r[5].Text).Should().Equal("4", "5", "6");

        var row3 = groupRows[2].Number;
        var filled = Workbook(NtmRules.Intake.Thresholds.ThresholdSheet.Export(set),
            (row3, 12, "5,5"), (row3, 13, "Phụ lục I, mục 11"), (row3, 14, "xã nhóm 3: ≤ 5,5%"), (row3, 15, "Nguyễn Văn A"), (row3, 16, "05/12/2026"));
        var (edits, problems) = NtmRules.Intake.Thresholds.ThresholdEdits.Read(filled, set);
        problems.Should().BeEmpty();
        var edit = edits.Should().ContainSingle().Which;
        edit.Group.Should().Be(CommuneGroup.Group3);
        edit.Place.Should().Be("xã nhóm 3");
        var poverty = set.Indicators.Single(i => i.Code == "11");
        var edited = NtmRules.Intake.Thresholds.ThresholdApplier.Edited(poverty.Threshold, edits, set.Decision);
        var value = edited.Values[0];
        value.ByGroup[CommuneGroup.Group3].Value.Number.Should().Be(5.5);
        value.ByGroup[CommuneGroup.Group3].Provenance.State.Should().Be(ProvenanceState.Confirmed);
        value.ByGroup[CommuneGroup.Group1].Should().Be(poverty.Threshold.Values[0].ByGroup[CommuneGroup.Group1], "figures not checked stay as they were");
    }

    [Fact]
    public void A_group_the_set_does_not_key_is_a_cell_error()
    {
        var set = GroupedSet();
        var row = 2;
        var filled = Workbook(NtmRules.Intake.Thresholds.ThresholdSheet.Export(set), (row, 3, "nhóm 2"));
        var (_, problems) = NtmRules.Intake.Thresholds.ThresholdEdits.Read(filled, set);
        problems.Should().ContainSingle().Which.Column.Should().Be("A");
    }
}

using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Intake.Thresholds;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>The officer's round trip: export a set's thresholds, fill the checked figures, apply them as a new plugin version.</summary>
public class ThresholdRoundTripTests
{
    private const string ThanhHoa = "vn.thanh-hoa.2022-2025.xa-ntm";

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), "ntm-thresholds-" + Guid.NewGuid().ToString("N"), name);

    /// <summary>
    /// The shipped plugins as installed, loaded once for the tests (an apply reads them and writes only
    /// under its own output folder); the bundled-plugin test loads its own copy under another verifier.
    /// </summary>
    private static (PluginHost Host, string Root) Installed() => (ShippedPlugins.Loaded, ShippedPlugins.LoadedRoot);

    private static Task<ThresholdApplyResult> Apply(PluginHost host, string root, string setId, byte[] workbook, string outDir)
    {
        var path = Temp("bang.xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, workbook);
        return ThresholdApplier.ApplyAsync(host, setId, path, "bang.xlsx", outDir, dir => PluginHost.LoadCandidate(dir, root));
    }

    /// <summary>The exported workbook with some cells of the figures sheet set (1-based row and column).</summary>
    private static byte[] Fill(byte[] exported, params (int Row, int Column, object Value)[] cells)
    {
        var path = Temp("export.xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, exported);
        var book = XlsxWorkbookReader.Open(path, "export.xlsx");
        var sheets = book.SheetNames.Select(name =>
        {
            var rows = book.Rows(name)!.Select(r => (IReadOnlyList<object?>)r.Cells.Select(c => (object?)(c.IsNumber ? double.Parse(c.Text, System.Globalization.CultureInfo.InvariantCulture) : c.Text)).ToList()).ToList();
            foreach (var (row, column, value) in name == ThresholdSheet.Sheet ? cells : [])
            {
                var list = (List<object?>)rows[row - 1];
                while (list.Count < column) list.Add(null);
                list[column - 1] = value;
            }
            return new SheetSpec(name, rows, []);
        }).ToArray();
        return XlsxWriter.ToBytes(sheets);
    }

    /// <summary>The 1-based workbook row of a figure.</summary>
    private static int RowOf(CriteriaSet set, string code, Region? region = null) =>
        2 + set.ThresholdFigures.Select((f, n) => (f, n)).First(x => x.f.Indicator.Code == code && x.f.Region == region).n;

    [Fact]
    public void The_export_has_one_row_per_figure_with_state_and_source_and_is_byte_identical_each_time()
    {
        var set = ShippedPlugins.Loaded.GetSet(ThanhHoa).Set;
        var a = ThresholdSheet.Export(set);
        ThresholdSheet.Export(set).Should().Equal(a);
        var path = Temp("a.xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, a);
        var rows = XlsxWorkbookReader.Open(path, "a.xlsx").Rows(ThresholdSheet.Sheet)!;
        rows[0].Cells.Select(c => c.Text).Should().Equal(ThresholdSheet.Header);
        rows.Should().HaveCount(1 + set.ThresholdFigures.Count());
        var poverty = rows[RowOf(set, "11") - 1];
        poverty.Cells.Take(8).Select(c => c.Text).Should().Equal("11", set.Indicators.Single(i => i.Code == "11").Name, "chung", "2022-08-10", "<=", "6.5", "%", "theo văn bản áp dụng");
        poverty[8].Text.Should().Contain("UBND xã Cẩm Thành");
    }

    [Fact]
    public async Task Export_then_apply_with_no_edits_gives_a_byte_identical_set()
    {
        var (host, root) = Installed();
        var set = host.GetSet(ThanhHoa).Set;
        var outDir = Temp("thanh-hoa");
        var result = await Apply(host, root, ThanhHoa, ThresholdSheet.Export(set), outDir);
        result.Edits.Should().BeEmpty();
        result.Changes.Should().BeEmpty();
        result.SetId.Should().Be(ThanhHoa);
        File.ReadAllBytes(Path.Combine(outDir, "sets", "xa-ntm.json")).Should().Equal(File.ReadAllBytes(set.DefinitionFile));
        File.ReadAllBytes(Path.Combine(outDir, "plugin.json")).Should().Equal(File.ReadAllBytes(Path.Combine(set.Plugin.Folder, "plugin.json")));
    }

    [Fact]
    public async Task One_edited_value_is_confirmed_in_a_new_version_and_changes_exactly_the_verdicts_it_should()
    {
        var (host, root) = Installed();
        var set = host.GetSet(ThanhHoa).Set;
        var row = RowOf(set, "11");
        var workbook = Fill(ThresholdSheet.Export(set),
            (row, 12, "7"), (row, 13, "Phụ lục, Tiêu chí số 11"), (row, 14, "Tỷ lệ nghèo đa chiều giai đoạn 2021-2025 ≤ 7%"), (row, 15, "Nguyễn Văn A"), (row, 16, "05/12/2026"));
        var outDir = Temp("thanh-hoa");
        var result = await Apply(host, root, ThanhHoa, workbook, outDir);

        result.Version.Should().Be("1.0.1");
        result.Edits.Should().ContainSingle().Which.NewValue.Number.Should().Be(7);
        // 6,6% was chưa đạt under ≤ 6,5% and is đạt under ≤ 7%; 6,5%, 10% and Cẩm Thành's 12,23% keep their verdicts.
        result.Changes.Select(c => (c.File, c.Code, c.Before, c.After)).Should().Equal(
            ("tests/ngheo-da-chieu-6-6.test.json", "11", IndicatorStatus.ChuaDat, IndicatorStatus.Dat));

        var reloaded = PluginHost.LoadCandidate(outDir, root);
        var poverty = reloaded.GetSet(ThanhHoa).Set.Indicators.Single(i => i.Code == "11").Threshold.Values.Single();
        poverty.General!.Value.Number.Should().Be(7);
        poverty.General!.Provenance.State.Should().Be(ProvenanceState.Confirmed);
        poverty.General!.Provenance.Document.Should().Contain("Quyết định số 32/2022/QĐ-UBND").And.Contain("Nguyễn Văn A, ngày 05/12/2026");
        poverty.General!.Provenance.Quote.Should().Be("Tỷ lệ nghèo đa chiều giai đoạn 2021-2025 ≤ 7%");
        var untouched = reloaded.GetSet(ThanhHoa).Set.ThresholdFigures.Where(f => f.Indicator.Code != "11").Select(f => (f.Indicator.Code, f.Figure));
        untouched.Should().Equal(set.ThresholdFigures.Where(f => f.Indicator.Code != "11").Select(f => (f.Indicator.Code, f.Figure)));
    }

    /// <summary>The national workbook with the Bắc Trung Bộ figure of indicator 11 checked.</summary>
    private static byte[] NationalBtbChecked(CriteriaSet national)
    {
        var row = RowOf(national, "11", Region.BTB);
        return Fill(ThresholdSheet.Export(national),
            (row, 12, 6.0), (row, 13, "Phụ lục I, Tiêu chí số 11"), (row, 14, "Bắc Trung Bộ ≤ 6%"), (row, 15, "Trần Thị B"), (row, 16, 46361.0));
    }

    /// <summary>Every folder of the plugins root is the copy that ships with ntm, as the CLI's load policy says of the folder next to ntm.</summary>
    private sealed class AllBundled : IPluginVerifier
    {
        public PluginSignature? Verify(string pluginFolder, ICollection<Problem> problems) => PluginSignature.Bundled;
    }

    [Fact]
    public async Task A_data_only_plugin_not_bundled_with_ntm_gets_a_new_version_of_its_own()
    {
        var (host, root) = Installed();
        var national = host.GetSet("vn.qd318.xa-ntm").Set;
        national.Plugin.Signature.Status.Should().NotBe(PluginSignatureStatus.Bundled);
        var result = await Apply(host, root, "vn.qd318.xa-ntm", NationalBtbChecked(national), Temp("qd318"));
        (result.PluginId, result.Version, result.SetId).Should().Be(("vn.qd318", "1.0.1", "vn.qd318.xa-ntm"));
        result.Edits.Should().ContainSingle().Which.CheckedOn.Should().Be(new DateOnly(2026, 12, 5));
        var btb = PluginHost.LoadCandidate(result.Folder, root).GetSet("vn.qd318.xa-ntm").Set.Indicators.Single(i => i.Code == "11").Threshold.Values.Single();
        btb.ByRegion[Region.BTB].Provenance.State.Should().Be(ProvenanceState.Confirmed);
        btb.General!.Provenance.State.Should().Be(ProvenanceState.Assumed, "only the BTB figure was checked");
        btb.ByRegion[Region.TDMNPB].Provenance.Should().Be(btb.General!.Provenance);
    }

    [Fact]
    public async Task A_plugin_bundled_with_ntm_gets_an_override_plugin_that_extends_it_since_its_id_would_clash_with_the_shipped_copy()
    {
        var root = ShippedPlugins.CopyRoot();
        var host = PluginHost.Load(root, verifier: new AllBundled());
        var national = host.GetSet("vn.qd318.xa-ntm").Set;
        national.Plugin.Signature.Status.Should().Be(PluginSignatureStatus.Bundled);
        host.Reports.Should().OnlyContain(r => r.DataOnly, "the bundled plugins are data only: the choice is not made by the assembly");

        var result = await Apply(host, root, "vn.qd318.xa-ntm", NationalBtbChecked(national), Temp("qd318"));
        (result.PluginId, result.Version, result.SetId).Should().Be(("vn.qd318" + ThresholdApplier.OverrideSuffix, "1.0.0", "vn.qd318.xac-nhan.xa-ntm"));
        File.ReadAllText(Path.Combine(result.Folder, "sets", "xa-ntm.json")).Should().Contain("\"set\": \"vn.qd318.xa-ntm\"");
        var overridden = PluginHost.LoadCandidate(result.Folder, root).GetSet(result.SetId).Set;
        var btb = overridden.Indicators.Single(i => i.Code == "11").Threshold.Values.Single();
        btb.ByRegion[Region.BTB].Provenance.State.Should().Be(ProvenanceState.Confirmed);
        btb.General!.Provenance.State.Should().Be(ProvenanceState.Assumed, "only the BTB figure was checked");
        result.Cases.Should().BeGreaterThan(0, "the national set's test cases run against the override set");
    }

    [Fact]
    public async Task Every_bad_cell_is_reported_by_sheet_row_and_column_and_nothing_is_written()
    {
        var (host, root) = Installed();
        var set = host.GetSet(ThanhHoa).Set;
        var poverty = RowOf(set, "11");
        var income = RowOf(set, "10");
        var planning = RowOf(set, "1.1");
        var workbook = Fill(ThresholdSheet.Export(set),
            (poverty, 12, "sáu phẩy năm"), (poverty, 13, "Phụ lục"), (poverty, 14, "…"), (poverty, 15, "A"), (poverty, 16, "32/13/2026"),
            (income, 12, "45"), (income, 15, "B"),
            (planning, 3, "MIEN-NAM"));
        var outDir = Temp("thanh-hoa");
        var act = () => Apply(host, root, ThanhHoa, workbook, outDir);
        var problems = (await act.Should().ThrowAsync<InputException>()).Which.Problems;
        problems.Select(p => (p.Line, p.Column)).Should().BeEquivalentTo(new (int?, int?)[]
        {
            (poverty, 12), (poverty, 16), (income, 13), (income, 14), (income, 16), (planning, 3),
        });
        problems.Should().OnlyContain(p => p.File == "bang.xlsx[Ngưỡng]" && p.Severity == Severity.Error);
        problems.Single(p => p.Line == poverty && p.Column == 12).Message.Should().Contain("not a number").And.Contain("sáu phẩy năm");
        Directory.Exists(Path.GetDirectoryName(outDir)!).Should().BeFalse("nothing is written, not even the output's parent folder");
    }

    [Fact]
    public async Task A_workbook_of_another_set_is_refused()
    {
        var (host, root) = Installed();
        var other = ThresholdSheet.Export(host.GetSet("vn.qd318.xa-ntm").Set);
        var act = () => Apply(host, root, ThanhHoa, other, Temp("x"));
        (await act.Should().ThrowAsync<InputException>()).Which.Problems.Should().Contain(p => p.Message.Contains("exported for set vn.qd318.xa-ntm"));
    }
}

using System.Text;
using NtmRules.Intake.Annex;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Testing;
using Xunit.Abstractions;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>
/// The proof that the annex layout loses nothing a verdict depends on: every shipped set, exported
/// (inherited values resolved) and imported again as a standalone data-only plugin, gives the same
/// status, outcome, value and threshold on every indicator for every test case its plugin carries and
/// every sample commune in samples/ — through XLSX (imported as <c>ntm plugin import</c> does, its
/// generated cases passing) and through CSV (read and written as the same plugin files).
/// </summary>
public class AnnexRoundTripTests(ITestOutputHelper output)
{
    /// <summary>One line of the per-set result.</summary>
    private sealed record SetResult(string SetId, string Format, int Cases, int Samples, int Differences, string FirstDifference)
    {
        public bool Identical => Differences == 0;
    }

    [Fact]
    public async Task Every_shipped_set_exported_and_imported_again_gives_the_same_verdicts_on_every_case_and_sample()
    {
        var host = ShippedPlugins.Loaded;
        host.Sets.Should().HaveCount(12, "the shipped plugins hold 12 sets");
        // The sets side by side (each in its own folders); within a set the XLSX import comes first, the CSV one is checked against it.
        var perSet = await Task.WhenAll(host.Sets.Select(set => Task.Run(async () => new[] { await RoundTrip(host, set, ".xlsx"), await RoundTrip(host, set, ".csv") })));
        var results = perSet.SelectMany(r => r).ToList();
        var table = new StringBuilder("| bộ tiêu chí | định dạng | ca kiểm thử | mẫu | kết quả giống hệt |\n|---|---|---|---|---|\n");
        foreach (var r in results) table.Append($"| {r.SetId} | {r.Format} | {r.Cases} | {r.Samples} | {(r.Identical ? "có" : $"không ({r.Differences}: {r.FirstDifference})")} |\n");
        output.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "ntm-annex-round-trip.md"), table.ToString());
        results.Where(r => !r.Identical).Should().BeEmpty(table.ToString());
        results.Sum(r => r.Cases).Should().BeGreaterThan(50, "the shipped plugins carry test cases for their sets");
    }

    private async Task<SetResult> RoundTrip(PluginHost host, CompiledCriteriaSet original, string extension)
    {
        var dir = IntakeKit.TempFolder();
        var annex = Path.Combine(dir, "phu-luc" + extension);
        var csv = extension == ".csv";
        File.WriteAllBytes(annex, csv ? AnnexExporter.ToCsv(original.Set) : AnnexExporter.ToXlsx(original.Set));
        var s = original.Set;
        var options = new AnnexOptions("rt." + s.Id.Replace('.', '-'), "QĐ " + s.Decision.Number)
        {
            // A CSV file has no info sheet: the header comes in the options, as the export command prints them.
            DecisionDate = csv ? s.Decision.Date.ToString("yyyy-MM-dd") : null,
            Authority = csv ? s.Decision.Authority : null,
            Level = csv ? s.Level.Code() : null,
        };
        var (folder, setId) = csv ? WrittenFromCsv(annex, options, dir) : await Imported(annex, options, dir);
        var imported = PluginHost.LoadCandidate(folder, null);
        var copy = imported.GetSet(setId);
        var cases = CasesOf(host, s.Id);
        var samples = Directory.GetFiles(RepoPaths.Of("samples"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => CommuneFileReader.ReadOne(f, Path.GetFileName(f), s, [])).ToArray();
        var differences = new List<string>();
        foreach (var (name, data) in cases.Select(c => (c.DisplayFile, c.Data)).Concat(samples.Select(d => (d.File, d))))
        {
            var a = await host.Evaluator.EvaluateAsync(original, data);
            var b = await imported.Evaluator.EvaluateAsync(copy, data);
            differences.AddRange(Verdicts(a).Zip(Verdicts(b)).Where(p => p.First != p.Second).Select(p => $"{name}: {p.First} ≠ {p.Second}"));
        }
        return new SetResult(s.Id, extension[1..], cases.Count, samples.Length, differences.Count, differences.FirstOrDefault() ?? "");
    }

    /// <summary>The annex imported as <c>ntm plugin import</c> does it: the plugin written, its test cases generated and passing.</summary>
    private async Task<(string Folder, string SetId)> Imported(string annex, AnnexOptions options, string dir)
    {
        var result = await AnnexImporter.ImportAsync(null, annex, Path.GetFileName(annex), options, Path.Combine(dir, "plugin"), null,
            folder => PluginHost.LoadCandidate(folder, null));
        _importedFiles[options.PluginId] = PluginFiles(result.Folder);
        return (result.Folder, result.SetId);
    }

    /// <summary>
    /// The CSV annex read and written as a plugin, without the importer's case generation and boundary
    /// search (the slow part, the same code as for XLSX once the table is read): its workflow and its
    /// set's measures, criteria and indicators must be the XLSX import's, so the cases that passed there
    /// hold here; the verdicts are still compared on their own.
    /// </summary>
    private (string Folder, string SetId) WrittenFromCsv(string annex, AnnexOptions options, string dir)
    {
        var (content, problems) = AnnexReader.Read(AnnexSource.Open(annex, Path.GetFileName(annex)), options, null);
        content.Should().NotBeNull(string.Join("; ", problems.Select(p => p.ToProblem())));
        PluginId.TryParse(options.PluginId, out var id).Should().BeTrue();
        var writer = new AnnexPluginWriter(content!, id, null, null);
        var folder = Path.Combine(dir, "plugin");
        writer.Write(folder);
        PluginFiles(folder).Should().Equal(_importedFiles[options.PluginId], "a CSV annex reads as the same rules as the XLSX one");
        return (folder, writer.SetId);
    }

    /// <summary>
    /// A plugin's workflows, and its sets without the header a CSV file has no sheet for (name, decision
    /// title and sources, period): what its verdicts rest on, as text.
    /// </summary>
    private static IReadOnlyList<string> PluginFiles(string folder) =>
        Directory.GetFiles(Path.Combine(folder, "rules")).Order(StringComparer.Ordinal).Select(f => "rules/" + Path.GetFileName(f) + "\n" + File.ReadAllText(f))
            .Concat(Directory.GetFiles(Path.Combine(folder, "sets")).Order(StringComparer.Ordinal).Select(f =>
            {
                var set = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(f));
                foreach (var header in new[] { "name", "decision", "effective", "legalBases" }) set.Remove(header);
                return "sets/" + Path.GetFileName(f) + "\n" + set;
            }))
            .ToArray();

    /// <summary>The files of each set's XLSX import (its round trip runs first), by plugin id.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _importedFiles = new(StringComparer.Ordinal);

    private static IEnumerable<string> Verdicts(EvaluationResult r) => r.Indicators.Select(i =>
        $"{i.Indicator.Code} {i.Status} {i.Outcome} {i.Actual} {i.Threshold.Operator.Symbol()} {i.Threshold.Value}");

    /// <summary>The test cases of every shipped plugin that name <paramref name="setId"/>.</summary>
    private static IReadOnlyList<PluginTestCase> CasesOf(PluginHost host, string setId)
    {
        var report = host.Reports.Single(r => r.SetIds.Contains(setId));
        var sets = report.SetIds.ToDictionary(id => id, id => host.GetSet(id).Set, StringComparer.Ordinal);
        return PluginTestCaseReader.ReadAll(report.Folder, sets, []).Where(c => c.SetId == setId).ToArray();
    }

    [Fact]
    public void The_export_is_byte_identical_each_time_and_lists_every_indicator_and_measure()
    {
        var set = ShippedPlugins.Loaded.GetSet("vn.thanh-hoa.2022-2025.xa-ntm").Set;
        AnnexExporter.ToXlsx(set).Should().Equal(AnnexExporter.ToXlsx(set));
        var csv = AnnexExporter.ToCsv(set);
        csv.Should().Equal(AnnexExporter.ToCsv(set));
        var text = Encoding.UTF8.GetString(csv);
        text.Should().StartWith("\uFEFFTiêu chí số,Tên tiêu chí,Mã chỉ tiêu");
        foreach (var i in set.Indicators) text.Should().Contain($",{i.Code},");
        foreach (var m in set.Measures) text.Should().Contain($",{m.Key},");
        // Inherited values resolved: the Thanh Hóa poverty figure 6,5 (reported) and the national figures it did not change.
        text.Should().Contain("\"6,5\"").And.Contain("theo văn bản áp dụng").And.Contain("giả định");
    }
}

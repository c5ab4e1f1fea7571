using NtmRules.Tests.Shared;
using System.Text;
using NtmRules.Intake.Batch;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Data;
using NtmRules.Bench.Synthetic;

namespace NtmRules.Kernel.Tests.Intake;

public class BatchTests
{
    private const int Communes = 1000;
    private const int Seed = 7;

    /// <summary>
    /// The counts computed apart from the batch, once for both input formats (the same generated
    /// communes): the generator's communes evaluated one by one, those with an invalid value left out.
    /// </summary>
    private static readonly Lazy<Task<(int Valid, int Invalid, int[] Bands, double Average, int[] CriterionMet)>> Independent = new(IndependentCountAsync);

    private static async Task<(int Valid, int Invalid, int[] Bands, double Average, int[] CriterionMet)> IndependentCountAsync()
    {
        var bands = ScoreBands.For(IntakeKit.Set.Criteria.Count);
        var counts = new int[bands.Count];
        var criteria = new int[IntakeKit.Set.Criteria.Count];
        int valid = 0, invalid = 0, total = 0;
        foreach (var commune in SyntheticProvince.For(NationalSet.Compiled).Generate(Communes, Seed))
        {
            if (MeasureValues.Check(commune, IntakeKit.Set).HasErrors) { invalid++; continue; }
            var r = await NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, commune);
            valid++;
            total += r.Summary.CriteriaMet;
            for (var b = 0; b < bands.Count; b++) if (bands[b].Contains(r.Summary.CriteriaMet)) counts[b]++;
            for (var c = 0; c < criteria.Length; c++) if (r.Criteria[c].Status == Domain.IndicatorStatus.Dat) criteria[c]++;
        }
        return (valid, invalid, counts, valid == 0 ? 0 : (double)total / valid, criteria);
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".xlsx")]
    public async Task A_generated_province_of_1000_communes_gives_every_result_and_the_independently_counted_aggregate(string extension)
    {
        using var vietnamese = TestCulture.Use("vi"); // asserts the Vietnamese texts
        var dir = IntakeKit.TempFolder();
        var input = Path.Combine(dir, "province" + extension);
        var province = SyntheticProvince.For(NationalSet.Compiled);
        if (extension == ".csv")
        {
            using var w = new StreamWriter(input, false, new UTF8Encoding(true));
            province.WriteCsv(w, Communes, Seed);
        }
        else ProvinceTableWriter.Write(province, Communes, Seed, input);
        var output = Path.Combine(dir, "out");

        var outcome = await new BatchRunner(NationalSet.Evaluator, NationalSet.Compiled).RunAsync([new BatchInput(input, "province" + extension)], output, groupByDistrict: false);
        var expected = await Independent.Value;

        outcome.Accepted.Should().Be(expected.Valid);
        outcome.Rejected.Should().Be(expected.Invalid);
        (outcome.Accepted + outcome.Rejected).Should().Be(Communes);
        outcome.Report.Bands.Select(b => b.Communes).Should().Equal(expected.Bands);
        outcome.Report.AverageCriteriaMet.Should().BeApproximately(expected.Average, 1e-9);
        outcome.Report.Criteria.Select(c => c.Met).Should().Equal(expected.CriterionMet);
        File.ReadAllLines(Path.Combine(output, BatchRunner.ResultsFile)).Should().HaveCount(expected.Valid + 1, "one line per evaluated commune after the header");
        Directory.Exists(Path.Combine(output, BatchRunner.CommunesFolder)).Should().BeFalse("full results are written only on request");
        var report = File.ReadAllText(Path.Combine(output, "report.md"));
        report.Should().Contain(AggregateMarkdownWriter.Sentence(outcome.Report)).And.Contain("| Không áp dụng | Ngưỡng |");
        var poverty = report.Split('\n').Last(l => l.StartsWith("| 11 |"));
        poverty.Should().EndWith("| giả định |", "the national poverty figures are assumed, and the column says the weakest state of the indicator's figures");
        File.Exists(Path.Combine(output, "report.xlsx")).Should().BeTrue();
        var errorRows = File.ReadAllLines(Path.Combine(output, "errors.csv")).Skip(1).Where(l => l.StartsWith("error,")).Select(l => l.Split(',')[3]).Distinct().Count();
        errorRows.Should().Be(expected.Invalid);
    }

    [Fact]
    public async Task Deliberately_broken_rows_and_only_those_are_reported_and_all_others_evaluated()
    {
        var dir = IntakeKit.TempFolder();
        var province = SyntheticProvince.For(NationalSet.Compiled, new SyntheticOptions { OutOfRangeShare = 0 });
        var lines = new List<string> { province.Layout.HeaderLine };
        lines.AddRange(province.Rows(40, seed: 3));
        // A percentage: "12,5" is valid for it, "-7" is not.
        var k = province.Layout.MeasureKeys.ToList().FindIndex(x => IntakeKit.Set.MeasuresByKey[x].Type == Domain.MeasureType.Percent);
        var key = province.Layout.MeasureKeys[k];
        string[] Cells(int line) => lines[line - 1].Split(',');
        void Set(int line, int column, string value) { var c = Cells(line); c[column] = value; lines[line - 1] = string.Join(',', c); }
        Set(5, 3, "XX");                                                  // unknown region
        Set(12, 5, "20x4");                                               // bad year
        Set(20, CommuneCsvLayout.IdentityColumns.Count + k, "\"1.784,5,2\"");   // ambiguous number
        Set(31, CommuneCsvLayout.IdentityColumns.Count + k, "-7");         // out of range
        Set(9, 0, "\"Xã Tân, Lập\"");                                     // quoted comma: valid
        Set(14, CommuneCsvLayout.IdentityColumns.Count + k, "\"12,5\"");   // decimal comma: valid
        var broken = new[] { 5, 12, 20, 31 };
        var input = Path.Combine(dir, "broken.csv");
        File.WriteAllText(input, string.Join("\n", lines) + "\n", new UTF8Encoding(false));

        var outcome = await new BatchRunner(NationalSet.Evaluator, NationalSet.Compiled).RunAsync([new BatchInput(input, "broken.csv")], Path.Combine(dir, "out"), groupByDistrict: true);

        outcome.Problems.Where(p => p.Severity == Kernel.Diagnostics.Severity.Error).Select(p => p.Row!.Value).Distinct().Order().Should().Equal(broken, string.Join("\n", outcome.Problems));
        outcome.Rejected.Should().Be(broken.Length);
        outcome.Accepted.Should().Be(40 - broken.Length);
        outcome.Report.Groups.Should().ContainSingle().Which.Name.Should().Be(ReportGrouping.District.Unstated());
        var ambiguous = outcome.Problems.Single(p => p.Row == 20);
        (ambiguous.File, ambiguous.Column, ambiguous.Field, ambiguous.Value).Should().Be(("broken.csv", NtmRules.Intake.Readers.ColumnNames.Of(CommuneCsvLayout.IdentityColumns.Count + k + 1), key, "1.784,5,2"));
    }

    [Fact]
    public async Task The_outputs_are_byte_identical_across_runs()
    {
        var dir = IntakeKit.TempFolder();
        var input = Path.Combine(dir, "p.csv");
        using (var w = new StreamWriter(input)) SyntheticProvince.For(NationalSet.Compiled).WriteCsv(w, 60, 9);
        var runner = new BatchRunner(NationalSet.Evaluator, NationalSet.Compiled);
        await runner.RunAsync([new BatchInput(input, "p.csv")], Path.Combine(dir, "a"), true);
        await runner.RunAsync([new BatchInput(input, "p.csv")], Path.Combine(dir, "b"), true, maxDegreeOfParallelism: 1);
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "a"), "*", SearchOption.AllDirectories))
            File.ReadAllBytes(file).Should().Equal(File.ReadAllBytes(Path.Combine(dir, "b", Path.GetRelativePath(Path.Combine(dir, "a"), file))), file);
    }
}

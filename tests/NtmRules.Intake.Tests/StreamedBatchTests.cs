using NtmRules.Tests.Shared;
using System.Text;
using NtmRules.Intake.Batch;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;
using NtmRules.Bench.Synthetic;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>
/// A batch keeps counters, not a record per commune, and writes errors.csv as problems come: the
/// report and the files must be the same as when every commune's outcome was kept and everything
/// was written at the end.
/// </summary>
public class StreamedBatchTests
{
    [Fact]
    public async Task The_streamed_aggregate_equals_the_one_computed_from_every_communes_outcome_under_every_grouping()
    {
        using var vietnamese = TestCulture.Use("vi"); // group names are compared as the Vietnamese report writes them
        var set = NationalSet.Compiled.Set;
        var aggregator = new Aggregator(set);
        var outcomes = new List<CommuneOutcome>();
        var i = 0;
        foreach (var generated in SyntheticProvince.For(NationalSet.Compiled).Generate(300, seed: 11))
        {
            if (MeasureValues.Check(generated, set).HasErrors) continue;
            var commune = Varied(generated, i++);
            outcomes.Add(aggregator.Add(await NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, commune), $"p.csv, row {i}"));
        }
        outcomes.Should().HaveCountGreaterThan(150, "a fifth to a half of the synthetic communes carry an invalid value by design");

        foreach (var grouping in Enum.GetValues<ReportGrouping>())
        {
            var streamed = aggregator.Build(4, grouping);
            var kept = KeptOutcomesReport(streamed, outcomes);
            AggregateMarkdownWriter.Write(streamed).Should().Be(AggregateMarkdownWriter.Write(kept), grouping.ToString());
            streamed.Closest.Should().Equal(kept.Closest);
            streamed.AverageCriteriaMet.Should().Be(kept.AverageCriteriaMet);
            streamed.Groups?.Select(g => g.AverageCriteriaMet).Should().Equal(kept.Groups?.Select(g => g.AverageCriteriaMet));
        }
    }

    [Fact]
    public async Task A_batch_keeping_nothing_per_commune_writes_the_same_files_and_counts_every_problem()
    {
        var dir = IntakeKit.TempFolder();
        var input = Path.Combine(dir, "p.csv");
        await using (var w = new StreamWriter(input, false, new UTF8Encoding(false))) SyntheticProvince.For(NationalSet.Compiled).WriteCsv(w, 400, 5);
        var keeping = await new BatchRunner(NationalSet.Evaluator, NationalSet.Compiled) { Grouping = ReportGrouping.Province }
            .RunAsync([new BatchInput(input, "p.csv")], Path.Combine(dir, "a"), false);
        var streaming = await new BatchRunner(NationalSet.Evaluator, NationalSet.Compiled) { Grouping = ReportGrouping.Province, KeepCommunes = false, ProblemsKept = 3 }
            .RunAsync([new BatchInput(input, "p.csv")], Path.Combine(dir, "b"), false);

        foreach (var file in Directory.GetFiles(Path.Combine(dir, "a")))
            File.ReadAllBytes(file).Should().Equal(File.ReadAllBytes(Path.Combine(dir, "b", Path.GetFileName(file))), file);
        keeping.Communes.Select(c => c.Sequence).Should().Equal(Enumerable.Range(1, keeping.Accepted));
        streaming.Communes.Should().BeEmpty();
        keeping.Problems.Should().HaveCountGreaterThan(3, "the synthetic province rejects some rows by design");
        streaming.Problems.Should().Equal(keeping.Problems.Take(3));
        streaming.ProblemCount.Should().Be(keeping.Problems.Count);

        // errors.csv, written as problems come, is the problems in input order, as one write of the whole list gives it.
        var atOnce = Path.Combine(dir, "at-once.csv");
        ErrorReportWriter.Write(keeping.Problems, atOnce);
        File.ReadAllBytes(Path.Combine(dir, "b", BatchRunner.ErrorsFile)).Should().Equal(File.ReadAllBytes(atOnce));
        keeping.Problems.Select(p => p.Row).Should().BeInAscendingOrder();
    }

    /// <summary>Provinces, former districts and groups spread over the communes, some left unstated.</summary>
    private static CommuneData Varied(CommuneData data, int i) => data with
    {
        Commune = data.Commune with
        {
            Province = i % 5 == 0 ? null : $"Tỉnh {i % 3}",
            District = i % 4 == 0 ? " " : $"Huyện {(char)('A' + i % 6)}",
        },
        Group = i % 7 == 0 ? null : (CommuneGroup)(1 + i % 3),
    };

    /// <summary>
    /// <paramref name="streamed"/> with what depends on each commune computed as the aggregator did when it
    /// kept every commune's outcome (before the batch streamed in flat memory); the per-criterion and
    /// per-indicator counters were counters then too.
    /// </summary>
    private static AggregateReport KeptOutcomesReport(AggregateReport streamed, List<CommuneOutcome> outcomes)
    {
        var grouping = streamed.Grouping;
        var total = streamed.Set.Criteria.Count;
        var bands = ScoreBands.For(total);
        BandCount[] Count(IReadOnlyCollection<CommuneOutcome> some) => bands.Select(b => new BandCount(b, some.Count(o => b.Contains(o.CriteriaMet)))).ToArray();
        var nearest = outcomes.Where(o => o.CriteriaMet < total)
            .OrderBy(o => o.UnmetIndicators.Count).ThenByDescending(o => o.CriteriaMet).ThenBy(o => o.Sequence)
            .Take(10).ToArray();
        var groups = grouping == ReportGrouping.None ? null
            : outcomes.GroupBy(o => grouping.KeyOf(o))
                .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new GroupSummary(g.Key ?? grouping.Unstated(), g.Count(), Count(g.ToArray()), g.Average(o => o.CriteriaMet)))
                .ToArray();
        return streamed with { Evaluated = outcomes.Count, Bands = Count(outcomes), AverageCriteriaMet = outcomes.Average(o => o.CriteriaMet), Closest = nearest, Groups = groups };
    }
}

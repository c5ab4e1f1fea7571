using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Intake.Batch;

/// <summary>
/// Accumulates evaluation results one at a time (a batch streams them) into an <see cref="AggregateReport"/>.
/// Keeps only a small outcome per commune, so ten thousand communes cost little memory. Not thread-safe: one consumer adds.
/// </summary>
public sealed class Aggregator
{
    private readonly CriteriaSet _set;
    private readonly int[] _criteriaMet;
    private readonly int[,] _indicatorStatus;
    private readonly List<CommuneOutcome> _outcomes = [];

    /// <summary>An empty aggregate for <paramref name="set"/>.</summary>
    public Aggregator(CriteriaSet set)
    {
        _set = set;
        _criteriaMet = new int[set.Criteria.Count];
        _indicatorStatus = new int[set.Indicators.Count, 4];
    }

    /// <summary>The communes added so far, in order.</summary>
    public IReadOnlyList<CommuneOutcome> Outcomes => _outcomes;

    /// <summary>Adds one commune's result.</summary>
    /// <param name="result">The evaluation.</param>
    /// <param name="where">Where the commune came from, for the report.</param>
    public CommuneOutcome Add(EvaluationResult result, string where)
    {
        for (var c = 0; c < result.Criteria.Count; c++)
        {
            if (result.Criteria[c].Status == IndicatorStatus.Dat) _criteriaMet[c]++;
        }
        var unmet = new List<string>();
        var n = 0;
        foreach (var i in result.Indicators)
        {
            _indicatorStatus[n++, (int)i.Status]++;
            if (i.Status is IndicatorStatus.ChuaDat or IndicatorStatus.ThieuSoLieu) unmet.Add(i.Indicator.Code);
        }
        var c0 = result.Data.Commune;
        var outcome = new CommuneOutcome(_outcomes.Count + 1, c0.Name, c0.Code, c0.District, where, result.Summary.CriteriaMet, unmet) { Group = result.Data.Group, Province = c0.Province };
        _outcomes.Add(outcome);
        return outcome;
    }

    /// <summary>The report.</summary>
    /// <param name="rejected">Rows rejected by the readers.</param>
    /// <param name="grouping">The extra table by province, commune group or former district, if any.</param>
    /// <param name="closest">How many communes the "closest to the next level" list holds.</param>
    public AggregateReport Build(int rejected, ReportGrouping grouping, int closest = 10)
    {
        var total = _set.Criteria.Count;
        var bands = ScoreBands.For(total);
        var criteria = _set.Criteria.Select((c, i) => new CriterionCount(c, _criteriaMet[i])).ToArray();
        var indicators = _set.Indicators.Select((ind, i) => new IndicatorCount(ind,
            _indicatorStatus[i, (int)IndicatorStatus.Dat], _indicatorStatus[i, (int)IndicatorStatus.ChuaDat],
            _indicatorStatus[i, (int)IndicatorStatus.ThieuSoLieu], _indicatorStatus[i, (int)IndicatorStatus.KhongApDung])).ToArray();
        var nearest = _outcomes.Where(o => o.CriteriaMet < total)
            .OrderBy(o => o.UnmetIndicators.Count).ThenByDescending(o => o.CriteriaMet).ThenBy(o => o.Sequence)
            .Take(closest).ToArray();
        // Communes whose data does not say come last, under one row.
        var groups = grouping == ReportGrouping.None ? null
            : _outcomes.GroupBy(o => grouping.KeyOf(o))
                .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new GroupSummary(g.Key ?? grouping.Unstated(), g.Count(), Count(bands, g.ToArray()), g.Average(o => o.CriteriaMet)))
                .ToArray();
        return new AggregateReport(_set, _outcomes.Count, rejected, Count(bands, _outcomes), _outcomes.Count == 0 ? 0 : _outcomes.Average(o => o.CriteriaMet),
            criteria, indicators, nearest, grouping, groups);
    }

    private static BandCount[] Count(IReadOnlyList<ScoreBand> bands, IReadOnlyCollection<CommuneOutcome> outcomes) =>
        bands.Select(b => new BandCount(b, outcomes.Count(o => b.Contains(o.CriteriaMet)))).ToArray();
}

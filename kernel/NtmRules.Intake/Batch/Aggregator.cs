using System.Globalization;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Intake.Batch;

/// <summary>
/// Accumulates evaluation results one at a time (a batch streams them) into an <see cref="AggregateReport"/>.
/// Keeps counters and the few communes closest to the next level, never a record per commune, so
/// its memory does not grow with the number of communes (only with the number of provinces and
/// former districts named). Not thread-safe: one consumer adds.
/// </summary>
public sealed class Aggregator
{
    private static readonly ReportGrouping[] Groupings = [ReportGrouping.Province, ReportGrouping.Group, ReportGrouping.District];

    private readonly CriteriaSet _set;
    private readonly IReadOnlyList<ScoreBand> _bands;
    private readonly int[] _criteriaMet;
    private readonly int[,] _indicatorStatus;
    private readonly int _closestKept;
    private readonly List<CommuneOutcome> _closest = [];
    private readonly Tally _all;
    // Every grouping is tallied, so that one aggregate can report under any of them.
    private readonly Dictionary<ReportGrouping, GroupTallies> _groups;

    /// <summary>An empty aggregate for <paramref name="set"/>.</summary>
    /// <param name="set">The set evaluated.</param>
    /// <param name="closest">How many communes the "closest to the next level" list holds.</param>
    public Aggregator(CriteriaSet set, int closest = 10)
    {
        _set = set;
        _bands = ScoreBands.For(set.Criteria.Count);
        _criteriaMet = new int[set.Criteria.Count];
        _indicatorStatus = new int[set.Indicators.Count, 4];
        _closestKept = closest;
        _all = new Tally(_bands);
        _groups = Groupings.ToDictionary(g => g, _ => new GroupTallies(_bands));
    }

    /// <summary>Communes added so far.</summary>
    public int Count => _all.Communes;

    /// <summary>Adds one commune's result.</summary>
    /// <param name="result">The evaluation.</param>
    /// <param name="where">Where the commune came from, for the report.</param>
    /// <returns>The commune's outcome, numbered in the order added; the aggregator keeps it only if it is among the closest.</returns>
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
        var outcome = new CommuneOutcome(_all.Communes + 1, c0.Name, c0.Code, c0.District, where, result.Summary.CriteriaMet, unmet) { Group = result.Data.Group, Province = c0.Province };
        _all.Add(outcome.CriteriaMet);
        foreach (var (grouping, tallies) in _groups) tallies.Add(RawKey(grouping, outcome), outcome.CriteriaMet);
        if (outcome.CriteriaMet < _set.Criteria.Count) KeepIfClosest(outcome);
        return outcome;
    }

    /// <summary>The report.</summary>
    /// <param name="rejected">Rows rejected by the readers.</param>
    /// <param name="grouping">The extra table by province, commune group or former district, if any.</param>
    public AggregateReport Build(int rejected, ReportGrouping grouping)
    {
        var criteria = _set.Criteria.Select((c, i) => new CriterionCount(c, _criteriaMet[i])).ToArray();
        var indicators = _set.Indicators.Select((ind, i) => new IndicatorCount(ind,
            _indicatorStatus[i, (int)IndicatorStatus.Dat], _indicatorStatus[i, (int)IndicatorStatus.ChuaDat],
            _indicatorStatus[i, (int)IndicatorStatus.ThieuSoLieu], _indicatorStatus[i, (int)IndicatorStatus.KhongApDung])).ToArray();
        var groups = grouping == ReportGrouping.None ? null : _groups[grouping].Summaries(grouping);
        return new AggregateReport(_set, _all.Communes, rejected, _all.BandCounts(), _all.Average,
            criteria, indicators, _closest.ToArray(), grouping, groups);
    }

    /// <summary>Keeps the list in report order (fewest unmet indicators, then most criteria met, then input order), at most <see cref="_closestKept"/> long.</summary>
    private void KeepIfClosest(CommuneOutcome outcome)
    {
        var at = _closest.BinarySearch(outcome, ClosestFirst.Instance);
        at = at < 0 ? ~at : at;
        if (at >= _closestKept) return;
        _closest.Insert(at, outcome);
        if (_closest.Count > _closestKept) _closest.RemoveAt(_closest.Count - 1);
    }

    /// <summary>
    /// The key a commune is tallied under: <see cref="ReportGroupings.KeyOf"/>, except that a commune
    /// group is kept by its enum name and named in the session's language only when the report is built.
    /// </summary>
    private static string? RawKey(ReportGrouping grouping, CommuneOutcome outcome) =>
        grouping == ReportGrouping.Group ? outcome.Group?.ToString() : grouping.KeyOf(outcome);

    private static string Named(ReportGrouping grouping, string key) =>
        grouping == ReportGrouping.Group ? Enum.Parse<CommuneGroup>(key).Name(CultureInfo.CurrentUICulture) : key;

    /// <summary>Fewest unmet indicators first, then most criteria met, then input order: a total order.</summary>
    private sealed class ClosestFirst : IComparer<CommuneOutcome>
    {
        public static readonly ClosestFirst Instance = new();

        public int Compare(CommuneOutcome? x, CommuneOutcome? y)
        {
            var byUnmet = x!.UnmetIndicators.Count.CompareTo(y!.UnmetIndicators.Count);
            if (byUnmet != 0) return byUnmet;
            var byMet = y.CriteriaMet.CompareTo(x.CriteriaMet);
            return byMet != 0 ? byMet : x.Sequence.CompareTo(y.Sequence);
        }
    }

    /// <summary>Communes per band and their criteria met, summed.</summary>
    private sealed class Tally(IReadOnlyList<ScoreBand> bands)
    {
        private readonly int[] _bandCounts = new int[bands.Count];
        private long _criteriaMet;

        public int Communes { get; private set; }

        /// <summary>As <see cref="Enumerable.Average(IEnumerable{int})"/> computes it: the sum as a whole number, divided once.</summary>
        public double Average => Communes == 0 ? 0 : (double)_criteriaMet / Communes;

        public void Add(int criteriaMet)
        {
            Communes++;
            _criteriaMet += criteriaMet;
            for (var b = 0; b < bands.Count; b++)
            {
                if (bands[b].Contains(criteriaMet)) _bandCounts[b]++;
            }
        }

        public BandCount[] BandCounts() => bands.Select((b, i) => new BandCount(b, _bandCounts[i])).ToArray();
    }

    /// <summary>One <see cref="Tally"/> per key of a grouping, and one for communes whose data does not say.</summary>
    private sealed class GroupTallies(IReadOnlyList<ScoreBand> bands)
    {
        private readonly Dictionary<string, Tally> _byKey = new(StringComparer.Ordinal);
        private readonly Tally _unstated = new(bands);

        public void Add(string? key, int criteriaMet)
        {
            if (key is null)
            {
                _unstated.Add(criteriaMet);
                return;
            }
            if (!_byKey.TryGetValue(key, out var tally)) _byKey.Add(key, tally = new Tally(bands));
            tally.Add(criteriaMet);
        }

        /// <summary>Named keys in ordinal order of their names; communes whose data does not say come last, under one row.</summary>
        public GroupSummary[] Summaries(ReportGrouping grouping)
        {
            var named = _byKey.Select(k => (Name: Named(grouping, k.Key), Tally: k.Value)).OrderBy(k => k.Name, StringComparer.Ordinal);
            var rows = named.Select(k => Summary(k.Name, k.Tally)).ToList();
            if (_unstated.Communes > 0) rows.Add(Summary(grouping.Unstated(), _unstated));
            return rows.ToArray();
        }

        private static GroupSummary Summary(string name, Tally tally) => new(name, tally.Communes, tally.BandCounts(), tally.Average);
    }
}

namespace NtmRules.Kernel.Domain;

/// <summary>
/// A criteria set (bộ tiêu chí) as one legal decision defines it, for one level. Immutable
/// once loaded. Invariants: indicator codes and measure keys are unique; every indicator has a
/// rule (the rules themselves, written for the rules engine, stay with loading and evaluation:
/// the domain model does not depend on the engine).
/// </summary>
public class CriteriaSet
{
    /// <summary>Creates a set; the loader checks the invariants first and reports violations with file positions.</summary>
    public CriteriaSet(
        string id, string name, Level level, LegalDecision decision, IReadOnlyList<LegalDecision> amendedBy,
        EffectivePeriod effective, IReadOnlyList<string> legalBases, IReadOnlyList<Measure> measures,
        IReadOnlyList<Criterion> criteria, PluginInfo plugin, string definitionFile, string workflowFile)
    {
        Id = id;
        Name = name;
        Level = level;
        Decision = decision;
        AmendedBy = amendedBy;
        Effective = effective;
        LegalBases = legalBases;
        Measures = measures;
        Criteria = criteria;
        Plugin = plugin;
        DefinitionFile = definitionFile;
        WorkflowFile = workflowFile;
        MeasuresByKey = measures.ToDictionary(m => m.Key, StringComparer.Ordinal);
        // A loop, not Select((m, n) => (m.Key, n)): LINQ over that tuple is JIT-compiled on every cold start.
        _measurePositions = new Dictionary<string, int>(measures.Count, StringComparer.Ordinal);
        for (var n = 0; n < measures.Count; n++) _measurePositions.Add(measures[n].Key, n);
        Indicators = criteria.SelectMany(c => c.Indicators).ToArray();
        HasMeasureRelations = measures.Any(m => m.AtMost is not null);
    }

    /// <summary>Whether any measure is declared a part of another (<see cref="Measure.AtMost"/>), so data must be checked against it.</summary>
    public bool HasMeasureRelations { get; }

    /// <summary>Stable id, e.g. <c>vn.qd318.xa-ntm</c>.</summary>
    public string Id { get; }
    /// <summary>Vietnamese title.</summary>
    public string Name { get; }
    /// <summary>Level judged.</summary>
    public Level Level { get; }
    /// <summary>The decision that issues the set.</summary>
    public LegalDecision Decision { get; }
    /// <summary>Later decisions that amend it.</summary>
    public IReadOnlyList<LegalDecision> AmendedBy { get; }
    /// <summary>When the set is in force.</summary>
    public EffectivePeriod Effective { get; }
    /// <summary>Legal bases a plan cites (Căn cứ).</summary>
    public IReadOnlyList<string> LegalBases { get; }
    /// <summary>The figures the set needs.</summary>
    public IReadOnlyList<Measure> Measures { get; }
    /// <summary>Measures by key.</summary>
    public IReadOnlyDictionary<string, Measure> MeasuresByKey { get; }

    private readonly Dictionary<string, int> _measurePositions;

    /// <summary>The position of the measure <paramref name="key"/> in <see cref="Measures"/>, if the set has it.</summary>
    public bool TryGetMeasurePosition(string key, out int position) => _measurePositions.TryGetValue(key, out position);
    /// <summary>Criteria in order.</summary>
    public IReadOnlyList<Criterion> Criteria { get; }
    /// <summary>All indicators in order.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }
    /// <summary>The plugin that ships the set.</summary>
    public PluginInfo Plugin { get; }
    /// <summary>Absolute path of the set file.</summary>
    public string DefinitionFile { get; }
    /// <summary>Absolute path of the workflow file.</summary>
    public string WorkflowFile { get; }

    /// <summary>
    /// The sets this one extends, nearest first (a provincial nâng cao set, then the national one);
    /// empty for a set that extends nothing. Inheritance is resolved at load: <see cref="Criteria"/>
    /// and the rules are already the flat result.
    /// </summary>
    public IReadOnlyList<BaseSet> Bases { get; init; } = [];

    /// <summary>Every general and regional threshold figure of the set: indicator, dated value, region (null for the general figure), figure. Group figures are in <see cref="ThresholdValue.GroupFigures"/>.</summary>
    public IEnumerable<(Indicator Indicator, ThresholdValue Value, Region? Region, ThresholdFigure Figure)> ThresholdFigures =>
        from i in Indicators from v in i.Threshold.Values from f in v.Figures select (i, v, f.Region, f.Figure);

    /// <summary>How many threshold figures (general, regions' and groups') are in <paramref name="state"/>.</summary>
    public int CountFigures(ProvenanceState state) =>
        Indicators.SelectMany(i => i.Threshold.Values).SelectMany(v => v.AllFigures).Count(f => f.Provenance.State == state);

    /// <summary>Whether some indicator's threshold in force on <paramref name="date"/> is keyed only by commune group.</summary>
    public bool NeedsGroupOn(DateOnly date) => Indicators.Any(i => i.Threshold.NeedsGroupOn(date));

    /// <summary>Whether any threshold value of the set varies by commune group.</summary>
    public bool UsesGroups => Indicators.Any(i => i.Threshold.Values.Any(v => v.ByGroup.Count > 0));

    /// <summary>"12 đã xác nhận, 3 theo văn bản áp dụng, 40 giả định": the figures per provenance state.</summary>
    public string ProvenanceSummary() =>
        string.Join(", ", ProvenanceStates.All.Select(s => $"{CountFigures(s)} {s.VietnameseName()}"));
}

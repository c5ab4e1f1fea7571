using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Testing;

/// <summary>
/// Whether one indicator's rule is exercised both ways by passing cases: some passing case expects
/// it <c>dat</c> and some passing case expects it <c>chua-dat</c>.
/// </summary>
/// <param name="Code">Indicator code.</param>
/// <param name="Name">Indicator wording.</param>
/// <param name="HasPassingCase">Some case that passed expects <c>dat</c>.</param>
/// <param name="HasFailingCase">Some case that passed expects <c>chua-dat</c>.</param>
public sealed record IndicatorCoverage(string Code, string Name, bool HasPassingCase, bool HasFailingCase)
{
    /// <summary>Both ways exercised.</summary>
    public bool Covered => HasPassingCase && HasFailingCase;
}

/// <summary>Coverage of one set: every indicator, in the set's order.</summary>
/// <param name="SetId">The set.</param>
/// <param name="Indicators">Per indicator.</param>
public sealed record SetCoverage(string SetId, IReadOnlyList<IndicatorCoverage> Indicators)
{
    /// <summary>Indicators covered.</summary>
    public int Covered => Indicators.Count(i => i.Covered);

    /// <summary>Indicators in the set.</summary>
    public int Total => Indicators.Count;

    /// <summary>The indicators not covered, in order.</summary>
    public IEnumerable<IndicatorCoverage> Uncovered => Indicators.Where(i => !i.Covered);

    /// <summary>Percentage covered (100 for an empty set).</summary>
    public double Percent => Total == 0 ? 100 : 100.0 * Covered / Total;
}

/// <summary>
/// Rule coverage of a plugin's tests: for every indicator of every set the plugin provides, whether
/// some passing case makes it pass and some passing case makes it fail.
/// </summary>
/// <param name="Sets">Per set, ordered by id.</param>
public sealed record RuleCoverage(IReadOnlyList<SetCoverage> Sets)
{
    /// <summary>Indicators covered, over all sets.</summary>
    public int Covered => Sets.Sum(s => s.Covered);

    /// <summary>Indicators, over all sets.</summary>
    public int Total => Sets.Sum(s => s.Total);

    /// <summary>Percentage covered over all sets (100 when there is nothing to cover).</summary>
    public double Percent => Total == 0 ? 100 : 100.0 * Covered / Total;

    /// <summary>
    /// Whether the coverage reaches <paramref name="minimumPercent"/>, compared exactly
    /// (covered × 100 ≥ minimum × total), so 100 means every indicator.
    /// </summary>
    public bool Reaches(double minimumPercent) => Covered * 100.0 >= minimumPercent * Total;

    /// <summary>Computes coverage of <paramref name="sets"/> from the case results; only passed cases count.</summary>
    public static RuleCoverage Compute(IEnumerable<CriteriaSet> sets, IEnumerable<PluginTestCaseResult> results)
    {
        var passed = results.Where(r => r.Passed).ToArray();
        var list = new List<SetCoverage>();
        foreach (var set in sets.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var expectations = passed.Where(r => r.Case.SetId == set.Id).SelectMany(r => r.Case.Expect).ToArray();
            var dat = expectations.Where(e => e.Status == IndicatorStatus.Dat).Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
            var chuaDat = expectations.Where(e => e.Status == IndicatorStatus.ChuaDat).Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
            list.Add(new SetCoverage(set.Id, set.Indicators.Select(i => new IndicatorCoverage(i.Code, i.Name, dat.Contains(i.Code), chuaDat.Contains(i.Code))).ToArray()));
        }
        return new RuleCoverage(list);
    }
}

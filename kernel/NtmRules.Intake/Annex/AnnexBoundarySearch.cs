using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Testing;

namespace NtmRules.Intake.Annex;

/// <summary>
/// Test cases for indicators of kind "biểu thức", whose value no formula of the annex gives: with the
/// plugin loaded, one measure the expression reads is searched (whole numbers, bisection) for the two
/// neighbouring values where the verdict flips, the others held at a fixed commune (wholes and denominators 100.000,
/// parts 0, yes/no true, defaults left to the set); a yes/no expression is tried with each fact turned false in turn. The expected statuses are the engine's own at those
/// points, so the cases pin the figure as the rule computes it — they catch a later change of the
/// figure or of the expression, not an expression that was wrong from the start.
/// </summary>
internal sealed class AnnexBoundarySearch(Evaluator evaluator, CompiledCriteriaSet set, AnnexTestCases cases)
{
    private const double Whole = 100_000;

    /// <summary>The cases of every expression indicator it can place; those it cannot stay in <see cref="AnnexTestCases.Skipped"/>.</summary>
    public async Task<IReadOnlyList<GeneratedCase>> BuildAsync(IEnumerable<AnnexIndicator> indicators, CancellationToken cancellationToken)
    {
        var found = new List<GeneratedCase>();
        foreach (var a in indicators.Where(i => i.Kind == IndicatorKind.Expression && i.Indicator.ApplicableWhen is null))
        {
            var mine = new List<GeneratedCase>();
            foreach (var (value, column, figure, place) in cases.Figures(a))
            {
                if (await SearchAsync(a, value, place, cancellationToken) is not { } pair) continue;
                foreach (var (data, status) in new[] { pair.Pass, pair.Fail })
                    mine.Add(cases.Case(a, value, column, figure.Value, place, data, status == IndicatorStatus.Dat ? "sát mức, đạt" : "sát mức, chưa đạt", status));
            }
            if (mine.Count > 0) cases.Unskip(a.Indicator.Code);
            found.AddRange(mine);
        }
        return found;
    }

    private async Task<((JObject, IndicatorStatus) Pass, (JObject, IndicatorStatus) Fail)?> SearchAsync(AnnexIndicator a, ThresholdValue value,
        (Region Region, CommuneGroup? Group) place, CancellationToken cancellationToken)
    {
        var keys = set.MeasuresReadBy(a.Indicator.Code).Select(k => set.Set.MeasuresByKey[k]).ToArray();
        // A whole is a measure others are parts of, or one that may not be 0 (a denominator): it is held large, the parts are searched.
        var wholes = keys.Where(m => keys.Any(p => p.AtMost == m.Key) || m.Min >= 1).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var baseline = new JObject();
        foreach (var m in keys.Where(m => m.Default is null))
            baseline[m.Key] = m.Type == MeasureType.Boolean ? true : AnnexPluginWriter.Number(Clamp(m, wholes.Contains(m.Key) ? Whole : 0));
        foreach (var driver in keys.Where(m => m.Default is null && m.Type != MeasureType.Boolean && !wholes.Contains(m.Key)))
        {
            var lo = Clamp(driver, 0);
            var hi = Clamp(driver, driver.AtMost is not null ? Whole : driver.Max ?? Measure.PlausibleCountLimit);
            var atLo = await StatusAsync(a, value, place, baseline, driver.Key, lo, cancellationToken);
            var atHi = await StatusAsync(a, value, place, baseline, driver.Key, hi, cancellationToken);
            if (atLo is not (IndicatorStatus.Dat or IndicatorStatus.ChuaDat) || atHi is not (IndicatorStatus.Dat or IndicatorStatus.ChuaDat) || atLo == atHi) continue;
            while (hi - lo > 1)
            {
                var mid = Math.Floor((lo + hi) / 2);
                if (await StatusAsync(a, value, place, baseline, driver.Key, mid, cancellationToken) == atLo) lo = mid; else hi = mid;
            }
            var low = With(baseline, driver.Key, lo);
            var high = With(baseline, driver.Key, hi);
            return atLo == IndicatorStatus.Dat ? ((low, atLo.Value), (high, atHi.Value)) : ((high, atHi.Value), (low, atLo.Value));
        }
        // A yes/no expression: the commune with every fact true, and with one fact turned false.
        var flags = keys.Where(m => m.Type == MeasureType.Boolean).ToArray();
        var allTrue = flags.Length == 0 ? null : await StatusAsync(a, value, place, baseline, null, 0, cancellationToken);
        foreach (var flag in flags)
        {
            var turned = (JObject)baseline.DeepClone();
            turned[flag.Key] = false;
            var status = await StatusAsync(a, value, place, turned, null, 0, cancellationToken);
            if (allTrue is not (IndicatorStatus.Dat or IndicatorStatus.ChuaDat) || status is not (IndicatorStatus.Dat or IndicatorStatus.ChuaDat) || status == allTrue) continue;
            return allTrue == IndicatorStatus.Dat ? ((baseline, allTrue.Value), (turned, status.Value)) : ((turned, status.Value), (baseline, allTrue.Value));
        }
        return null;
    }

    private async Task<IndicatorStatus?> StatusAsync(AnnexIndicator a, ThresholdValue value, (Region Region, CommuneGroup? Group) place, JObject baseline,
        string? key, double x, CancellationToken cancellationToken)
    {
        var json = cases.Commune(a.Indicator, value, place, key is null ? baseline : With(baseline, key, x));
        var data = CommuneDataReader.Parse(Encoding.UTF8.GetBytes(json.ToString()), "tìm mức", []);
        var result = await evaluator.EvaluateAsync(set, data, cancellationToken);
        if (result.Problems.Any(p => p.Severity == Kernel.Diagnostics.Severity.Error)) return null;
        var r = result.Indicators.Single(i => i.Indicator.Code == a.Indicator.Code);
        return r.Outcome == Outcome.ExpressionError ? null : r.Status;
    }

    private static JObject With(JObject baseline, string key, double x)
    {
        var o = (JObject)baseline.DeepClone();
        o[key] = AnnexPluginWriter.Number(x);
        return o;
    }

    private static double Clamp(Measure m, double x) => Math.Floor(Math.Min(Math.Max(x, m.Min ?? 0), m.Max ?? Measure.PlausibleCountLimit));
}

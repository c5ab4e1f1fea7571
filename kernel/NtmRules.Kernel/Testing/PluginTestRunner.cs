using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Testing;

/// <summary>One expectation checked against the evaluation.</summary>
/// <param name="Expected">What the case expects.</param>
/// <param name="Actual">What the evaluation gave, with the value and threshold.</param>
public sealed record IndicatorCheck(ExpectedStatus Expected, IndicatorResult Actual)
{
    /// <summary>
    /// The status is the one expected. A rule that failed at run time never matches, whatever was
    /// expected: its <c>chua-dat</c> is a plugin defect, not a verdict a case can confirm.
    /// </summary>
    public bool Passed => Actual.Outcome != Outcome.ExpressionError && Actual.Status == Expected.Status;
}

/// <summary>A case run: the evaluation and every expectation checked.</summary>
/// <param name="Case">The case.</param>
/// <param name="Evaluation">The commune evaluated against the case's set.</param>
/// <param name="Checks">One per expectation, in the case's order.</param>
public sealed record PluginTestCaseResult(PluginTestCase Case, EvaluationResult Evaluation, IReadOnlyList<IndicatorCheck> Checks)
{
    /// <summary>Values of the data rejected by the set (out of range, wrong type): the case cannot pass.</summary>
    public IReadOnlyList<Problem> DataErrors => Evaluation.Problems.Where(p => p.Severity == Severity.Error).ToArray();

    /// <summary>Every expectation met and the data valid for the set.</summary>
    public bool Passed => DataErrors.Count == 0 && Checks.All(c => c.Passed);

    /// <summary>The expectations not met.</summary>
    public IEnumerable<IndicatorCheck> Mismatches => Checks.Where(c => !c.Passed);
}

/// <summary>Everything <c>ntm plugin test</c> reports.</summary>
/// <param name="Plugin">The plugin tested, as loaded.</param>
/// <param name="Cases">Results in case-file order.</param>
/// <param name="Coverage">Rule coverage of the plugin's sets.</param>
/// <param name="Warnings">Warnings from reading the cases and their data.</param>
public sealed record PluginTestReport(PluginInfo Plugin, IReadOnlyList<PluginTestCaseResult> Cases, RuleCoverage Coverage, IReadOnlyList<Problem> Warnings)
{
    /// <summary>Cases that passed.</summary>
    public int PassedCount => Cases.Count(c => c.Passed);

    /// <summary>Cases that failed.</summary>
    public int FailedCount => Cases.Count - PassedCount;
}

/// <summary>
/// Runs a plugin's own test cases through the normal host and evaluator, and measures rule coverage.
/// </summary>
public static class PluginTestRunner
{
    /// <summary>
    /// Runs the cases of the candidate plugin of <paramref name="host"/> (made by
    /// <see cref="PluginHost.LoadCandidate"/>).
    /// </summary>
    /// <exception cref="PluginException">The candidate was refused at load.</exception>
    /// <exception cref="InputException">A case file is wrong, or there is none.</exception>
    public static async Task<PluginTestReport> RunAsync(PluginHost host, CancellationToken cancellationToken = default)
    {
        var candidate = host.Candidate ?? throw new ArgumentException("the host was not made by PluginHost.LoadCandidate", nameof(host));
        if (!candidate.Loaded || candidate.Plugin is null)
        {
            var problems = new List<Problem> { new(Severity.Error, TestingMessages.RefusedAtLoad, candidate.Folder) };
            problems.AddRange(candidate.Problems.Where(p => p.Severity == Severity.Error));
            throw new PluginException(problems);
        }
        var compiled = candidate.SetIds.Select(host.GetSet).ToDictionary(s => s.Set.Id, StringComparer.Ordinal);
        var warnings = new List<Problem>();
        var cases = PluginTestCaseReader.ReadAll(candidate.Folder, compiled.ToDictionary(kv => kv.Key, kv => kv.Value.Set, StringComparer.Ordinal), warnings);
        var results = new List<PluginTestCaseResult>(cases.Count);
        foreach (var c in cases)
        {
            var set = compiled[c.SetId];
            var evaluation = await host.Evaluator.EvaluateAsync(set, c.Data, cancellationToken);
            var byCode = evaluation.Indicators.ToDictionary(i => i.Indicator.Code, StringComparer.Ordinal);
            results.Add(new PluginTestCaseResult(c, evaluation, c.Expect.Select(e => new IndicatorCheck(e, byCode[e.Code])).ToArray()));
        }
        var coverage = RuleCoverage.Compute(compiled.Values.Select(s => s.Set), results);
        return new PluginTestReport(candidate.Plugin, results, coverage, warnings);
    }
}

using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Application.Localization;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Application;

/// <summary>The rules of an evaluation that failed at run time (a plugin defect), as problems: the one place their message is written.</summary>
public static class RuleFailures
{
    /// <summary>
    /// One error per indicator whose rule threw, located at the set's workflow file:
    /// <c>rule "…" failed at run time: …</c>. Empty when every rule ran.
    /// </summary>
    public static IReadOnlyList<Problem> Of(EvaluationResult result) =>
        result.Indicators.Where(i => i.Error is not null)
            .Select(i => new Problem(Severity.Error, MessageText.Format(ApplicationMessages.RuleFailedAtRunTime, i.Indicator.RuleName, i.Error), result.Set.WorkflowFile))
            .ToArray();
}

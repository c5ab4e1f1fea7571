using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Application.Localization;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Application;

/// <summary>The indicators a trace shows: all, or the one a code names (<c>ntm trace --indicator</c>, the web's trace API).</summary>
public static class IndicatorSelection
{
    /// <summary>Every indicator of <paramref name="result"/> when <paramref name="code"/> is null; otherwise the one with that code.</summary>
    /// <exception cref="InputException">The set has no indicator <paramref name="code"/> (its codes listed), located at <paramref name="field"/>.</exception>
    public static IReadOnlyList<IndicatorResult> Of(EvaluationResult result, string? code, string field)
    {
        if (code is null) return result.Indicators.ToArray();
        var selected = result.Indicators.Where(i => i.Indicator.Code == code).ToArray();
        return selected.Length > 0 ? selected
            : throw new InputException(new Problem(Severity.Error,
                MessageText.Format(ApplicationMessages.NoSuchIndicator, result.Set.Id, code, string.Join(", ", result.Set.Indicators.Select(i => i.Code))), Field: field));
    }
}

using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Annex;

/// <summary>What an annex says of the set as a whole: its name, level, decision and period.</summary>
/// <param name="Name">The set's Vietnamese title.</param>
/// <param name="Level">The level it judges.</param>
/// <param name="Decision">The decision that issues it.</param>
/// <param name="Effective">When it is in force.</param>
/// <param name="LegalBases">Căn cứ a plan cites; the decision's own reference when the annex gives none.</param>
public sealed record AnnexSetInfo(string Name, Level Level, LegalDecision Decision, EffectivePeriod Effective, IReadOnlyList<string> LegalBases);

/// <summary>An indicator of the annex with how its value is computed.</summary>
/// <param name="Indicator">The indicator (its rule is named after its code).</param>
/// <param name="Kind">The row's kind.</param>
/// <param name="Actual">The expression of the indicator's value (the rule's <c>actual</c>).</param>
/// <param name="Measures">The measures the value reads (measure 1 and 2 for the four plain kinds).</param>
/// <param name="Row">The row that states it, for messages.</param>
public sealed record AnnexIndicator(Indicator Indicator, IndicatorKind Kind, string Actual, IReadOnlyList<string> Measures, int Row)
{
    /// <summary>The rule expression: <c>actual OP threshold</c>.</summary>
    public string RuleExpression => $"actual {Indicator.Threshold.Operator.Symbol()} threshold";
}

/// <summary>A criteria set as read from an annex table: measures, criteria with their indicators, and the set's header.</summary>
/// <param name="Info">Name, level, decision, period.</param>
/// <param name="Measures">Measures declared by the annex, in row order.</param>
/// <param name="Criteria">Criteria in row order; each indicator's rule is in <see cref="Indicators"/>.</param>
/// <param name="Indicators">Every indicator with its kind and expression, in row order.</param>
public sealed record AnnexContent(AnnexSetInfo Info, IReadOnlyList<Measure> Measures, IReadOnlyList<Criterion> Criteria, IReadOnlyList<AnnexIndicator> Indicators);

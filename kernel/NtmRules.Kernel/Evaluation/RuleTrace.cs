using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Evaluation;

/// <summary>A parameter of a rule (LocalParam or GlobalParam) with the value it evaluated to.</summary>
/// <param name="Name">Parameter name, e.g. <c>actual</c>, <c>threshold</c>.</param>
/// <param name="Expression">Its expression as the workflow writes it (the host writes <c>threshold</c>'s).</param>
/// <param name="Value">Evaluated value; null when the rule was not judged (missing data, not applicable) or the value is not a number/boolean.</param>
public readonly record struct ParamValue(string Name, string Expression, Scalar? Value);

/// <summary>
/// What RulesEngine did for one rule and its child rules: the expression, every parameter with
/// its value, and the outcome — the part of RulesEngine's result tree an auditor needs, with
/// run-time errors kept apart from business failures.
/// </summary>
/// <param name="Name">Rule name.</param>
/// <param name="Expression">The rule's expression; null for a rule made of child rules.</param>
/// <param name="Operator">And/Or combining child rules; null otherwise.</param>
/// <param name="Params">Global then local params in evaluation order, with values.</param>
/// <param name="Evaluated">False when the indicator was not judged, so no value here means anything.</param>
/// <param name="IsSuccess">RulesEngine's verdict when evaluated.</param>
/// <param name="Error">Run-time error message, when the expression threw.</param>
/// <param name="Children">Child rules, in order.</param>
public sealed record RuleTrace(string Name, string? Expression, string? Operator, IReadOnlyList<ParamValue> Params,
    bool Evaluated, bool? IsSuccess, string? Error, IReadOnlyList<RuleTrace> Children);

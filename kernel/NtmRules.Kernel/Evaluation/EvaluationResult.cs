using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Evaluation;

/// <summary>Why an indicator got its status; finer than the status, for auditors.</summary>
public enum Outcome
{
    /// <summary>The rule passed.</summary>
    Met,
    /// <summary>The rule ran and the value did not meet the threshold.</summary>
    FailedComparison,
    /// <summary>A measure the rule (or its applicability condition) needs is absent or invalid.</summary>
    MissingData,
    /// <summary>The applicability condition is false.</summary>
    NotApplicable,
    /// <summary>The expression failed at run time (a plugin defect); the indicator is not met.</summary>
    ExpressionError,
}

/// <summary>A measure value a rule read, with its definition, for reports and traces.</summary>
/// <param name="Measure">Definition (label, unit).</param>
/// <param name="Value">The value the data gave; null when absent or invalid.</param>
/// <param name="Invalid">True when the data gave a value that was rejected.</param>
public sealed record MeasureReading(Measure Measure, Scalar? Value, bool Invalid)
{
    /// <summary>The set's default the rule used because the data gave no value (<see cref="Measure.Default"/>); null otherwise.</summary>
    public Scalar? DefaultUsed { get; init; }
}

/// <summary>The verdict on one indicator, with everything needed to explain it.</summary>
/// <remarks>
/// One per indicator of every commune of a province, so a value held inline in its criterion's
/// array: the verdict (status, outcome, value) in a few bytes, and a reference to what the
/// commune's evaluation kept, from which <see cref="Indicator"/>, <see cref="Threshold"/>,
/// <see cref="Inputs"/>, <see cref="MissingMeasures"/>, <see cref="Error"/> and <see cref="Rule"/> are
/// read — the last three made when first read and then kept, so they are the same whenever they are
/// read. A province is evaluated for its verdicts far more often than its traces are written; made
/// for every indicator of every commune, objects for these were most of what an evaluation allocated.
/// <c>default(IndicatorResult)</c> is not a result: only the evaluator and the constructor make one.
/// </remarks>
public readonly record struct IndicatorResult
{
    private readonly IndicatorDetails _details;
    private readonly double _actualNumber;
    private readonly int _position;
    private readonly byte _actualKind;
    private readonly byte _status;
    private readonly byte _outcome;
    private readonly bool _ruleSucceeded;

    /// <summary>A result stated whole, not made by an evaluation.</summary>
    /// <param name="Indicator">The indicator.</param>
    /// <param name="Status">đạt / chưa đạt / thiếu số liệu / không áp dụng.</param>
    /// <param name="Outcome">Why.</param>
    /// <param name="Actual">The indicator's value as the rule computed it; null when not computed.</param>
    /// <param name="Threshold">The threshold that applied.</param>
    /// <param name="Inputs">The measures the rule reads, with their values.</param>
    /// <param name="MissingMeasures">Keys of the needed measures that are absent or invalid.</param>
    /// <param name="Error">The expression error, for <see cref="Outcome.ExpressionError"/>.</param>
    /// <param name="Rule">What RulesEngine did, for the audit trace.</param>
    public IndicatorResult(Indicator Indicator, IndicatorStatus Status, Outcome Outcome, Scalar? Actual, ResolvedThreshold Threshold,
        IReadOnlyList<MeasureReading> Inputs, IReadOnlyList<string> MissingMeasures, string? Error, RuleTrace? Rule = null)
        : this(new StatedDetails(Indicator, Threshold, Inputs, MissingMeasures, Error, Rule), 0, Status, Outcome, Actual, false)
    {
    }

    /// <summary>The result of the indicator at <paramref name="position"/> of an evaluation, the rest read from <paramref name="details"/>.</summary>
    internal IndicatorResult(IndicatorDetails details, int position, IndicatorStatus status, Outcome outcome, Scalar? actual, bool ruleSucceeded)
    {
        _details = details;
        _position = position;
        _status = (byte)status;
        _outcome = (byte)outcome;
        _ruleSucceeded = ruleSucceeded;
        (_actualNumber, _actualKind) = actual switch
        {
            null => (0d, (byte)0),
            { Kind: ScalarKind.Number } v => (v.Number, (byte)1),
            { } v => (0d, v.Flag ? (byte)3 : (byte)2),
        };
    }

    /// <summary>The indicator.</summary>
    public Indicator Indicator => _details.Indicator(_position);

    /// <summary>đạt / chưa đạt / thiếu số liệu / không áp dụng.</summary>
    public IndicatorStatus Status => (IndicatorStatus)_status;

    /// <summary>Why.</summary>
    public Outcome Outcome => (Outcome)_outcome;

    /// <summary>The indicator's value as the rule computed it; null when not computed.</summary>
    public Scalar? Actual => _actualKind switch
    {
        0 => null,
        1 => Scalar.Of(_actualNumber),
        _ => Scalar.Of(_actualKind == 3),
    };

    /// <summary>The threshold that applied.</summary>
    public ResolvedThreshold Threshold => _details.Threshold(_position);

    /// <summary>The measures the rule reads, with their values.</summary>
    public IReadOnlyList<MeasureReading> Inputs => _details.Inputs(_position);

    /// <summary>Keys of the needed measures that are absent or invalid.</summary>
    public IReadOnlyList<string> MissingMeasures => _details.Missing(_position, Outcome);

    /// <summary>The expression error, for <see cref="Outcome.ExpressionError"/>.</summary>
    public string? Error => _details.Error(_position);

    /// <summary>What RulesEngine did, for the audit trace.</summary>
    public RuleTrace? Rule => _details.Rule(_position, Outcome, _ruleSucceeded, Actual);
}

/// <summary>What an <see cref="IndicatorResult"/> reads the parts of its result from that it does not hold itself, by its position in the set.</summary>
internal abstract class IndicatorDetails
{
    /// <summary>The indicator at <paramref name="position"/>.</summary>
    internal abstract Indicator Indicator(int position);

    /// <summary>The threshold that applied to it.</summary>
    internal abstract ResolvedThreshold Threshold(int position);

    /// <summary>The measures its rule reads, with their values.</summary>
    internal abstract IReadOnlyList<MeasureReading> Inputs(int position);

    /// <summary>Keys of the measures it needed and lacked (none unless <paramref name="outcome"/> is <see cref="Outcome.MissingData"/>).</summary>
    internal abstract IReadOnlyList<string> Missing(int position, Outcome outcome);

    /// <summary>Its expression error, if any.</summary>
    internal abstract string? Error(int position);

    /// <summary>Its rule's trace (<paramref name="actual"/>: the indicator's value, which is its <c>actual</c> param's).</summary>
    internal abstract RuleTrace? Rule(int position, Outcome outcome, bool succeeded, Scalar? actual);
}

/// <summary>The parts of a result stated whole (<see cref="IndicatorResult(Indicator, IndicatorStatus, Outcome, Scalar?, ResolvedThreshold, IReadOnlyList{MeasureReading}, IReadOnlyList{string}, string?, RuleTrace?)"/>).</summary>
internal sealed class StatedDetails(Indicator indicator, ResolvedThreshold threshold, IReadOnlyList<MeasureReading> inputs,
    IReadOnlyList<string> missing, string? error, RuleTrace? rule) : IndicatorDetails
{
    internal override Indicator Indicator(int position) => indicator;
    internal override ResolvedThreshold Threshold(int position) => threshold;
    internal override IReadOnlyList<MeasureReading> Inputs(int position) => inputs;
    internal override IReadOnlyList<string> Missing(int position, Outcome outcome) => missing;
    internal override string? Error(int position) => error;
    internal override RuleTrace? Rule(int position, Outcome outcome, bool succeeded, Scalar? actual) => rule;
}

/// <summary>The verdict on one criterion: đạt only when every applicable indicator is đạt.</summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="Status">Aggregated status.</param>
/// <param name="Indicators">Its indicators' results in order.</param>
public sealed record CriterionResult(Criterion Criterion, IndicatorStatus Status, IReadOnlyList<IndicatorResult> Indicators);

/// <summary>
/// Counts as the documents write them: "11/19 tiêu chí, 47/57 chỉ tiêu". An indicator that does
/// not apply does not block its criterion, so it counts with the met ones; it is also counted
/// apart so that no report hides it.
/// </summary>
public sealed record EvaluationSummary(
    int CriteriaMet, int CriteriaTotal, int IndicatorsMet, int IndicatorsTotal,
    int IndicatorsNotMet, int IndicatorsMissingData, int IndicatorsNotApplicable, int CriteriaMissingData)
{
    /// <summary>"11/19 tiêu chí, 47/57 chỉ tiêu".</summary>
    public override string ToString() => $"{CriteriaMet}/{CriteriaTotal} tiêu chí, {IndicatorsMet}/{IndicatorsTotal} chỉ tiêu";
}

/// <summary>A commune evaluated against one criteria set.</summary>
/// <param name="Set">The set, with its plugin's identity and hash.</param>
/// <param name="Data">The commune's data as read.</param>
/// <param name="EvaluationDate">Date that selected the threshold values.</param>
/// <param name="Criteria">Results per criterion, in order.</param>
/// <param name="Summary">Counts.</param>
/// <param name="Problems">Data problems (rejected values are errors, unknown keys warnings) and plugin warnings.</param>
public sealed record EvaluationResult(
    CriteriaSet Set,
    CommuneData Data,
    DateOnly EvaluationDate,
    IReadOnlyList<CriterionResult> Criteria,
    EvaluationSummary Summary,
    IReadOnlyList<Problem> Problems)
{
    /// <summary>All indicator results in order.</summary>
    public IEnumerable<IndicatorResult> Indicators => Criteria.SelectMany(c => c.Indicators);

    /// <summary>Whether the data had rejected values (the CLI then exits 2 after reporting).</summary>
    public bool HasDataErrors => Problems.Any(p => p.Severity == Severity.Error);

    /// <summary>Whether the evaluation date lies in the set's effective period.</summary>
    public bool DateInSetPeriod => Set.Effective.Contains(EvaluationDate);

    /// <summary>
    /// What a reader must be told when the evaluation date lies outside the set's period (the
    /// thresholds are then those nearest in time); null inside it. Shown by the JSON, the trace,
    /// the draft's first page and the web page, not only on standard error.
    /// </summary>
    public string? PeriodNotice => PeriodNoticeIn(Localization.MessageText.Vietnamese);

    /// <summary><see cref="PeriodNotice"/> in <paramref name="language"/>: the JSON, the draft and the pages keep the Vietnamese, the trace says it in the session's.</summary>
    public string? PeriodNoticeIn(System.Globalization.CultureInfo language) => DateInSetPeriod ? null
        : Localization.MessageText.Format(Localization.OutputMessages.ResourceManager.GetString(nameof(Localization.OutputMessages.PeriodNotice), language)!,
            Localization.MessageText.Date(EvaluationDate, language), Set.Id, Set.Effective.Text(language));

    /// <summary>Whether a rule failed at run time (the CLI then exits 3 after reporting).</summary>
    public bool HasExpressionErrors => Indicators.Any(i => i.Outcome == Outcome.ExpressionError);
}

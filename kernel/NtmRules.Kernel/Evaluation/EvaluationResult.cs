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
/// <param name="Indicator">The indicator.</param>
/// <param name="Status">đạt / chưa đạt / thiếu số liệu / không áp dụng.</param>
/// <param name="Outcome">Why.</param>
/// <param name="Actual">The indicator's value as the rule computed it; null when not computed.</param>
/// <param name="Threshold">The threshold that applied.</param>
/// <param name="Inputs">The measures the rule reads, with their values.</param>
/// <param name="MissingMeasures">Keys of the needed measures that are absent or invalid.</param>
/// <param name="Error">The expression error, for <see cref="Outcome.ExpressionError"/>.</param>
/// <param name="Rule">What RulesEngine did, for the audit trace.</param>
/// <remarks>
/// The evaluator makes <see cref="Inputs"/> and <see cref="Rule"/> only when they are first read: a
/// province is evaluated for its verdicts far more often than its traces are written, and made for
/// every indicator of every commune they were most of what an evaluation allocated. Both are made
/// from what the evaluation kept (the commune's checked values, each param's value as the rule
/// computed it), so they are the same whenever they are read.
/// </remarks>
public sealed record IndicatorResult(
    Indicator Indicator,
    IndicatorStatus Status,
    Outcome Outcome,
    Scalar? Actual,
    ResolvedThreshold Threshold,
    IReadOnlyList<MeasureReading> Inputs,
    IReadOnlyList<string> MissingMeasures,
    string? Error,
    RuleTrace? Rule = null)
{
    // One per indicator of every commune of a province, so held small: the value as a number and a
    // kind byte rather than a Scalar? (32 bytes), the status and outcome as bytes beside them.
    private double _actualNumber = Pack(Actual).Number;
    private byte _actualKind = Pack(Actual).Kind;
    private byte _status = (byte)Status;
    private byte _outcome = (byte)Outcome;
    private readonly bool _ruleSucceeded;
    private readonly int _position;
    private IReadOnlyList<MeasureReading>? _inputs = Inputs;
    private RuleTrace? _rule = Rule;
    private readonly CommuneTraces? _traces;

    /// <summary>A result whose inputs (and, when <paramref name="rule"/> is null, trace) are made from <paramref name="traces"/> when first read.</summary>
    internal IndicatorResult(Indicator indicator, IndicatorStatus status, Outcome outcome, Scalar? actual, ResolvedThreshold threshold,
        IReadOnlyList<string> missing, string? error, RuleTrace? rule, CommuneTraces traces, int position, bool ruleSucceeded)
        : this(indicator, status, outcome, actual, threshold, null!, missing, error, rule)
    {
        _traces = traces;
        _position = position;
        _ruleSucceeded = ruleSucceeded;
    }

    /// <summary>đạt / chưa đạt / thiếu số liệu / không áp dụng.</summary>
    public IndicatorStatus Status
    {
        get => (IndicatorStatus)_status;
        init => _status = (byte)value;
    }

    /// <summary>Why.</summary>
    public Outcome Outcome
    {
        get => (Outcome)_outcome;
        init => _outcome = (byte)value;
    }

    /// <summary>The indicator's value as the rule computed it; null when not computed.</summary>
    public Scalar? Actual
    {
        get => _actualKind switch
        {
            0 => null,
            1 => Scalar.Of(_actualNumber),
            _ => Scalar.Of(_actualKind == 3),
        };
        init => (_actualNumber, _actualKind) = Pack(value);
    }

    private static (double Number, byte Kind) Pack(Scalar? value) => value switch
    {
        null => (0, 0),
        { Kind: ScalarKind.Number } v => (v.Number, 1),
        { } v => (0, v.Flag ? (byte)3 : (byte)2),
    };

    /// <summary>The measures the rule reads, with their values.</summary>
    public IReadOnlyList<MeasureReading> Inputs
    {
        get => _inputs ??= _traces?.Inputs(_position) ?? [];
        init => _inputs = value;
    }

    /// <summary>What RulesEngine did, for the audit trace.</summary>
    public RuleTrace? Rule
    {
        get => _rule ??= _traces?.Trace(_position, _ruleSucceeded);
        init => _rule = value;
    }
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

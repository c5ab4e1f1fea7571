using NtmRules.Kernel.Domain;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// One indicator's verdict as the three benchmark paths can all state it: plain RulesEngine and
/// the hand-written floor know nothing of outcomes, figures or traces.
/// </summary>
public enum Verdict : byte
{
    /// <summary>Not recorded (a path did not reach this indicator).</summary>
    None,
    /// <summary>The threshold is met (đạt).</summary>
    Met,
    /// <summary>The threshold is not met (chưa đạt), including a rule that failed at run time.</summary>
    NotMet,
    /// <summary>A measure the indicator reads is absent or was rejected (thiếu số liệu): no path judges it.</summary>
    MissingData,
    /// <summary>The applicability condition is false (không áp dụng).</summary>
    NotApplicable,
}

/// <summary>Conversions to <see cref="Verdict"/>.</summary>
public static class Verdicts
{
    /// <summary>The verdict a product status states.</summary>
    public static Verdict From(IndicatorStatus status) => status switch
    {
        IndicatorStatus.Dat => Verdict.Met,
        IndicatorStatus.ChuaDat => Verdict.NotMet,
        IndicatorStatus.ThieuSoLieu => Verdict.MissingData,
        IndicatorStatus.KhongApDung => Verdict.NotApplicable,
        _ => Verdict.None,
    };
}

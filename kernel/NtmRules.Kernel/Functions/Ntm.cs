namespace NtmRules.Kernel.Functions;

/// <summary>
/// Functions every rule expression may call as <c>Ntm.Name(…)</c>. Pure and deterministic:
/// they take and return numbers only.
/// </summary>
public static class Ntm
{
    /// <summary>
    /// A percentage: 100 × <paramref name="part"/> / <paramref name="total"/>. A zero total gives
    /// NaN, which the evaluator reports as an expression error rather than a verdict.
    /// </summary>
    public static double Rate(double part, double total) => total == 0 ? double.NaN : 100.0 * part / total;
}

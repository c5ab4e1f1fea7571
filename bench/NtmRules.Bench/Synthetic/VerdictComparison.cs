using NtmRules.Bench.Localization;
using NtmRules.Kernel.Localization;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// The differential check of the benchmark: whether plain RulesEngine (a), the product (b) and the
/// hand-written floor (c) state the same verdict on every indicator of every commune. Indicators
/// no path can judge (a measure absent or rejected) must be reported as missing data by all three;
/// the rest must agree on met / not met / not applicable.
/// </summary>
/// <param name="Identical">Whether every cell agrees and every cell was recorded.</param>
/// <param name="Cells">Communes × indicators compared.</param>
/// <param name="Judged">Cells all three judged (met or not met).</param>
/// <param name="Met">Of those, met.</param>
/// <param name="MissingData">Cells left unjudged for missing or rejected data.</param>
/// <param name="NotApplicable">Cells whose applicability condition is false.</param>
/// <param name="Differences">Number of cells that differ.</param>
/// <param name="Examples">The first differences, described in the session's language, each a line of the report.</param>
public sealed record VerdictComparison(bool Identical, long Cells, long Judged, long Met, long MissingData, long NotApplicable,
    long Differences, IReadOnlyList<string> Examples)
{
    private const int MaxExamples = 10;

    /// <summary>Compares the three tables cell by cell.</summary>
    public static VerdictComparison Compare(VerdictTable baseline, VerdictTable product, VerdictTable floor)
    {
        if (baseline.Communes != product.Communes || floor.Communes != product.Communes
            || !baseline.IndicatorCodes.SequenceEqual(product.IndicatorCodes) || !floor.IndicatorCodes.SequenceEqual(product.IndicatorCodes))
            throw new ArgumentException("the three tables must cover the same communes and indicators");
        long judged = 0, met = 0, missing = 0, notApplicable = 0, differences = 0;
        var examples = new List<string>();
        var width = product.IndicatorCodes.Count;
        for (var c = 0; c < product.Communes; c++)
        {
            for (var i = 0; i < width; i++)
            {
                var (a, b, f) = (baseline[c, i], product[c, i], floor[c, i]);
                if (a != b || b != f || b == Verdict.None)
                {
                    differences++;
                    if (examples.Count < MaxExamples)
                        examples.Add(MessageText.Format(BenchMessages.VerdictExample, MessageText.Count(c + 1), product.IndicatorCodes[i], a, b, f));
                    continue;
                }
                switch (b)
                {
                    case Verdict.Met: judged++; met++; break;
                    case Verdict.NotMet: judged++; break;
                    case Verdict.MissingData: missing++; break;
                    case Verdict.NotApplicable: notApplicable++; break;
                }
            }
        }
        return new VerdictComparison(differences == 0, (long)product.Communes * width, judged, met, missing, notApplicable, differences, examples);
    }
}

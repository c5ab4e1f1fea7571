using System.Text.RegularExpressions;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;

namespace NtmRules.Kernel.Evaluation;

/// <summary>How an indicator's value is computed from measures, as far as the generator needs to know.</summary>
public enum ShapeKind
{
    /// <summary><c>Ntm.Rate(m.a [+ m.b …], m.total)</c>: parts of a total.</summary>
    Rate,
    /// <summary><c>m.a / m.b</c>: an amount per unit.</summary>
    Ratio,
    /// <summary><c>m.a</c>: the measure is the value.</summary>
    Direct,
    /// <summary>Anything else: its measures get plain values of their type.</summary>
    Other,
}

/// <summary>
/// The shape of one indicator's <c>actual</c> expression, recognised from the workflow text, so
/// that generated figures are consistent (a part never exceeds its total) and land near the
/// threshold (verdicts vary from commune to commune).
/// </summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Kind">Recognised shape.</param>
/// <param name="Parts">Numerator measure keys (rate, ratio) or the value's key (direct).</param>
/// <param name="Total">Denominator measure key (rate, ratio).</param>
public sealed partial record IndicatorShape(Indicator Indicator, ShapeKind Kind, IReadOnlyList<string> Parts, string? Total)
{
    [GeneratedRegex(@"^\s*Ntm\.Rate\(\s*(?<parts>m\.[A-Za-z0-9]+(\s*\+\s*m\.[A-Za-z0-9]+)*)\s*,\s*m\.(?<total>[A-Za-z0-9]+)\s*\)\s*$")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^\s*m\.(?<part>[A-Za-z0-9]+)\s*/\s*m\.(?<total>[A-Za-z0-9]+)\s*$")]
    private static partial Regex RatioPattern();

    [GeneratedRegex(@"^\s*m\.(?<key>[A-Za-z0-9]+)\s*$")]
    private static partial Regex DirectPattern();

    /// <summary>
    /// One term of a sum of rates, <c>Ntm.Rate(m.a …, m.total …)</c>, as criterion 11 adds the poor and the
    /// near-poor rates over their own denominators: the part is the first measure of the numerator.
    /// </summary>
    [GeneratedRegex(@"Ntm\.Rate\(\s*(?:Math\.Max\(\s*0\s*,\s*)?m\.(?<part>[A-Za-z0-9]+)[^,]*,\s*m\.(?<total>[A-Za-z0-9]+)")]
    private static partial Regex RateTermPattern();

    /// <summary>The shapes of every indicator of <paramref name="compiled"/>, in the set's order.</summary>
    public static IReadOnlyList<IndicatorShape> Of(CompiledCriteriaSet compiled) => Of(compiled.Set);

    /// <summary>The shapes of every indicator of <paramref name="set"/>, in the set's order (drafting computes targets from them).</summary>
    public static IReadOnlyList<IndicatorShape> Of(CriteriaSet set)
    {
        var rules = set.SourceWorkflow().Rules.ToDictionary(r => r.RuleName, StringComparer.Ordinal);
        var measures = set.MeasuresByKey;
        return set.Indicators.Select(i =>
        {
            var actual = rules.TryGetValue(i.RuleName, out var rule)
                ? (rule.LocalParams ?? []).FirstOrDefault(p => p.Name == CompiledCriteriaSet.ActualParam)?.Expression
                : null;
            if (actual is null) return new IndicatorShape(i, ShapeKind.Other, [], null);
            // "split given ? Math.Min(rate by sex …) : total rate" (áp dụng đạt cho cả nam và nữ): the data is drawn as the total rate.
            if (actual.LastIndexOf(" : Ntm.Rate(", StringComparison.Ordinal) is var orElse and >= 0) actual = actual[(orElse + 3)..];
            if (RatePattern().Match(actual) is { Success: true } rate)
            {
                var parts = rate.Groups["parts"].Value.Split('+').Select(p => p.Trim()[2..]).ToArray();
                return new IndicatorShape(i, ShapeKind.Rate, parts, rate.Groups["total"].Value);
            }
            if (actual.TrimStart().StartsWith("Ntm.Rate(", StringComparison.Ordinal) && RateTermPattern().Matches(actual) is { Count: > 1 } terms)
            {
                // Generated as parts of the first denominator: the others are close to it in real data.
                return new IndicatorShape(i, ShapeKind.Rate, terms.Select(t => t.Groups["part"].Value).ToArray(), terms[0].Groups["total"].Value);
            }
            if (RatioPattern().Match(actual) is { Success: true } ratio)
                return new IndicatorShape(i, ShapeKind.Ratio, [ratio.Groups["part"].Value], ratio.Groups["total"].Value);
            if (DirectPattern().Match(actual) is { Success: true } direct && measures.ContainsKey(direct.Groups["key"].Value))
                return new IndicatorShape(i, ShapeKind.Direct, [direct.Groups["key"].Value], null);
            return new IndicatorShape(i, ShapeKind.Other, [], null);
        }).Select(s => s.Kind == ShapeKind.Other || s.Keys.All(k => measures.TryGetValue(k, out var m) && m.Type != MeasureType.Boolean)
            || (s.Kind == ShapeKind.Direct && measures[s.Parts[0]].Type == MeasureType.Boolean)
            ? s
            : s with { Kind = ShapeKind.Other, Parts = [], Total = null }).ToArray();
    }

    /// <summary>Every measure key the shape names.</summary>
    public IEnumerable<string> Keys => Total is null ? Parts : Parts.Append(Total);
}

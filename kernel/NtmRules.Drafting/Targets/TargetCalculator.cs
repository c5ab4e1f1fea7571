using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Drafting.Targets;

/// <summary>
/// How much must change for an unmet indicator to meet its threshold, in its own units, computed from
/// its rule's shape and the commune's figures. Rates (parts of a total): the numerator the current
/// total needs; ratios (an amount per unit): the amount; values: the value itself. Yes/no indicators
/// and rules of any other shape get no quantity: their action comes from the library.
/// </summary>
/// <param name="Text">"tăng số người tham gia bảo hiểm y tế thêm 318 người (từ 6.090 lên 6.408 người)".</param>
/// <param name="From">The figure now.</param>
/// <param name="To">The figure needed.</param>
/// <param name="Integral">Whether the figure counts whole things (yearly milestones are then rounded up).</param>
/// <param name="Label">What the figure is, lower-cased.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="IsIndicatorValue">The figure is the indicator's value itself (a rate entered as such), not a part of it.</param>
public sealed record ComputedTarget(string Text, double From, double To, bool Integral, string Label, string Unit, bool IsIndicatorValue)
{
    /// <summary>The figure to reach by a milestone <paramref name="share"/> (0–1] of the way: "số người … lên 6.200 người".</summary>
    public string Milestone(double share)
    {
        var raw = From + (To - From) * share;
        var value = Integral ? (To >= From ? Math.Ceiling(raw - 1e-9) : Math.Floor(raw + 1e-9)) : Math.Round(raw, 2);
        return $"{Label} {(To >= From ? "lên" : "xuống còn")} {TargetCalculator.Amount(value, Unit)}";
    }
}

/// <summary>Computes <see cref="ComputedTarget"/>s for one set.</summary>
public sealed class TargetCalculator
{
    private readonly IReadOnlyDictionary<string, IndicatorShape> _shapes;
    private readonly IReadOnlyDictionary<string, Measure> _measures;

    // One per set, built on first use: recognising the shapes parses every rule's text, which a
    // province's thousand drafts need not repeat.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CriteriaSet, TargetCalculator> BySet = new();

    /// <summary>The calculator of <paramref name="set"/>, shared by every draft of that set.</summary>
    public static TargetCalculator Of(CriteriaSet set) => BySet.GetValue(set, s => new TargetCalculator(s));

    private TargetCalculator(CriteriaSet set)
    {
        _shapes = IndicatorShape.Of(set).ToDictionary(s => s.Indicator.Code, StringComparer.Ordinal);
        _measures = set.MeasuresByKey;
    }

    /// <summary>The change <paramref name="r"/> needs, or null when it cannot be computed (yes/no, other shapes, no total).</summary>
    public ComputedTarget? For(IndicatorResult r)
    {
        if (r.Status != IndicatorStatus.ChuaDat || !Prose.IsNumeric(r) || !_shapes.TryGetValue(r.Indicator.Code, out var shape)) return null;
        var values = r.Inputs.Where(i => i.Value is { Kind: ScalarKind.Number }).ToDictionary(i => i.Measure.Key, i => i.Value!.Value.Number, StringComparer.Ordinal);
        if (!shape.Keys.All(values.ContainsKey)) return null;
        var limit = r.Threshold.Value.Number;
        var op = r.Threshold.Operator;
        var parts = shape.Parts.Select(k => _measures[k]).ToArray();
        var now = shape.Parts.Sum(k => values[k]);
        var integral = parts.All(m => m.Type == MeasureType.Integer);
        double needed;
        switch (shape.Kind)
        {
            case ShapeKind.Rate when values[shape.Total!] > 0:
                needed = limit * values[shape.Total!] / 100;
                break;
            case ShapeKind.Ratio when values[shape.Total!] > 0:
                needed = limit * values[shape.Total!];
                break;
            case ShapeKind.Direct:
                needed = limit;
                break;
            default:
                return null;
        }
        var to = Reach(needed, op, integral);
        if (to == now) return null;
        var label = parts.Length == 1 ? Prose.Label(parts[0]) : string.Join(" và ", parts.Select(Prose.Label));
        var unit = parts[0].Unit;
        return new ComputedTarget(Describe(label, unit, now, to, integral, parts.Length > 1), now, to, integral, label, unit, shape.Kind == ShapeKind.Direct);
    }

    /// <summary>The nearest figure that meets the threshold: whole things round towards meeting it, amounts to 0,01.</summary>
    private static double Reach(double needed, ComparisonOperator op, bool integral)
    {
        var step = integral ? 1 : 0.01;
        var scaled = needed / step;
        var n = op switch
        {
            ComparisonOperator.AtLeast => Math.Ceiling(scaled - 1e-9),
            ComparisonOperator.GreaterThan => Math.Floor(scaled + 1e-9) + 1,
            ComparisonOperator.AtMost => Math.Floor(scaled + 1e-9),
            ComparisonOperator.LessThan => Math.Ceiling(scaled - 1e-9) - 1,
            _ => scaled,
        };
        return Math.Round(Math.Max(0, n) * step, 2);
    }

    private static string Describe(string label, string unit, double now, double to, bool integral, bool sum)
    {
        var what = sum ? "tổng " + label : label;
        var change = integral ? Prose.Count(Math.Abs(to - now)) : VietnameseFormat.Number(Math.Abs(to - now));
        var changeText = unit == "%" ? change + "%" : change + (unit.Length > 0 ? " " + unit : "");
        if (unit == "%") return to > now ? $"nâng {what} từ {Amount(now, unit)} lên {Amount(to, unit)}" : $"giảm {what} từ {Amount(now, unit)} xuống còn {Amount(to, unit)}";
        var from = VietnameseFormat.Number(now);
        return to > now
            ? $"tăng {what} thêm {changeText} (từ {from} lên {Amount(to, unit)})"
            : $"giảm {what} ít nhất {changeText} (từ {from} xuống còn {Amount(to, unit)})";
    }

    /// <summary>A figure with its unit: "6.408 người", "2,3 km", "85%".</summary>
    internal static string Amount(double value, string unit) => VietnameseFormat.Value(Scalar.Of(value), unit);
}

using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Functions;
using NtmRules.Kernel.Testing;
using NtmRules.Kernel.Localization;
using NtmRules.Intake.Localization;

namespace NtmRules.Intake.Annex;

/// <summary>One generated test case: its file name and content.</summary>
/// <param name="FileName">Under <c>tests/</c>.</param>
/// <param name="Json">The case, format <c>ntm.plugin-test/1</c>.</param>
public sealed record GeneratedCase(string FileName, JObject Json);

/// <summary>
/// The test cases an imported plugin carries: for every indicator, every dated value and every figure
/// (general, each region's, each group's), a commune exactly at the figure and one a step beyond it on
/// the other side of the verdict, with the status the comparison gives. Only the indicator's own
/// measures are given (other indicators come out "thiếu số liệu" and are not expected). An indicator of
/// kind "biểu thức", or whose applicability is more than one yes/no measure, gets no generated case:
/// <see cref="Skipped"/> names it, and its author adds cases by hand.
/// </summary>
internal sealed partial class AnnexTestCases(AnnexContent content, string setId, IReadOnlyDictionary<string, Measure> measures, Func<DateOnly, bool> needsGroup)
{
    /// <summary>Indicators that got no generated case, by code, with why in the session's language.</summary>
    private readonly List<(string Code, string Why)> _skipped = [];

    /// <summary>Indicators that got no generated case, with why (printed to the user, so in the session's language).</summary>
    public IReadOnlyList<string> Skipped => _skipped.Select(s => s.Why).ToList();

    /// <summary>Every generated case, in indicator, date and column order.</summary>
    public IReadOnlyList<GeneratedCase> Build()
    {
        var cases = new List<GeneratedCase>();
        foreach (var a in content.Indicators)
        {
            if (a.Kind == IndicatorKind.Expression) { _skipped.Add((a.Indicator.Code, MessageText.Format(AnnexMessages.SkippedExpression, a.Indicator.Code))); continue; }
            var applicable = new JObject();
            if (a.Indicator.ApplicableWhen is { } when)
            {
                if (SingleMeasure().Match(when) is not { Success: true } m || !measures.TryGetValue(m.Groups[1].Value, out var flag) || flag.Type != MeasureType.Boolean)
                {
                    _skipped.Add((a.Indicator.Code, MessageText.Format(AnnexMessages.SkippedApplicability, a.Indicator.Code, when)));
                    continue;
                }
                applicable[flag.Key] = true;
            }
            foreach (var (value, column, figure, place) in Figures(a))
            {
                foreach (var (values, label) in Points(a, figure.Value))
                {
                    var data = (JObject)applicable.DeepClone();
                    foreach (var p in values.Properties()) data[p.Name] = p.Value;
                    cases.Add(Case(a, value, column, figure.Value, place, data, label));
                }
            }
        }
        return cases;
    }

    /// <summary>Every figure of the indicator that some commune reaches, with the region and group that reach it.</summary>
    public IEnumerable<(ThresholdValue Value, FigureColumn Column, ThresholdFigure Figure, (Region Region, CommuneGroup? Group) Place)> Figures(AnnexIndicator a) =>
        from value in a.Indicator.Threshold.Values
        from f in Figures(value)
        let place = Placement(value, f.Column, needsGroup(value.From))
        where place is not null
        select (value, f.Column, f.Figure, place.Value);

    /// <summary>Takes back the note that <paramref name="code"/> has no case, once cases were found for it.</summary>
    public void Unskip(string code) => _skipped.RemoveAll(s => s.Code == code);

    private static IEnumerable<(FigureColumn Column, ThresholdFigure Figure)> Figures(ThresholdValue v) =>
        AnnexLayout.FigureColumns.Select(c => (c, c switch
        {
            { Group: { } g } => v.ByGroup.GetValueOrDefault(g),
            { Region: { } r } => v.ByRegion.GetValueOrDefault(r),
            _ => v.General,
        })).Where(x => x.Item2 is not null).Select(x => (x.c, x.Item2!));

    /// <summary>A region and group for which <paramref name="column"/>'s figure applies; null when no commune reaches it.</summary>
    private static (Region Region, CommuneGroup? Group)? Placement(ThresholdValue v, FigureColumn column, bool groupNeeded)
    {
        if (column.Group is { } g) return (Region.DBSH, g);
        CommuneGroup? group = null;
        if (groupNeeded)
        {
            if (CommuneGroups.All.FirstOrDefault(x => !v.ByGroup.ContainsKey(x)) is var free && v.ByGroup.ContainsKey(free)) return null;
            group = free;
        }
        if (column.Region is { } r) return (r, group);
        return Regions.All.Where(x => !v.ByRegion.ContainsKey(x)).Select(x => ((Region, CommuneGroup?)?)(x, group)).FirstOrDefault();
    }

    /// <summary>Measure values at the figure and one step beyond it, each with its label; points outside a measure's range are left out.</summary>
    private IEnumerable<(JObject Values, string Label)> Points(AnnexIndicator a, Scalar t)
    {
        var op = a.Indicator.Threshold.Operator;
        if (a.Kind == IndicatorKind.YesNo)
        {
            yield return (new JObject { [a.Measures[0]] = t.Flag }, "đúng mức");
            yield return (new JObject { [a.Measures[0]] = !t.Flag }, "khác mức");
            yield break;
        }
        // The side of the figure where the verdict flips: below for ≥ and <, above for ≤, > and =.
        var direction = op is ComparisonOperator.AtLeast or ComparisonOperator.LessThan ? -1 : 1;
        if (a.Kind == IndicatorKind.Rate)
        {
            const double total = 100_000;
            var part = t.Number * total / 100;
            if (part != Math.Round(part, 6) || !Fits(a.Measures[1], total)) yield break;
            foreach (var (p, label) in new[] { (part, "đúng mức"), (part + direction, "sát mức") })
            {
                if (p >= 0 && p <= total && Fits(a.Measures[0], p)) yield return (new JObject { [a.Measures[0]] = AnnexPluginWriter.Number(p), [a.Measures[1]] = AnnexPluginWriter.Number(total) }, label);
            }
            yield break;
        }
        var m = measures[a.Measures[0]];
        var step = m.Type == MeasureType.Integer ? 1 : StepOf(t.Number);
        if (m.Type == MeasureType.Integer && t.Number != Math.Floor(t.Number)) yield break;
        foreach (var (x, label) in new[] { (t.Number, "đúng mức"), (Math.Round(t.Number + direction * step, 6), "sát mức") })
        {
            if (Fits(m.Key, x)) yield return (new JObject { [m.Key] = AnnexPluginWriter.Number(x) }, label);
        }
    }

    /// <summary>0,1 for a figure with at most one decimal, else one unit of its last decimal.</summary>
    private static double StepOf(double t)
    {
        for (var decimals = 1; decimals <= 6; decimals++)
        {
            var scaled = t * Math.Pow(10, decimals - 1);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-9) return Math.Pow(10, -decimals);
        }
        return 1e-6;
    }

    private bool Fits(string key, double x) => measures[key] is var m && x >= (m.Min ?? double.MinValue) && x <= (m.Max ?? double.MaxValue)
        && Math.Abs(x) <= (m.Type == MeasureType.Integer ? Measure.PlausibleCountLimit : Measure.PlausibleMagnitudeLimit);

    /// <summary>A case file: the commune, the indicator's expected status (computed by the comparison unless <paramref name="found"/> gives it).</summary>
    public GeneratedCase Case(AnnexIndicator a, ThresholdValue value, FigureColumn column, Scalar t, (Region Region, CommuneGroup? Group) place, JObject data, string label,
        IndicatorStatus? found = null)
    {
        var i = a.Indicator;
        var status = found ?? (Compare(Actual(a, data), i.Threshold.Operator, t) ? IndicatorStatus.Dat : IndicatorStatus.ChuaDat);
        var commune = Commune(i, value, place, data);
        var shown = t.Kind == ScalarKind.Boolean ? (t.Flag ? "có" : "không") : VietnameseFormat.Value(t, i.ValueUnit);
        var name = $"Chỉ tiêu {i.Code}, {column.Header}, mức từ {value.From:dd/MM/yyyy} ({i.Threshold.Operator.DisplaySymbol()} {shown}): {label} → {status.Label()}";
        var file = $"{Slug(i.Code)}-{value.From:yyyyMMdd}-{column.Slug}-{Slug(AnnexLayout.Fold(label))}.test.json";
        return new GeneratedCase(file, new JObject
        {
            ["format"] = PluginTestCaseReader.Format,
            ["name"] = name,
            ["set"] = setId,
            ["data"] = commune,
            ["expect"] = new JObject { [i.Code] = status.Code() },
        });
    }

    /// <summary>The commune data of a case: made-up name saying so, the region and group that reach the figure, the date it takes effect, the measures.</summary>
    public JObject Commune(Indicator i, ThresholdValue value, (Region Region, CommuneGroup? Group) place, JObject data)
    {
        var commune = new JObject
        {
            ["format"] = "ntm.commune-data/1",
            ["commune"] = new JObject { ["name"] = $"Xã kiểm thử chỉ tiêu {i.Code} (số liệu dựng để kiểm thử, không phải của một xã thật)" },
            ["region"] = place.Region.Code(),
        };
        if (place.Group is { } g) commune["communeGroup"] = (int)g;
        commune["year"] = value.From.Year;
        commune["assessmentDate"] = AnnexPluginWriter.Date(value.From);
        commune["measures"] = data;
        return commune;
    }

    /// <summary>The indicator's value for the point, computed as the rule computes it.</summary>
    private static Scalar Actual(AnnexIndicator a, JObject data) => a.Kind switch
    {
        IndicatorKind.YesNo => Scalar.Of((bool)data[a.Measures[0]]!),
        IndicatorKind.Rate => Scalar.Of(Ntm.Rate((double)data[a.Measures[0]]!, (double)data[a.Measures[1]]!)),
        _ => Scalar.Of((double)data[a.Measures[0]]!),
    };

    private static bool Compare(Scalar actual, ComparisonOperator op, Scalar t) => actual.Kind == ScalarKind.Boolean
        ? actual.Flag == t.Flag
        : op switch
        {
            ComparisonOperator.AtLeast => actual.Number >= t.Number,
            ComparisonOperator.AtMost => actual.Number <= t.Number,
            ComparisonOperator.GreaterThan => actual.Number > t.Number,
            ComparisonOperator.LessThan => actual.Number < t.Number,
            _ => actual.Number == t.Number,
        };

    private static string Slug(string code) => string.Concat(code.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).ToLowerInvariant();

    [GeneratedRegex(@"^\s*m\.([a-z][A-Za-z0-9]*)\s*$")]
    private static partial Regex SingleMeasure();
}

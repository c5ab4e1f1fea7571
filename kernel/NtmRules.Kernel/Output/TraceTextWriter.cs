using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Kernel.Output;

/// <summary>
/// The audit trace as an auditor who is not a programmer reads it, in the session's language (Vietnamese by
/// default): for each indicator the path, the verdict and why, the figures, the threshold and its legal source,
/// the rule as written and the value of each of its parameters; then the provenance. Names, units and quotes
/// taken from the set and the data stay as written there.
/// </summary>
public static class TraceTextWriter
{
    private static CultureInfo Language => CultureInfo.CurrentUICulture;

    /// <summary>Which figure applied: "mức riêng xã nhóm 2", "mức riêng vùng Bắc Trung Bộ" or "mức chung".</summary>
    internal static string LevelText(ResolvedThreshold t) =>
        t.Group is { } g ? MessageText.Format(OutputMessages.TraceLevelGroup, g.Name(Language))
        : t.Region is { } reg ? MessageText.Format(OutputMessages.TraceLevelRegion, reg.Name(Language))
        : OutputMessages.TraceLevelGeneral;

    /// <summary>Writes the trace of <paramref name="indicators"/>.</summary>
    public static void Write(EvaluationResult result, IEnumerable<IndicatorResult> indicators, Provenance provenance, TextWriter o)
    {
        WriteHeading(result, o);
        var criteria = result.Criteria.ToDictionary(c => c.Criterion.Number);
        foreach (var i in indicators)
        {
            var c = criteria[i.Indicator.CriterionNumber];
            o.WriteLine(MessageText.Format(OutputMessages.TraceCriterion, c.Criterion.Number, c.Criterion.Name, c.Status.Label(Language), i.Indicator.Code, i.Indicator.Name));
            o.WriteLine("  " + MessageText.Format(OutputMessages.TraceResult, i.Status.Label(Language).ToUpper(CultureInfo.InvariantCulture), OutcomeText(i.Outcome)));
            o.WriteLine("  " + MessageText.Format(OutputMessages.TraceWhy, Why(i)));
            WriteInputs(i, result.Data, o);
            WriteThreshold(i, result, o);
            WriteRuleSource(i, result.Set, o);
            o.WriteLine();
        }
        WriteProvenance(provenance, result.Data, o);
    }

    /// <summary>The commune, the set, the date and region that chose the thresholds, mergers and the period warning.</summary>
    private static void WriteHeading(EvaluationResult result, TextWriter o)
    {
        var data = result.Data;
        var province = data.Commune.Province is { } p ? MessageText.Format(OutputMessages.TraceProvince, p) : "";
        o.WriteLine(MessageText.Format(OutputMessages.TraceHeading, data.Commune.Name, province, data.Year));
        o.WriteLine(MessageText.Format(OutputMessages.TraceSet, result.Set.Name, result.Set.Id));
        o.WriteLine(MessageText.Format(OutputMessages.TraceDateAndRegion, MessageText.Date(result.EvaluationDate), data.ThresholdRegion.Name(Language))
                    + (data.SpecialDifficulty ? OutputMessages.TraceSpecialDifficulty : "")
                    + (data.Group is { } group ? MessageText.Format(OutputMessages.TraceGroup, group.Name(Language)) : ""));
        if (data.FormerUnits.Count > 0)
            o.WriteLine(MessageText.Format(OutputMessages.TraceMergedFrom, string.Join("; ", data.FormerUnits.Select(u => MessageText.Format(OutputMessages.TraceFormerUnit,
                u.Name, u.Code, u.District is { } d ? MessageText.Format(OutputMessages.TraceDistrict, d) : "", MessageText.Date(u.MergedOn))))));
        if (result.PeriodNoticeIn(Language) is { } notice) o.WriteLine(MessageText.Format(OutputMessages.TraceWarning, notice));
        o.WriteLine();
    }

    /// <summary>"Số liệu đã dùng": each measure's value (or the default, or why there is none) and its source.</summary>
    private static void WriteInputs(IndicatorResult i, CommuneData data, TextWriter o)
    {
        if (i.Inputs.Count == 0) return;
        o.WriteLine("  " + OutputMessages.TraceInputs);
        foreach (var r in i.Inputs)
        {
            var value = r.Value is { } v ? DisplayFormat.Value(v, r.Measure.Unit)
                : r.DefaultUsed is { } d ? MessageText.Format(OutputMessages.TraceDefaultUsed, DisplayFormat.Value(d, r.Measure.Unit))
                : r.Invalid ? OutputMessages.TraceInvalid : OutputMessages.TraceNoFigure;
            var source = data.Sources.TryGetValue(r.Measure.Key, out var s) ? MessageText.Format(OutputMessages.TraceSource, s) : "";
            o.WriteLine($"    {r.Measure.Label} [{r.Measure.Key}]: {value}{source}");
        }
    }

    /// <summary>The threshold applied, its provenance and legal basis, and where an inherited indicator comes from.</summary>
    private static void WriteThreshold(IndicatorResult i, EvaluationResult result, TextWriter o)
    {
        var ind = i.Indicator;
        var t = i.Threshold;
        o.WriteLine("  " + MessageText.Format(OutputMessages.TraceThreshold, DisplayFormat.Threshold(t, ind.ValueUnit), LevelText(t), MessageText.Date(t.Source.From)));
        o.WriteLine("  " + MessageText.Format(OutputMessages.TraceProvenance, t.Provenance.Describe(Language)));
        o.WriteLine("  " + MessageText.Format(OutputMessages.TraceCitation, t.Source.Citation.Text(Language)));
        o.WriteLine("  " + MessageText.Format(OutputMessages.TraceBasis, ind.ThresholdBasis(t, Language)));
        if (ind.Origin is { } origin)
        {
            var changed = origin.Changed.Count == 0 ? "" : MessageText.Format(OutputMessages.TraceChanged, string.Join(", ", origin.Changed));
            o.WriteLine("  " + (origin.Kind == IndicatorOriginKind.Added
                ? MessageText.Format(OutputMessages.TraceOriginAdded, origin.Kind.Label(Language), result.Set.Id)
                : MessageText.Format(OutputMessages.TraceOriginBase, origin.Kind.Label(Language), origin.BaseSetId, origin.BaseCode, changed)));
            if (origin.Replaced is { } replaced && EvaluationJsonWriter.ReplacedFigure(replaced.Threshold, result) is { } before)
            {
                o.WriteLine("  " + MessageText.Format(OutputMessages.TraceReplaced, DisplayFormat.Threshold(before, ind.ValueUnit), replaced.SetId, before.Provenance.State.Name(Language)));
            }
        }
        if (ind.ResponsibleOffice.Length > 0) o.WriteLine("  " + MessageText.Format(OutputMessages.TraceOffice, ind.ResponsibleOffice));
    }

    /// <summary>The rule that judged the indicator, the file it is in, and its steps.</summary>
    private static void WriteRuleSource(IndicatorResult i, CriteriaSet set, TextWriter o)
    {
        if (i.Rule is not { } rule) return;
        var where = i.Indicator.Origin is { } ro
            ? MessageText.Format(OutputMessages.TraceRuleFile, EvaluationJsonWriter.RuleFileOf(ro), ro.RulePlugin.Id)
            : Path.GetRelativePath(set.Plugin.Folder, set.WorkflowFile).Replace('\\', '/');
        o.WriteLine("  " + MessageText.Format(OutputMessages.TraceRule, rule.Name, where, set.Id));
        WriteRule(o, rule, "    ");
    }

    /// <summary>"Nguồn gốc": plugin, signatures, bases, versions, the data file and the time, to verify and reproduce.</summary>
    private static void WriteProvenance(Provenance provenance, CommuneData data, TextWriter o)
    {
        o.WriteLine(OutputMessages.TraceOrigins);
        o.WriteLine("  " + MessageText.Format(OutputMessages.TracePlugin, provenance.PluginId, provenance.PluginVersion, provenance.PluginContentSha256));
        o.WriteLine("  " + MessageText.Format(OutputMessages.TraceSignature, provenance.PluginSignature.LabelIn(Language)));
        foreach (var b in provenance.Bases)
        {
            o.WriteLine("  " + MessageText.Format(OutputMessages.TraceBase, b.SetId, b.Decision.Number, b.Plugin.Id, b.Plugin.Version, b.Plugin.ContentHash));
            o.WriteLine("    " + MessageText.Format(OutputMessages.TraceSignature, b.Plugin.Signature.LabelIn(Language)));
        }
        o.WriteLine($"  RulesEngine {provenance.RulesEngineVersion}; NtmRules.Kernel {provenance.KernelVersion}");
        o.WriteLine("  " + MessageText.Format(OutputMessages.TraceDataFile, data.File, provenance.DataSha256));
        o.WriteLine("  " + MessageText.Format(OutputMessages.TraceEvaluatedAt, provenance.EvaluatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)));
    }

    private static void WriteRule(TextWriter o, RuleTrace rule, string indent)
    {
        if (rule.Expression is not null) o.WriteLine(indent + MessageText.Format(OutputMessages.TraceExpression, rule.Expression));
        if (rule.Operator is not null) o.WriteLine(indent + MessageText.Format(OutputMessages.TraceOperator, rule.Operator));
        foreach (var p in rule.Params)
        {
            var expression = p.Name == CompiledCriteriaSet.ThresholdParam ? OutputMessages.TraceThresholdParam : p.Expression;
            var value = !rule.Evaluated ? OutputMessages.TraceNotComputed
                : p.Value is { } v ? v.Kind == ScalarKind.Boolean ? (v.Flag ? OutputMessages.TraceTrue : OutputMessages.TraceFalse) : MessageText.Number(v.Number, 4) : "—";
            o.WriteLine($"{indent}  {p.Name} = {expression}  →  {value}");
        }
        if (rule.Evaluated)
        {
            var verdict = rule.Error is not null ? MessageText.Format(OutputMessages.TraceEngineError, rule.Error)
                : rule.IsSuccess == true ? OutputMessages.TraceEngineSatisfied : OutputMessages.TraceEngineNotSatisfied;
            o.WriteLine($"{indent}RulesEngine: {verdict}");
        }
        foreach (var child in rule.Children)
        {
            o.WriteLine(indent + MessageText.Format(OutputMessages.TraceChild, child.Name));
            WriteRule(o, child, indent + "  ");
        }
    }

    private static string Why(IndicatorResult i)
    {
        var unit = i.Indicator.ValueUnit;
        var t = i.Threshold;
        switch (i.Outcome)
        {
            case Outcome.MissingData:
                return MessageText.Format(OutputMessages.WhyMissing, string.Join(", ", i.MissingMeasures));
            case Outcome.NotApplicable:
                return MessageText.Format(OutputMessages.WhyNotApplicable, i.Indicator.ApplicableWhen);
            case Outcome.ExpressionError:
                return MessageText.Format(OutputMessages.WhyRuleError, i.Error);
        }
        var actual = i.Actual is { } a ? DisplayFormat.Value(a, unit) : "?";
        var limit = DisplayFormat.Threshold(t, unit);
        if (t.Value.Kind == ScalarKind.Boolean)
            return MessageText.Format(OutputMessages.WhyRequired, i.Indicator.ValueLabel, actual, limit);
        var met = i.Outcome == Outcome.Met;
        var gapUnit = unit == "%" ? " " + OutputMessages.WhyPoints : unit.Length > 0 ? " " + unit : "";
        var gap = i.Actual is { } av && !met ? MessageText.Format(OutputMessages.WhyGap, MessageText.Number(Math.Abs(av.Number - t.Value.Number)) + gapUnit) : "";
        return $"{i.Indicator.ValueLabel} = {actual} {(met ? OutputMessages.WhyMeets : OutputMessages.WhyFails)} {limit}{gap}";
    }

    private static string OutcomeText(Outcome o) => o switch
    {
        Outcome.Met => OutputMessages.OutcomeMet,
        Outcome.FailedComparison => OutputMessages.OutcomeFailedComparison,
        Outcome.MissingData => OutputMessages.OutcomeMissingData,
        Outcome.NotApplicable => OutputMessages.OutcomeNotApplicable,
        Outcome.ExpressionError => OutputMessages.OutcomeExpressionError,
        _ => o.ToString(),
    };
}

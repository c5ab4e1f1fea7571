using System.Buffers;
using System.Globalization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Kernel.Output;

/// <summary>
/// Writes an evaluation as <c>ntm.evaluation/1</c> (schema: <c>docs/schemas/evaluation.schema.json</c>),
/// the machine contract of <c>ntm evaluate --format json</c>. Field order and number formatting are
/// fixed and no clock is read, so the same data and plugin give byte-identical output.
/// </summary>
public static class EvaluationJsonWriter
{
    /// <summary>The format tag.</summary>
    public const string Format = "ntm.evaluation/1";

    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/>, indented, with a final newline.</summary>
    public static void Write(EvaluationResult result, TextWriter output) => Write(result, new TextOutput(output), output.NewLine);

    /// <summary>Writes <paramref name="result"/> as UTF-8 bytes to <paramref name="output"/>, indented by lines ending in <c>\n</c>, with a final newline.</summary>
    public static void Write(EvaluationResult result, IBufferWriter<byte> output) => Write(result, output, "\n");

    private static void Write(EvaluationResult result, IBufferWriter<byte> output, string newLine)
    {
        using var w = new IndentedJsonWriter(output, newLine);
        w.WriteStartObject();
        w.WritePropertyName("format"); w.WriteValue(Format);
        WriteSet(w, result.Set);
        w.WritePropertyName("plugin"); WritePlugin(w, result.Set.Plugin);
        WriteCommune(w, result);
        WriteSummary(w, result.Summary);
        WriteCriteria(w, result);
        w.WritePropertyName("problems");
        w.WriteStartArray();
        foreach (var p in result.Problems) WriteProblem(w, p);
        w.WriteEndArray();
        w.WriteEndObject();
        w.EndDocument();
    }

    /// <summary><c>set</c>: identity, decision and amendments, effective period, the sets it extends.</summary>
    private static void WriteSet(IndentedJsonWriter w, CriteriaSet set)
    {
        w.WritePropertyName("set");
        w.WriteStartObject();
        Prop(w, "id", set.Id);
        Prop(w, "name", set.Name);
        Prop(w, "level", set.Level.Code());
        w.WritePropertyName("decision"); WriteDecision(w, set.Decision);
        w.WritePropertyName("amendedBy");
        w.WriteStartArray();
        foreach (var d in set.AmendedBy) WriteDecision(w, d);
        w.WriteEndArray();
        w.WritePropertyName("effective");
        w.WriteStartObject();
        Prop(w, "from", set.Effective.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Prop(w, "to", set.Effective.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WritePropertyName("extends");
        w.WriteStartArray();
        foreach (var b in set.Bases)
        {
            w.WriteStartObject();
            Prop(w, "setId", b.SetId);
            w.WritePropertyName("decision"); WriteDecision(w, b.Decision);
            w.WritePropertyName("plugin"); WritePlugin(w, b.Plugin);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>commune</c>, its region and group, the period warning, year, dates and the data file.</summary>
    private static void WriteCommune(IndentedJsonWriter w, EvaluationResult result)
    {
        var data = result.Data;
        w.WritePropertyName("commune");
        w.WriteStartObject();
        Prop(w, "name", data.Commune.Name);
        Prop(w, "code", data.Commune.Code);
        Prop(w, "district", data.Commune.District);
        Prop(w, "province", data.Commune.Province);
        WriteFormerUnits(w, data);
        w.WriteEndObject();
        Prop(w, "region", data.Region.Code());
        Prop(w, "thresholdRegion", data.ThresholdRegion.Code());
        // Written only when the data states it, so evaluations of sets without groups read as before.
        if (data.Group is { } group) Prop(w, "communeGroup", group.Code());
        WriteOutsidePeriod(w, result);
        w.WritePropertyName("specialDifficulty"); w.WriteValue(data.SpecialDifficulty);
        w.WritePropertyName("year"); w.WriteValue(data.Year);
        Prop(w, "evaluationDate", result.EvaluationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WritePropertyName("data");
        w.WriteStartObject();
        Prop(w, "file", data.File);
        Prop(w, "sha256", data.ContentSha256);
        w.WriteEndObject();
    }

    /// <summary><c>summary</c>: the counts and their sentence.</summary>
    private static void WriteSummary(IndentedJsonWriter w, EvaluationSummary s)
    {
        w.WritePropertyName("summary");
        w.WriteStartObject();
        Int(w, "criteriaMet", s.CriteriaMet);
        Int(w, "criteriaTotal", s.CriteriaTotal);
        Int(w, "indicatorsMet", s.IndicatorsMet);
        Int(w, "indicatorsTotal", s.IndicatorsTotal);
        Int(w, "indicatorsNotMet", s.IndicatorsNotMet);
        Int(w, "indicatorsMissingData", s.IndicatorsMissingData);
        Int(w, "indicatorsNotApplicable", s.IndicatorsNotApplicable);
        Prop(w, "text", s.ToString());
        w.WriteEndObject();
    }

    /// <summary><c>criteria</c>: each criterion with its status and its indicators.</summary>
    private static void WriteCriteria(IndentedJsonWriter w, EvaluationResult result)
    {
        w.WritePropertyName("criteria");
        w.WriteStartArray();
        foreach (var c in result.Criteria)
        {
            w.WriteStartObject();
            w.WritePropertyName("number"); w.WriteValue(c.Criterion.Number);
            Prop(w, "name", c.Criterion.Name);
            Prop(w, "status", c.Status.Code());
            Prop(w, "statusLabel", c.Status.Label());
            w.WritePropertyName("indicators");
            w.WriteStartArray();
            foreach (var i in c.Indicators)
            {
                w.WriteStartObject();
                WriteIndicatorFields(w, i, result);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void WriteIndicatorFields(IndentedJsonWriter w, IndicatorResult r, EvaluationResult result)
    {
        var i = r.Indicator;
        Prop(w, "code", i.Code);
        Prop(w, "name", i.Name);
        Prop(w, "status", r.Status.Code());
        Prop(w, "statusLabel", r.Status.Label());
        Prop(w, "outcome", OutcomeCode(r.Outcome));
        WriteActual(w, r);
        WriteInputs(w, r);
        WriteThreshold(w, r, result);
        w.WritePropertyName("rule");
        w.WriteStartObject();
        Prop(w, "workflow", result.Set.Id);
        Prop(w, "name", i.RuleName);
        w.WriteEndObject();
        var c = r.Threshold.Source.Citation;
        w.WritePropertyName("citation");
        w.WriteStartObject();
        Prop(w, "decision", c.Decision);
        Prop(w, "appendix", c.Appendix);
        Prop(w, "item", c.Item);
        Prop(w, "text", c.ToString());
        w.WriteEndObject();
        Prop(w, "responsibleOffice", i.ResponsibleOffice);
        WriteOrigin(w, i.Origin);
        Prop(w, "error", r.Error);
    }

    /// <summary><c>actual</c>: the indicator's value with its label and unit, or null.</summary>
    private static void WriteActual(IndentedJsonWriter w, IndicatorResult r)
    {
        w.WritePropertyName("actual");
        if (r.Actual is not { } a)
        {
            w.WriteNull();
            return;
        }
        w.WriteStartObject();
        w.WritePropertyName("value"); Scalar(w, a);
        Prop(w, "label", r.Indicator.ValueLabel);
        Prop(w, "unit", r.Indicator.ValueUnit);
        w.WriteEndObject();
    }

    /// <summary><c>inputs</c> (each measure read, its value, whether invalid, the default used) and <c>missingMeasures</c>.</summary>
    private static void WriteInputs(IndentedJsonWriter w, IndicatorResult r)
    {
        w.WritePropertyName("inputs");
        w.WriteStartArray();
        foreach (var input in r.Inputs)
        {
            w.WriteStartObject();
            Prop(w, "key", input.Measure.Key);
            Prop(w, "label", input.Measure.Label);
            Prop(w, "unit", input.Measure.Unit);
            w.WritePropertyName("value");
            if (input.Value is { } v) Scalar(w, v); else w.WriteNull();
            w.WritePropertyName("invalid"); w.WriteValue(input.Invalid);
            w.WritePropertyName("defaultUsed");
            if (input.DefaultUsed is { } du) Scalar(w, du); else w.WriteNull();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("missingMeasures");
        w.WriteStartArray();
        foreach (var m in r.MissingMeasures) w.WriteValue(m);
        w.WriteEndArray();
    }

    /// <summary><c>threshold</c>: the figure applied, its provenance and basis, and the base's figure it replaces.</summary>
    private static void WriteThreshold(IndentedJsonWriter w, IndicatorResult r, EvaluationResult result)
    {
        var i = r.Indicator;
        var t = r.Threshold;
        w.WritePropertyName("threshold");
        w.WriteStartObject();
        Prop(w, "operator", t.Operator.Symbol());
        w.WritePropertyName("value"); Scalar(w, t.Value);
        Prop(w, "unit", i.ValueUnit);
        Prop(w, "region", t.Region?.Code());
        if (t.Group is { } group) Prop(w, "group", group.Code());
        Prop(w, "from", t.Source.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteProvenance(w, t.Provenance);
        Prop(w, "basis", i.ThresholdBasis(t));
        w.WritePropertyName("replaces");
        if (i.Origin?.Replaced is { } replaced && ReplacedFigure(replaced.Threshold, result) is { } before)
            WriteReplaced(w, replaced.SetId, replaced.Decision, before);
        else w.WriteNull();
        w.WriteEndObject();
    }

    /// <summary>The base's figure for the same commune (region, group, date), so a reader sees what changed.</summary>
    private static void WriteReplaced(IndentedJsonWriter w, string setId, string decision, ResolvedThreshold before)
    {
        w.WriteStartObject();
        Prop(w, "setId", setId);
        Prop(w, "decision", decision);
        Prop(w, "operator", before.Operator.Symbol());
        w.WritePropertyName("value"); Scalar(w, before.Value);
        Prop(w, "region", before.Region?.Code());
        if (before.Group is { } beforeGroup) Prop(w, "group", beforeGroup.Code());
        Prop(w, "from", before.Source.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteProvenance(w, before.Provenance);
        Prop(w, "citation", before.Source.Citation.ToString());
        w.WriteEndObject();
    }

    /// <summary><c>origin</c>: where an inherited or changed indicator comes from, or null.</summary>
    private static void WriteOrigin(IndentedJsonWriter w, IndicatorOrigin? origin)
    {
        w.WritePropertyName("origin");
        if (origin is not { } o)
        {
            w.WriteNull();
            return;
        }
        w.WriteStartObject();
        Prop(w, "kind", o.Kind.Code());
        Prop(w, "label", o.Kind.Label());
        Prop(w, "baseSet", o.BaseSetId);
        Prop(w, "baseCode", o.BaseCode);
        w.WritePropertyName("changed");
        w.WriteStartArray();
        foreach (var field in o.Changed) w.WriteValue(field);
        w.WriteEndArray();
        Prop(w, "rulePlugin", o.RulePlugin.Id);
        Prop(w, "ruleFile", RuleFileOf(o));
        w.WriteEndObject();
    }

    /// <summary>
    /// The communes merged into this one (<c>formerUnits</c>: code, name, mergedOn, district), inside
    /// <c>commune</c>; written only when the data lists some, so other evaluations read as before.
    /// </summary>
    internal static void WriteFormerUnits(IndentedJsonWriter w, CommuneData data)
    {
        if (data.FormerUnits.Count == 0) return;
        w.WritePropertyName("formerUnits");
        w.WriteStartArray();
        foreach (var u in data.FormerUnits)
        {
            w.WriteStartObject();
            Prop(w, "code", u.Code);
            Prop(w, "name", u.Name);
            Prop(w, "mergedOn", u.MergedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (u.District is not null) Prop(w, "district", u.District);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The workflow file of an inherited or added indicator's rule, relative to its own plugin folder.</summary>
    /// <summary>The figure's provenance: state key, its Vietnamese word, and the document, location, quote or reason.</summary>
    /// <summary>
    /// <c>"outsidePeriod": { from, to, message }</c> when the evaluation date lies outside the set's
    /// period; nothing otherwise, so evaluations in force read as before.
    /// </summary>
    internal static void WriteOutsidePeriod(IndentedJsonWriter w, EvaluationResult result)
    {
        if (result.PeriodNotice is not { } notice) return;
        w.WritePropertyName("outsidePeriod");
        w.WriteStartObject();
        Prop(w, "from", result.Set.Effective.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Prop(w, "to", result.Set.Effective.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Prop(w, "message", notice);
        w.WriteEndObject();
    }

    /// <summary>
    /// A replaced base threshold as it would apply to the evaluated commune; null when the base keys
    /// it by group and the commune states none.
    /// </summary>
    internal static ResolvedThreshold? ReplacedFigure(Threshold replaced, EvaluationResult result) =>
        replaced.NeedsGroupOn(result.EvaluationDate) && result.Data.Group is null
            ? null
            : replaced.Resolve(result.EvaluationDate, result.Data.ThresholdRegion, result.Data.Group);

    internal static void WriteProvenance(IndentedJsonWriter w, ThresholdProvenance p)
    {
        w.WritePropertyName("provenance");
        w.WriteStartObject();
        Prop(w, "state", p.State.Key());
        Prop(w, "label", p.State.VietnameseName());
        Prop(w, "document", p.Document);
        Prop(w, "location", p.Location);
        Prop(w, "quote", p.Quote);
        Prop(w, "reason", p.Reason);
        w.WriteEndObject();
    }

    internal static string RuleFileOf(IndicatorOrigin o) => Path.GetRelativePath(o.RulePlugin.Folder, o.RuleFile).Replace('\\', '/');

    /// <summary>
    /// The set's workflow file relative to its plugin folder; for a set that extends another and
    /// has no workflow of its own, <c>&lt;base plugin id&gt;:&lt;path in that plugin&gt;</c>, so that no
    /// output depends on where plugin folders sit relative to each other.
    /// </summary>
    internal static string WorkflowFileOf(CriteriaSet set)
    {
        string Relative(PluginInfo p) => Path.GetRelativePath(p.Folder, set.WorkflowFile).Replace('\\', '/');
        if (set.WorkflowFile.StartsWith(set.Plugin.Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return Relative(set.Plugin);
        var owner = set.Bases.Select(b => b.Plugin).FirstOrDefault(p => set.WorkflowFile.StartsWith(p.Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        return owner is null ? Relative(set.Plugin) : $"{owner.Id}:{Relative(owner)}";
    }

    internal static void WriteDecision(IndentedJsonWriter w, LegalDecision d)
    {
        w.WriteStartObject();
        Prop(w, "number", d.Number);
        Prop(w, "date", d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Prop(w, "authority", d.Authority);
        Prop(w, "title", d.Title);
        w.WriteEndObject();
    }

    /// <summary>Writes a problem object; shared by every JSON output.</summary>
    internal static void WriteProblem(IndentedJsonWriter w, Problem p)
    {
        w.WriteStartObject();
        w.WritePropertyName("severity"); w.WriteValue(p.Severity == Severity.Error ? "error" : "warning");
        w.WritePropertyName("message"); w.WriteValue(p.Message);
        w.WritePropertyName("file"); w.WriteValue(p.File);
        w.WritePropertyName("line"); w.WriteValue(p.Line);
        w.WritePropertyName("column"); w.WriteValue(p.Column);
        w.WritePropertyName("field"); w.WriteValue(p.Field);
        w.WriteEndObject();
    }

    /// <summary>Machine code of an outcome, e.g. <c>failed-comparison</c>.</summary>
    public static string OutcomeCode(Outcome o) => o switch
    {
        Outcome.Met => "met",
        Outcome.FailedComparison => "failed-comparison",
        Outcome.MissingData => "missing-data",
        Outcome.NotApplicable => "not-applicable",
        Outcome.ExpressionError => "expression-error",
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

    internal static void Scalar(IndentedJsonWriter w, Scalar s)
    {
        if (s.Kind == ScalarKind.Boolean) w.WriteValue(s.Flag);
        else w.WriteNumber(s.Number);
    }

    /// <summary>A plugin as provenance needs it: id, version, content hash, and why its files were trusted.</summary>
    private static void WritePlugin(IndentedJsonWriter w, PluginInfo plugin)
    {
        w.WriteStartObject();
        Prop(w, "id", plugin.Id);
        Prop(w, "version", plugin.Version);
        Prop(w, "contentSha256", plugin.ContentHash);
        w.WritePropertyName("signature"); WriteSignature(w, plugin.Signature);
        w.WriteEndObject();
    }

    /// <summary>A plugin's signature status: always the same four fields, null where they do not apply.</summary>
    internal static void WriteSignature(IndentedJsonWriter w, PluginSignature signature)
    {
        w.WriteStartObject();
        Prop(w, "status", signature.Code);
        Prop(w, "keyName", signature.KeyName);
        Prop(w, "keyId", signature.KeyId);
        Prop(w, "reason", signature.Reason);
        w.WriteEndObject();
    }

    internal static void Prop(IndentedJsonWriter w, string name, string? value)
    {
        w.WritePropertyName(name);
        w.WriteValue(value);
    }

    private static void Int(IndentedJsonWriter w, string name, int value)
    {
        w.WritePropertyName(name);
        w.WriteValue(value);
    }
}

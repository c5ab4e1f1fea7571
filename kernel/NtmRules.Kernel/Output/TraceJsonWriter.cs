using System.Buffers;
using System.Globalization;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Kernel.Output;

/// <summary>
/// Writes the audit trace of an evaluation as <c>ntm.trace/1</c> (schema:
/// <c>docs/schemas/trace.schema.json</c>): for each indicator the result fields of
/// <c>ntm.evaluation/1</c> plus the path criterion → indicator → rule, and the rule tree with every
/// parameter's expression and value; and the provenance that makes it reproducible.
/// </summary>
public static class TraceJsonWriter
{
    /// <summary>The format tag.</summary>
    public const string Format = "ntm.trace/1";

    /// <summary>Writes the trace of <paramref name="indicators"/> (all, or the one asked) of <paramref name="result"/>.</summary>
    public static void Write(EvaluationResult result, IEnumerable<IndicatorResult> indicators, Provenance provenance, TextWriter output) =>
        Write(result, indicators, provenance, new TextOutput(output), output.NewLine);

    /// <summary>Writes the trace as UTF-8 bytes to <paramref name="output"/>, indented by lines ending in <c>\n</c>.</summary>
    public static void Write(EvaluationResult result, IEnumerable<IndicatorResult> indicators, Provenance provenance, IBufferWriter<byte> output) =>
        Write(result, indicators, provenance, output, "\n");

    private static void Write(EvaluationResult result, IEnumerable<IndicatorResult> indicators, Provenance provenance, IBufferWriter<byte> output, string newLine)
    {
        using var w = new IndentedJsonWriter(output, newLine);
        var set = result.Set;
        w.WriteStartObject();
        EvaluationJsonWriter.Prop(w, "format", Format);
        w.WritePropertyName("provenance");
        WriteProvenance(w, provenance);
        w.WritePropertyName("set");
        w.WriteStartObject();
        EvaluationJsonWriter.Prop(w, "id", set.Id);
        EvaluationJsonWriter.Prop(w, "name", set.Name);
        EvaluationJsonWriter.Prop(w, "workflowFile", EvaluationJsonWriter.WorkflowFileOf(set));
        EvaluationJsonWriter.Prop(w, "definitionFile", Path.GetRelativePath(set.Plugin.Folder, set.DefinitionFile).Replace('\\', '/'));
        w.WritePropertyName("decision");
        EvaluationJsonWriter.WriteDecision(w, set.Decision);
        w.WriteEndObject();
        w.WritePropertyName("commune");
        w.WriteStartObject();
        EvaluationJsonWriter.Prop(w, "name", result.Data.Commune.Name);
        EvaluationJsonWriter.Prop(w, "code", result.Data.Commune.Code);
        EvaluationJsonWriter.Prop(w, "district", result.Data.Commune.District);
        EvaluationJsonWriter.Prop(w, "province", result.Data.Commune.Province);
        EvaluationJsonWriter.WriteFormerUnits(w, result.Data);
        w.WriteEndObject();
        EvaluationJsonWriter.Prop(w, "region", result.Data.Region.Code());
        EvaluationJsonWriter.Prop(w, "thresholdRegion", result.Data.ThresholdRegion.Code());
        if (result.Data.Group is { } group) EvaluationJsonWriter.Prop(w, "communeGroup", group.Code());
        EvaluationJsonWriter.WriteOutsidePeriod(w, result);
        EvaluationJsonWriter.Prop(w, "evaluationDate", result.EvaluationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WritePropertyName("indicators");
        w.WriteStartArray();
        var criteria = result.Criteria.ToDictionary(c => c.Criterion.Number);
        foreach (var i in indicators)
        {
            w.WriteStartObject();
            var c = criteria[i.Indicator.CriterionNumber];
            w.WritePropertyName("criterion");
            w.WriteStartObject();
            w.WritePropertyName("number"); w.WriteValue(c.Criterion.Number);
            EvaluationJsonWriter.Prop(w, "name", c.Criterion.Name);
            EvaluationJsonWriter.Prop(w, "status", c.Status.Code());
            w.WriteEndObject();
            EvaluationJsonWriter.WriteIndicatorFields(w, i, result);
            w.WritePropertyName("ruleTrace");
            if (i.Rule is { } rule) WriteRule(w, rule); else w.WriteNull();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("problems");
        w.WriteStartArray();
        foreach (var p in result.Problems) EvaluationJsonWriter.WriteProblem(w, p);
        w.WriteEndArray();
        w.WriteEndObject();
        w.EndDocument();
    }

    /// <summary>Writes a provenance object.</summary>
    internal static void WriteProvenance(IndentedJsonWriter w, Provenance p)
    {
        w.WriteStartObject();
        EvaluationJsonWriter.Prop(w, "pluginId", p.PluginId);
        EvaluationJsonWriter.Prop(w, "pluginVersion", p.PluginVersion);
        EvaluationJsonWriter.Prop(w, "pluginContentSha256", p.PluginContentSha256);
        w.WritePropertyName("pluginSignature"); EvaluationJsonWriter.WriteSignature(w, p.PluginSignature);
        EvaluationJsonWriter.Prop(w, "setId", p.SetId);
        EvaluationJsonWriter.Prop(w, "rulesEngineVersion", p.RulesEngineVersion);
        EvaluationJsonWriter.Prop(w, "kernelVersion", p.KernelVersion);
        EvaluationJsonWriter.Prop(w, "dataSha256", p.DataSha256);
        EvaluationJsonWriter.Prop(w, "evaluatedAt", p.EvaluatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WritePropertyName("bases");
        w.WriteStartArray();
        foreach (var b in p.Bases)
        {
            w.WriteStartObject();
            EvaluationJsonWriter.Prop(w, "setId", b.SetId);
            EvaluationJsonWriter.Prop(w, "decision", b.Decision.Number);
            EvaluationJsonWriter.Prop(w, "pluginId", b.Plugin.Id);
            EvaluationJsonWriter.Prop(w, "pluginVersion", b.Plugin.Version);
            EvaluationJsonWriter.Prop(w, "pluginContentSha256", b.Plugin.ContentHash);
            w.WritePropertyName("pluginSignature"); EvaluationJsonWriter.WriteSignature(w, b.Plugin.Signature);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRule(IndentedJsonWriter w, RuleTrace r)
    {
        w.WriteStartObject();
        EvaluationJsonWriter.Prop(w, "name", r.Name);
        EvaluationJsonWriter.Prop(w, "expression", r.Expression);
        EvaluationJsonWriter.Prop(w, "operator", r.Operator);
        w.WritePropertyName("params");
        w.WriteStartArray();
        foreach (var p in r.Params)
        {
            w.WriteStartObject();
            EvaluationJsonWriter.Prop(w, "name", p.Name);
            EvaluationJsonWriter.Prop(w, "expression", p.Expression);
            w.WritePropertyName("providedByHost"); w.WriteValue(p.Name == CompiledCriteriaSet.ThresholdParam);
            w.WritePropertyName("value");
            if (p.Value is { } v) EvaluationJsonWriter.Scalar(w, v); else w.WriteNull();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("evaluated"); w.WriteValue(r.Evaluated);
        w.WritePropertyName("isSuccess"); w.WriteValue(r.IsSuccess);
        EvaluationJsonWriter.Prop(w, "error", r.Error);
        w.WritePropertyName("children");
        w.WriteStartArray();
        foreach (var c in r.Children) WriteRule(w, c);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

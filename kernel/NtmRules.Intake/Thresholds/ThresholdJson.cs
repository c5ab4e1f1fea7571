using System.Globalization;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Thresholds;

/// <summary>Writes thresholds as a criteria set file holds them (<c>docs/criteria-set-format.md</c>).</summary>
public static class ThresholdJson
{
    /// <summary><c>{ operator, values: [ … ] }</c>.</summary>
    public static JObject Threshold(Threshold t) => new()
    {
        ["operator"] = t.Operator.Symbol(),
        ["values"] = new JArray(t.Values.Select(Value)),
    };

    /// <summary>A dated value: a region figure sharing the general figure's provenance is written bare, otherwise with its own.</summary>
    public static JObject Value(ThresholdValue v)
    {
        var o = new JObject { ["from"] = v.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (v.General is { } general)
        {
            o["value"] = Scalar(general.Value);
            o["provenance"] = Provenance(general.Provenance);
        }
        JToken Figure(ThresholdFigure f) => f.Provenance == v.General?.Provenance
            ? Scalar(f.Value)
            : new JObject { ["value"] = Scalar(f.Value), ["provenance"] = Provenance(f.Provenance) };
        if (v.ByRegion.Count > 0) o["regions"] = new JObject(v.ByRegion.OrderBy(kv => kv.Key).Select(kv => new JProperty(kv.Key.Code(), Figure(kv.Value))));
        if (v.ByGroup.Count > 0) o["groups"] = new JObject(v.GroupFigures.Select(g => new JProperty(g.Group.Code(), Figure(g.Figure))));
        var c = new JObject { ["decision"] = v.Citation.Decision };
        if (!string.IsNullOrWhiteSpace(v.Citation.Appendix)) c["appendix"] = v.Citation.Appendix;
        if (!string.IsNullOrWhiteSpace(v.Citation.Item)) c["item"] = v.Citation.Item;
        o["citation"] = c;
        return o;
    }

    /// <summary><c>{ state, document, location, quote, reason }</c>, empty fields left out.</summary>
    public static JObject Provenance(ThresholdProvenance p)
    {
        var o = new JObject { ["state"] = p.State.Key() };
        foreach (var (name, text) in new[] { ("document", p.Document), ("location", p.Location), ("quote", p.Quote), ("reason", p.Reason) })
        {
            if (!string.IsNullOrWhiteSpace(text)) o[name] = text;
        }
        return o;
    }

    private static JToken Scalar(Scalar s) => s.Kind == ScalarKind.Boolean ? new JValue(s.Flag) : s.Number == Math.Floor(s.Number) && Math.Abs(s.Number) < 1e15 ? new JValue((long)s.Number) : new JValue(s.Number);
}

using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Localization;
using NtmRules.Records.Localization;

namespace NtmRules.Records;

/// <summary>A commune merged into the one compared, and the record of it set beside the merged commune's.</summary>
/// <param name="Unit">The former commune, as the merged commune's data lists it.</param>
/// <param name="Record">Its newest saved record from before the merger (or, lacking one, its newest), or null when none is saved.</param>
public sealed record Predecessor(FormerUnit Unit, EvaluationRecord? Record);

/// <summary>One criterion or indicator of the merged commune beside its predecessors.</summary>
/// <param name="Code">Criterion number or indicator code.</param>
/// <param name="Name">Name, from the merged commune's record (or a predecessor's, for an item only they have).</param>
/// <param name="Own">The merged commune's status and figure, or null when its set lacks the item.</param>
/// <param name="Predecessors">Each predecessor's standing, in the order of <see cref="PredecessorComparison.Predecessors"/>; null when it has no record or its set lacks the item.</param>
public sealed record LineageItem(string Code, string Name, StoredStanding? Own, IReadOnlyList<StoredStanding?> Predecessors);

/// <summary>
/// A merged commune's record beside the records of the communes merged into it (its data's
/// <c>formerUnits</c>), criterion by criterion and indicator by indicator, each predecessor's figures
/// shown. Works from the stored results alone, like <see cref="RecordComparison"/>.
/// </summary>
public sealed record PredecessorComparison(EvaluationRecord Merged, IReadOnlyList<Predecessor> Predecessors,
    IReadOnlyList<LineageItem> Criteria, IReadOnlyList<LineageItem> Indicators)
{
    /// <summary>The format tag of the JSON form.</summary>
    public const string Format = "ntm.predecessor-comparison/1";

    /// <summary>
    /// The predecessors of <paramref name="merged"/>: for each former unit, the newest record of its
    /// code evaluated before the merger (else its newest record), never the merged record itself.
    /// </summary>
    /// <param name="merged">The merged commune's record.</param>
    /// <param name="recordsOf">The saved records of a commune key (its code), as the store lists them.</param>
    public static IReadOnlyList<Predecessor> Find(EvaluationRecord merged, Func<string, IReadOnlyList<EvaluationRecord>> recordsOf) =>
        merged.FormerUnits().Select(unit =>
        {
            var records = recordsOf(unit.Code).Where(r => r.Id != merged.Id).OrderByDescending(r => r.Id).ToArray();
            var before = records.FirstOrDefault(r => r.Year < unit.MergedOn.Year || (r.Year == unit.MergedOn.Year && EvaluationDate(r) < unit.MergedOn));
            return new Predecessor(unit, before ?? records.FirstOrDefault());
        }).ToArray();

    /// <summary>Sets <paramref name="merged"/> beside <paramref name="predecessors"/>.</summary>
    public static PredecessorComparison Of(EvaluationRecord merged, IReadOnlyList<Predecessor> predecessors)
    {
        var main = JObject.Parse(merged.EvaluationJson);
        var others = predecessors.Select(p => p.Record is null ? null : JObject.Parse(p.Record.EvaluationJson)).ToArray();
        static Dictionary<string, JToken> CriteriaOf(JObject doc) =>
            doc["criteria"]!.ToDictionary(c => ((int)c["number"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var criteria = Line(CriteriaOf(main), others.Select(o => o is null ? null : CriteriaOf(o)).ToArray(), withFigure: false);
        var indicators = Line(StoredResult.Indicators(main), others.Select(o => o is null ? null : StoredResult.Indicators(o)).ToArray(), withFigure: true);
        return new PredecessorComparison(merged, predecessors, criteria, indicators);
    }

    private static LineageItem[] Line(Dictionary<string, JToken> merged, Dictionary<string, JToken>?[] predecessors, bool withFigure)
    {
        // The merged commune's items in its order, then any only a predecessor's set has.
        var codes = merged.Keys.Concat(predecessors.OfType<Dictionary<string, JToken>>().SelectMany(p => p.Keys)).Distinct(StringComparer.Ordinal);
        return codes.Select(code =>
        {
            merged.TryGetValue(code, out var own);
            var standings = predecessors.Select(p => p is not null && p.TryGetValue(code, out var x) ? StoredResult.Standing(x, withFigure) : null).ToArray();
            var name = (string)(own ?? predecessors.Select(p => p?.GetValueOrDefault(code)).First(x => x is not null))!["name"]!;
            return new LineageItem(code, name, own is null ? null : StoredResult.Standing(own, withFigure), standings);
        }).ToArray();
    }

    private static DateOnly EvaluationDate(EvaluationRecord r) =>
        (string?)JObject.Parse(r.EvaluationJson)["evaluationDate"] is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", out var date) ? date : new DateOnly(r.Year, 12, 31);

    /// <summary>Writes the comparison as <c>ntm.predecessor-comparison/1</c>, indented, followed by a newline.</summary>
    public void WriteJson(TextWriter output)
    {
        using (var w = new JsonTextWriter(output) { Formatting = Formatting.Indented, CloseOutput = false })
        {
            w.WriteStartObject();
            w.WritePropertyName("format"); w.WriteValue(Format);
            w.WritePropertyName("merged"); w.WriteValue(Merged.Id);
            w.WritePropertyName("predecessors");
            w.WriteStartArray();
            foreach (var p in Predecessors)
            {
                w.WriteStartObject();
                w.WritePropertyName("code"); w.WriteValue(p.Unit.Code);
                w.WritePropertyName("name"); w.WriteValue(p.Unit.Name);
                w.WritePropertyName("mergedOn"); w.WriteValue(p.Unit.MergedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                w.WritePropertyName("record"); w.WriteValue(p.Record?.Id);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            foreach (var (name, items) in new[] { ("criteria", Criteria), ("indicators", Indicators) })
            {
                w.WritePropertyName(name);
                w.WriteStartArray();
                foreach (var i in items) WriteItem(w, i);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.Flush();
        }
        output.WriteLine();
    }

    private static void WriteItem(JsonWriter w, LineageItem i)
    {
        w.WriteStartObject();
        w.WritePropertyName("code"); w.WriteValue(i.Code);
        w.WritePropertyName("name"); w.WriteValue(i.Name);
        // The JSON keeps the Vietnamese labels and numbers it always gave, whatever the session's language.
        w.WritePropertyName("status"); w.WriteValue(i.Own?.StatusIn(MessageText.Vietnamese));
        w.WritePropertyName("figure"); w.WriteValue(i.Own?.FigureIn(MessageText.Vietnamese));
        w.WritePropertyName("predecessors");
        w.WriteStartArray();
        foreach (var s in i.Predecessors)
        {
            w.WriteStartObject();
            w.WritePropertyName("status"); w.WriteValue(s?.StatusIn(MessageText.Vietnamese));
            w.WritePropertyName("figure"); w.WriteValue(s?.FigureIn(MessageText.Vietnamese));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The comparison in the session's language, as <c>ntm compare --predecessors</c> prints it.</summary>
    public void WriteText(TextWriter o)
    {
        var language = CultureInfo.CurrentUICulture;
        o.WriteLine(MessageText.Format(RecordMessages.LineageHeading, Merged.CommuneName, Merged.Id, Merged.Year, Merged.SetId, Merged.SummaryIn(language)));
        for (var n = 0; n < Predecessors.Count; n++)
        {
            var p = Predecessors[n];
            var record = p.Record is { } r ? MessageText.Format(RecordMessages.LineageRecord, r.Id, r.Year, r.SetId, r.SummaryIn(language)) : RecordMessages.LineageNoRecord;
            o.WriteLine($"  [{n + 1}] " + MessageText.Format(RecordMessages.LineageUnit, p.Unit.Name, p.Unit.Code, MessageText.Date(p.Unit.MergedOn), record));
        }
        foreach (var (kind, items) in new[] { (RecordMessages.KindCriteria, Criteria), (RecordMessages.KindIndicators, Indicators) })
        {
            o.WriteLine();
            o.WriteLine($"{kind}:");
            foreach (var i in items)
            {
                o.WriteLine($"  {i.Code}. {i.Name}");
                o.WriteLine("      " + MessageText.Format(RecordMessages.LineageCommune, Merged.CommuneName, Standing(i.Own, language)));
                for (var n = 0; n < i.Predecessors.Count; n++)
                    o.WriteLine($"      [{n + 1}] " + MessageText.Format(RecordMessages.LineageCommune, Predecessors[n].Unit.Name, Standing(i.Predecessors[n], language)));
            }
        }
    }

    private static string Standing(StoredStanding? s, CultureInfo language) =>
        s is null ? "—" : s.FigureIn(language) is { } figure ? $"{s.StatusIn(language)}, {figure}" : s.StatusIn(language);
}

using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Intake.Thresholds;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;

namespace NtmRules.Intake.Annex;

/// <summary>
/// Writes the data-only plugin of an annex: <c>plugin.json</c>, the set file, its RulesEngine workflow
/// (one rule per indicator: <c>actual</c> and <c>actual OP threshold</c>) and, when a schemas folder is
/// given, the JSON Schemas the files name in <c>$schema</c>. A set that extends another lists only what
/// the annex states: indicators the base has are overridden whole (their rule replaced), the others added.
/// </summary>
internal sealed class AnnexPluginWriter(AnnexContent content, PluginId pluginId, CriteriaSet? baseSet, string? schemas)
{
    /// <summary>The schema files copied into the plugin when a schemas folder is given.</summary>
    public static readonly string[] SchemaNames = ["plugin-manifest", "criteria-set", "workflow", "plugin-test", "commune-data"];

    /// <summary>The set's last id word: the base set's, else the level code.</summary>
    public string ShortName => baseSet is null ? content.Info.Level.Code() : baseSet.Id[(baseSet.Id.LastIndexOf('.') + 1)..];

    /// <summary>The new set's id.</summary>
    public string SetId => pluginId.SetId(ShortName);

    /// <summary>Writes the manifest, set, workflow and schemas into <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        var manifest = new PluginManifest(pluginId.Value, content.Info.Name, "1.0.0", content.Info.Decision.Authority, [$"sets/{ShortName}.json"]).ToJson();
        var set = baseSet is null ? StandaloneSet() : ExtendingSet(baseSet);
        var workflow = new JObject { ["WorkflowName"] = SetId, ["Rules"] = new JArray(content.Indicators.Select(Rule)) };
        if (schemas is not null)
        {
            foreach (var name in SchemaNames) File.Copy(Path.Combine(schemas, name + ".schema.json"), Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "schemas")).FullName, name + ".schema.json"));
            manifest.AddFirst(new JProperty("$schema", "schemas/plugin-manifest.schema.json"));
            set.AddFirst(new JProperty("$schema", "../schemas/criteria-set.schema.json"));
            workflow.AddFirst(new JProperty("$schema", "../schemas/workflow.schema.json"));
        }
        WriteJson(Path.Combine(folder, PluginManifest.FileName), manifest);
        WriteJson(Path.Combine(folder, "sets", ShortName + ".json"), set);
        WriteJson(Path.Combine(folder, "rules", ShortName + ".json"), workflow);
    }

    private JObject Header()
    {
        var i = content.Info;
        var effective = new JObject { ["from"] = Date(i.Effective.From) };
        if (i.Effective.To is { } to) effective["to"] = Date(to);
        return new JObject
        {
            ["id"] = SetId,
            ["name"] = i.Name,
            ["level"] = i.Level.Code(),
            ["decision"] = new JObject { ["number"] = i.Decision.Number, ["date"] = Date(i.Decision.Date), ["authority"] = i.Decision.Authority, ["title"] = i.Decision.Title },
            ["effective"] = effective,
            ["legalBases"] = new JArray(i.LegalBases),
            ["workflow"] = $"rules/{ShortName}.json",
        };
    }

    private JObject StandaloneSet()
    {
        var set = Header();
        set["measures"] = new JArray(content.Measures.Select(MeasureJson));
        set["criteria"] = new JArray(content.Criteria.Select(c => new JObject
        {
            ["number"] = c.Number,
            ["name"] = c.Name,
            ["indicators"] = new JArray(c.Indicators.Select(IndicatorJson)),
        }));
        return set;
    }

    private JObject ExtendingSet(CriteriaSet b)
    {
        var set = new JObject
        {
            ["id"] = SetId,
            ["extends"] = new JObject
            {
                ["set"] = b.Id,
                ["inheritedValues"] = "assumed",
                ["reason"] = $"Các chỉ tiêu không có trong bảng phụ lục giữ mức của bộ {b.Id}; chưa đối chiếu với Quyết định số {content.Info.Decision.Number}.",
            },
        };
        foreach (var p in Header().Properties().Where(p => p.Name != "id")) set[p.Name] = p.Value;
        if (content.Measures.Count > 0) set["measures"] = new JArray(content.Measures.Select(MeasureJson));
        var baseCodes = b.Indicators.Select(x => x.Code).ToHashSet(StringComparer.Ordinal);
        var overrides = new JObject();
        foreach (var a in content.Indicators.Where(x => baseCodes.Contains(x.Indicator.Code)))
        {
            var o = IndicatorJson(a.Indicator);
            o.Remove("code");
            overrides[a.Indicator.Code] = o;
        }
        if (overrides.Count > 0) set["override"] = overrides;
        var criteria = new JArray();
        foreach (var c in content.Criteria)
        {
            var added = c.Indicators.Where(x => !baseCodes.Contains(x.Code)).Select(IndicatorJson).ToArray();
            var own = b.Criteria.FirstOrDefault(x => x.Number == c.Number);
            if (own is null) criteria.Add(new JObject { ["number"] = c.Number, ["name"] = c.Name, ["indicators"] = new JArray(added) });
            else if (added.Length > 0 || own.Name != c.Name)
            {
                var entry = new JObject { ["number"] = c.Number, ["name"] = c.Name };
                if (added.Length > 0) entry["add"] = new JArray(added);
                criteria.Add(entry);
            }
        }
        if (criteria.Count > 0) set["criteria"] = criteria;
        return set;
    }

    /// <summary>The rule of an indicator; in an extending set it bears the base rule's name, so it replaces it.</summary>
    private JObject Rule(AnnexIndicator a)
    {
        var name = baseSet?.Indicators.FirstOrDefault(x => x.Code == a.Indicator.Code)?.RuleName ?? a.Indicator.Code;
        return new JObject
        {
            ["RuleName"] = name,
            ["LocalParams"] = new JArray(new JObject { ["Name"] = "actual", ["Expression"] = a.Actual }),
            ["Expression"] = a.RuleExpression,
        };
    }

    private static JObject IndicatorJson(Indicator i)
    {
        var o = new JObject
        {
            ["code"] = i.Code,
            ["name"] = i.Name,
            ["value"] = new JObject { ["label"] = i.ValueLabel, ["unit"] = i.ValueUnit },
        };
        if (!string.IsNullOrWhiteSpace(i.ResponsibleOffice)) o["responsibleOffice"] = i.ResponsibleOffice;
        if (i.ApplicableWhen is { } when) o["applicableWhen"] = when;
        o["threshold"] = ThresholdJson.Threshold(i.Threshold);
        return o;
    }

    private static JObject MeasureJson(Measure m)
    {
        var o = new JObject { ["key"] = m.Key, ["label"] = m.Label };
        if (m.Unit.Length > 0) o["unit"] = m.Unit;
        o["type"] = m.Type.Key();
        if (m.Min is { } min) o["min"] = Number(min);
        if (m.Max is { } max) o["max"] = Number(max);
        if (m.AtMost is { } whole) o["atMost"] = whole;
        if (m.DisjointParts.Count > 0) o["disjointWith"] = new JArray(m.DisjointParts);
        if (m.Default is { } d) o["default"] = Number(d);
        return o;
    }

    internal static JValue Number(double d) => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? new JValue((long)d) : new JValue(d);

    internal static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static void WriteJson(string path, JObject o)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringWriter { NewLine = "\n" };
        using (var w = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2 }) o.WriteTo(w);
        File.WriteAllText(path, text + "\n", new UTF8Encoding(false));
    }
}

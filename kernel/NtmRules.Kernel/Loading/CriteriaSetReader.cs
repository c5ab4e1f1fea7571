using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Reads a criteria-set file (format: <c>docs/criteria-set-format.md</c>) and its workflow into
/// the domain model, checking the set's invariants and listing every problem with its position.
/// </summary>
internal static partial class CriteriaSetReader
{
    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex MeasureKeyPattern();

    /// <summary>Reads the set at <paramref name="setPath"/>; returns null when it has errors (added to <paramref name="problems"/>).</summary>
    /// <param name="setPath">The set file.</param>
    /// <param name="plugin">The plugin that ships it.</param>
    /// <param name="problems">Where problems are added.</param>
    /// <param name="findBase">
    /// For a set that <c>extends</c> another: finds the base set, already read and resolved, by id
    /// (null when it is not available). Without it, a set that extends another is an error.
    /// </param>
    /// <param name="whyMissing">Says why a base set <paramref name="findBase"/> cannot give is missing (not installed, refused, a cycle).</param>
    /// <param name="partial">
    /// When given and the set has errors, receives a best-effort set of what did read cleanly
    /// (measures, indicators, workflow), so that its rules can still be checked and every problem
    /// reported in one pass. Never registered or evaluated.
    /// </param>
    public static SetSource? Read(string setPath, PluginInfo plugin, List<Problem> problems, Func<string, SetSource?>? findBase = null,
        Func<string, string>? whyMissing = null, List<SetSource>? partial = null)
    {
        var before = problems.Count(p => p.Severity == Severity.Error);
        var start = problems.Count;
        var token = JsonDocumentReader.Load(setPath, setPath, problems);
        if (token is null) return null;
        var f = new JsonFields(setPath, problems);
        var root = f.Object(token, LoadingMessages.WhatCriteriaSetFile);
        if (root is null) return null;
        // The schema states the file's structure; its problems join the reader's at the end, where no reader's problem already stands at the same place.
        var fromSchema = FormatSchemas.Validate(FormatSchema.CriteriaSet, root, setPath);

        var id = f.String(root, "id");
        if (id is not null && !PluginId.IsValidSetId(id)) f.Error(JsonFields.Get(root, "id"), MessageText.Format(LoadingMessages.SetIdForm, id));
        if (id is not null && plugin.Id.Length > 0 && !id.StartsWith(plugin.Id + ".", StringComparison.Ordinal)) f.Error(JsonFields.Get(root, "id"), MessageText.Format(LoadingMessages.SetIdPrefix, id, plugin.Id));
        var name = f.String(root, "name");
        var levelText = f.String(root, "level");
        Level level = default;
        if (levelText is not null && !Levels.TryParse(levelText, out level))
            f.Error(JsonFields.Get(root, "level"), MessageText.Format(LoadingMessages.UnknownLevel, levelText, string.Join(", ", Levels.Codes)));
        var decision = ReadDecision(JsonFields.Get(root, "decision"), f, "decision", root);
        var amended = ReadAmendments(root, f);
        var effective = ReadEffective(root, f);
        var legalBases = ReadLegalBases(root, f);

        if (JsonFields.Get(root, "extends") is { } extendsToken)
        {
            var header = new SetInheritance.Header(id, name, levelText is null ? null : level, decision, amended, effective, legalBases);
            var extended = SetInheritance.Read(root, extendsToken, header, f, plugin, setPath, findBase, before, whyMissing, partial);
            return FormatSchemas.Merge(fromSchema, problems, setPath, start) ? null : extended;
        }

        var locations = new SourceLocations();
        var measures = ReadMeasures(f.Array(root, "measures"), f);
        var criteria = ReadCriteria(f.Array(root, "criteria"), f, locations);

        var workflowRel = f.String(root, "workflow");
        var (workflow, workflowPath) = ReadWorkflow(root, workflowRel, f, plugin, id);

        CheckUnique(measures, criteria, f, setPath, locations);
        // Matching rules to indicators only makes sense once the indicators themselves read cleanly.
        if (workflow is not null && problems.Count(p => p.Severity == Severity.Error) == before)
            CheckRulesMatchIndicators(workflow, criteria, problems, setPath, workflowRel, workflowPath, locations);

        FormatSchemas.Merge(fromSchema, problems, setPath, start);
        if (problems.Count(p => p.Severity == Severity.Error) > before
            || id is null || name is null || decision is null || effective is null || workflow is null)
        {
            if (partial is not null && workflow is not null && measures.Count > 0 && criteria.Count > 0)
                partial.Add(BestEffort(id, Items(measures), Items(criteria), workflow, plugin, setPath, workflowPath, locations));
            return null;
        }
        return new SetSource(id, name, level, decision, amended, effective, legalBases,
            Items(measures), Items(criteria), workflow, plugin, setPath, workflowPath, locations);
    }

    /// <summary><c>amendedBy</c>: the decisions that amended the set's own.</summary>
    private static List<LegalDecision> ReadAmendments(JObject root, JsonFields f)
    {
        var amended = new List<LegalDecision>();
        if (f.Array(root, "amendedBy", required: false) is not { } am) return amended;
        foreach (var a in am)
        {
            if (ReadDecision(a, f, "amendedBy[]") is { } d) amended.Add(d);
        }
        return amended;
    }

    /// <summary><c>effective</c>: from and (optionally) to, in order; null with the problem said otherwise.</summary>
    private static EffectivePeriod? ReadEffective(JObject root, JsonFields f)
    {
        if (JsonFields.Get(root, "effective") is not { } eff || f.Object(eff, "'effective'") is not { } effObj)
        {
            f.Missing(root, "effective");
            return null;
        }
        var from = f.Date(effObj, "from");
        var to = f.Date(effObj, "to", required: false);
        if (from is not { } fr) return null;
        if (to is { } t && t < fr)
        {
            f.Error(eff, LoadingMessages.EffectiveOrder);
            return null;
        }
        return new EffectivePeriod(fr, to);
    }

    /// <summary><c>legalBases</c>: the texts the set rests on, in Unicode composed form.</summary>
    private static List<string> ReadLegalBases(JObject root, JsonFields f)
    {
        var legalBases = new List<string>();
        if (f.Array(root, "legalBases", required: false) is not { } lb) return legalBases;
        foreach (var b in lb)
        {
            if (b.Type == JTokenType.String) legalBases.Add(((string)b!).Normalize(System.Text.NormalizationForm.FormC));
            else f.Error(b, LoadingMessages.LegalBasesStrings);
        }
        return legalBases;
    }

    /// <summary>Cross-checks that need the whole file: measure keys, criterion numbers and indicator codes each once; measure relations.</summary>
    private static void CheckUnique(List<(Measure Measure, JToken At)> measures, List<(Criterion Criterion, JToken At)> criteria, JsonFields f, string setPath,
        SourceLocations locations)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (m, at) in measures)
        {
            if (!keys.Add(m.Key)) f.Error(at, MessageText.Format(LoadingMessages.MeasureKeyTwice, m.Key));
        }
        CheckRelations(measures, Items(measures), f);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<int>();
        foreach (var (c, at) in criteria)
        {
            if (!numbers.Add(c.Number)) f.Error(JsonFields.Get((JObject)at, "number") ?? at, MessageText.Format(LoadingMessages.CriterionNumberTwice, c.Number));
            foreach (var i in c.Indicators)
            {
                if (!codes.Add(i.Code)) f.Problems.Add(locations.At(i, "code", setPath, MessageText.Format(LoadingMessages.IndicatorCodeTwice, i.Code, c.Number)));
            }
        }
    }

    /// <summary>Every indicator has one rule named by its code, and every rule evaluates an indicator.</summary>
    private static void CheckRulesMatchIndicators(RulesEngine.Models.Workflow workflow, List<(Criterion Criterion, JToken At)> criteria, List<Problem> problems,
        string setPath, string? workflowRel, string workflowPath, SourceLocations locations)
    {
        var ruleNames = workflow.Rules.Select(r => r.RuleName).Where(n => n is not null).ToList();
        foreach (var dup in workflow.Rules.Where(r => r.RuleName is not null).GroupBy(r => r.RuleName).Where(g => g.Count() > 1))
            problems.Add(locations.At(dup.Last(), "RuleName", workflowPath, MessageText.Format(LoadingMessages.RuleDefinedTwice, dup.Key, dup.Count())));
        var indicatorRules = Items(criteria).SelectMany(c => c.Indicators).Select(i => i.RuleName).ToHashSet(StringComparer.Ordinal);
        foreach (var (c, _) in criteria)
        {
            foreach (var i in c.Indicators.Where(i => !ruleNames.Contains(i.RuleName)))
                problems.Add(locations.At(i, "code", setPath, MessageText.Format(LoadingMessages.IndicatorWithoutRule, i.Code, i.RuleName, workflowRel)));
        }
        foreach (var r in workflow.Rules.Where(r => r.RuleName is not null && !indicatorRules.Contains(r.RuleName)))
            problems.Add(locations.At(r, "RuleName", workflowPath, MessageText.Format(LoadingMessages.RuleWithoutIndicator, r.RuleName)));
    }

    /// <summary>The items of <paramref name="pairs"/> without their places in the file, in order.</summary>
    private static T[] Items<T>(List<(T Item, JToken At)> pairs)
    {
        // A loop, not Select: LINQ over these tuples is JIT-compiled on every cold start (a ReadyToRun build cannot carry it).
        var items = new T[pairs.Count];
        for (var i = 0; i < items.Length; i++) items[i] = pairs[i].Item;
        return items;
    }

    /// <summary>Stands for a decision a broken set file does not give, in a best-effort set only.</summary>
    internal static readonly LegalDecision PlaceholderDecision = new("?", DateOnly.MinValue, "?", "?");

    /// <summary>A set made of the parts of a broken set file that read cleanly, with duplicates dropped: only for checking its rules.</summary>
    internal static SetSource BestEffort(string? id, IEnumerable<Measure> measures, IEnumerable<Criterion> criteria, RulesEngine.Models.Workflow workflow,
        PluginInfo plugin, string setPath, string workflowPath, SourceLocations locations)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var flat = criteria.Select(c => c with { Indicators = c.Indicators.Where(i => codes.Add(i.Code) && rules.Add(i.RuleName)).ToArray() })
            .Where(c => c.Indicators.Count > 0).ToArray();
        var ruleNames = new HashSet<string>(StringComparer.Ordinal);
        var wf = new RulesEngine.Models.Workflow
        {
            WorkflowName = workflow.WorkflowName,
            GlobalParams = workflow.GlobalParams,
            Rules = workflow.Rules.Where(r => r.RuleName is not null && ruleNames.Add(r.RuleName)).ToList(),
        };
        return new SetSource(id ?? "?", "?", default, PlaceholderDecision, [], new EffectivePeriod(DateOnly.MinValue, null), [],
            measures.DistinctBy(m => m.Key, StringComparer.Ordinal).ToArray(), flat, wf, plugin, setPath, workflowPath, locations);
    }

    /// <summary>Reads the workflow file a set names (relative to its plugin folder) and checks its name.</summary>
    internal static (RulesEngine.Models.Workflow? Workflow, string Path) ReadWorkflow(JObject root, string? workflowRel, JsonFields f, PluginInfo plugin, string? id)
    {
        RulesEngine.Models.Workflow? workflow = null;
        string workflowPath = "";
        if (workflowRel is not null)
        {
            workflowPath = Path.GetFullPath(Path.Combine(plugin.Folder, workflowRel));
            if (!workflowPath.StartsWith(Path.GetFullPath(plugin.Folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                f.Error(JsonFields.Get(root, "workflow"), LoadingMessages.WorkflowOutsidePlugin);
            else if (!File.Exists(workflowPath))
                f.Error(JsonFields.Get(root, "workflow"), MessageText.Format(LoadingMessages.WorkflowMissing, workflowRel));
            else
            {
                var start = f.Problems.Count;
                if (JsonDocumentReader.Load(workflowPath, workflowPath, f.Problems) is { } wfToken)
                {
                    workflow = WorkflowReader.Read(wfToken, new JsonFields(workflowPath, f.Problems));
                    if (workflow is not null && id is not null && workflow.WorkflowName != id)
                        f.Problems.Add(JsonDocumentReader.At(JsonFields.Get((JObject)wfToken, "WorkflowName"), workflowPath, MessageText.Format(LoadingMessages.WorkflowNameMismatch, workflow.WorkflowName, id)));
                    FormatSchemas.Merge(FormatSchemas.Validate(FormatSchema.Workflow, wfToken, workflowPath), f.Problems, workflowPath, start);
                }
            }
        }
        return (workflow, workflowPath);
    }

    internal static LegalDecision? ReadDecision(JToken? token, JsonFields f, string what, JObject? parent = null)
    {
        if (token is null)
        {
            if (parent is not null) f.Missing(parent, what);
            else f.Error(null, MessageText.Format(LoadingMessages.MissingField, what));
            return null;
        }
        if (f.Object(token, $"'{what}'") is not { } o) return null;
        var number = f.String(o, "number");
        var date = f.Date(o, "date");
        var authority = f.String(o, "authority");
        var title = f.String(o, "title");
        return number is null || date is null || authority is null || title is null ? null : new LegalDecision(number, date.Value, authority, title);
    }

    internal static List<(Measure Measure, JToken At)> ReadMeasures(JArray? array, JsonFields f)
    {
        var list = new List<(Measure, JToken)>();
        if (array is null) return list;
        foreach (var item in array)
        {
            if (f.Object(item, LoadingMessages.WhatMeasure) is not { } o) continue;
            var key = f.String(o, "key");
            if (key is not null && !MeasureKeyPattern().IsMatch(key))
            {
                f.Error(JsonFields.Get(o, "key"), MessageText.Format(LoadingMessages.MeasureKeyForm, key));
                key = null;
            }
            var label = f.String(o, "label");
            var unit = f.String(o, "unit", required: false) ?? "";
            var typeText = f.String(o, "type");
            MeasureType? type = typeText switch
            {
                "integer" => MeasureType.Integer,
                "decimal" => MeasureType.Decimal,
                "percent" => MeasureType.Percent,
                "boolean" => MeasureType.Boolean,
                null => null,
                _ => null,
            };
            if (typeText is not null && type is null) f.Error(JsonFields.Get(o, "type"), MessageText.Format(LoadingMessages.UnknownMeasureType, typeText));
            var min = f.Number(o, "min", required: false);
            var max = f.Number(o, "max", required: false);
            if (min is { } lo && max is { } hi && lo > hi) f.Error(o, MessageText.Format(LoadingMessages.MinAboveMax, lo, hi));
            if (type == MeasureType.Boolean && (min is not null || max is not null)) f.Error(o, LoadingMessages.BooleanNoRange);
            var fallback = f.Number(o, "default", required: false);
            if (fallback is { } d && (type == MeasureType.Boolean || min is { } l && d < l || max is { } h && d > h || type == MeasureType.Integer && d != Math.Floor(d)))
                f.Error(JsonFields.Get(o, "default"), LoadingMessages.DefaultOutOfRange);
            var atMost = f.String(o, "atMost", required: false);
            var disjoint = ReadDisjoint(o, f, atMost);
            if (key is not null && label is not null && type is not null)
                list.Add((new Measure(key, label, unit, type.Value, min, max, atMost, disjoint) { Default = fallback }, o));
        }
        return list;
    }

    private static IReadOnlyList<string>? ReadDisjoint(JObject o, JsonFields f, string? atMost)
    {
        if (f.Array(o, "disjointWith", required: false) is not { } array) return null;
        if (atMost is null) f.Error(JsonFields.Get(o, "disjointWith"), LoadingMessages.DisjointNeedsAtMost);
        var keys = new List<string>();
        foreach (var k in array)
        {
            if (k.Type == JTokenType.String) keys.Add((string)k!);
            else f.Error(k, LoadingMessages.DisjointEntries);
        }
        return keys;
    }

    /// <summary>
    /// Checks the part–whole relations of <paramref name="own"/> against every measure of the set
    /// (inherited ones included): the whole and the other parts exist, are numbers, and a measure is
    /// not its own whole. A relation that names a missing measure would silently check nothing.
    /// </summary>
    internal static void CheckRelations(IEnumerable<(Measure Measure, JToken At)> own, IReadOnlyList<Measure> all, JsonFields f)
    {
        var byKey = all.GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        foreach (var (m, at) in own)
        {
            if (m.AtMost is null) continue;
            var where = JsonFields.Get((JObject)at, "atMost");
            if (m.Type == MeasureType.Boolean) f.Error(where, MessageText.Format(LoadingMessages.BoundedBoolean, m.Key));
            foreach (var other in m.DisjointParts.Prepend(m.AtMost))
            {
                if (other == m.Key) f.Error(where, MessageText.Format(LoadingMessages.BoundedByItself, m.Key));
                else if (!byKey.TryGetValue(other, out var o)) f.Error(where, MessageText.Format(LoadingMessages.BoundedByUnknown, m.Key, other));
                else if (o.Type == MeasureType.Boolean) f.Error(where, MessageText.Format(LoadingMessages.BoundedByBoolean, m.Key, other));
            }
        }
    }

    internal static List<(Criterion Criterion, JToken At)> ReadCriteria(JArray? array, JsonFields f, SourceLocations locations)
    {
        var list = new List<(Criterion, JToken)>();
        if (array is null) return list;
        foreach (var item in array)
        {
            if (f.Object(item, LoadingMessages.WhatCriterion) is not { } o) continue;
            var numberValue = f.Number(o, "number");
            int? number = numberValue is { } nv && nv == Math.Floor(nv) && nv > 0 ? (int)nv : null;
            if (numberValue is not null && number is null) f.Error(JsonFields.Get(o, "number"), LoadingMessages.CriterionNumberForm);
            var name = f.String(o, "name");
            var indicators = new List<Indicator>();
            if (f.Array(o, "indicators") is { } ia)
            {
                if (ia.Count == 0) f.Error(ia, LoadingMessages.CriterionNeedsIndicator);
                foreach (var ii in ia)
                {
                    if (number is not null && ReadIndicator(ii, number.Value, f, locations) is { } ind) indicators.Add(ind);
                }
            }
            if (number is not null && name is not null && indicators.Count > 0) list.Add((new Criterion(number.Value, name, indicators), o));
        }
        return list;
    }

    internal static Indicator? ReadIndicator(JToken token, int criterion, JsonFields f, SourceLocations locations)
    {
        if (f.Object(token, LoadingMessages.WhatIndicator) is not { } o) return null;
        var code = f.String(o, "code");
        var name = f.String(o, "name");
        var rule = f.String(o, "rule", required: false) ?? code;
        string valueLabel = name ?? "", valueUnit = "";
        if (JsonFields.Get(o, "value") is { } vt && f.Object(vt, "'value'") is { } vo)
        {
            valueLabel = f.String(vo, "label") ?? valueLabel;
            valueUnit = f.String(vo, "unit", required: false) ?? "";
        }
        var office = f.String(o, "responsibleOffice", required: false) ?? "";
        var applicable = f.String(o, "applicableWhen", required: false);
        Threshold? threshold = null;
        if (JsonFields.Get(o, "threshold") is not { } tt) f.Problems.Add(JsonDocumentReader.At(o, f.File, MessageText.Format(LoadingMessages.IndicatorNoThreshold, code)) with { Field = o.Path + ".threshold" });
        else if (f.Object(tt, "'threshold'") is { } to) threshold = ReadThreshold(to, code ?? "?", f, locations);
        if (code is null || name is null || rule is null || threshold is null) return null;
        var indicator = new Indicator(code, name, criterion, rule, valueLabel, valueUnit, office, applicable, threshold);
        locations.Add(indicator, new SourceLocation(f.File, o));
        return indicator;
    }

    internal static Threshold? ReadThreshold(JObject o, string code, JsonFields f, SourceLocations locations)
    {
        var opText = f.String(o, "operator");
        ComparisonOperator op = default;
        if (opText is not null && !ComparisonOperators.TryParse(opText, out op))
            f.Error(JsonFields.Get(o, "operator"), MessageText.Format(LoadingMessages.UnknownOperator, opText));
        var values = new List<ThresholdValue>();
        var errorsBefore = f.Problems.Count(p => p.Severity == Severity.Error);
        if (f.Array(o, "values") is { } va)
        {
            if (va.Count == 0) f.Error(va, MessageText.Format(LoadingMessages.ThresholdNeedsValue, code));
            foreach (var item in va)
            {
                if (f.Object(item, LoadingMessages.WhatThresholdValue) is { } vo && ReadThresholdValue(vo, code, f, locations) is { } value) values.Add(value);
            }
        }
        if (opText is null || values.Count == 0 || f.Problems.Count(p => p.Severity == Severity.Error) > errorsBefore) return null;
        try
        {
            return new Threshold(op, values);
        }
        catch (ArgumentException e)
        {
            f.Error(o, MessageText.Format(LoadingMessages.IndicatorProblem, code, e.Message));
            return null;
        }
    }

    private static ThresholdValue? ReadThresholdValue(JObject vo, string code, JsonFields f, SourceLocations locations)
    {
        foreach (var old in new[] { "verified", "note" })
        {
            if (JsonFields.Get(vo, old) is { } t)
                f.Error(t.Parent, MessageText.Format(LoadingMessages.ReplacedByProvenance, code, old));
        }
        var from = f.Date(vo, "from");
        var groupsToken = JsonFields.Get(vo, "groups");
        // A value keyed only by group has no general figure: 'value' may then be left out.
        var general = JsonFields.Get(vo, "value") is null && groupsToken is not null ? null : ReadFigure(vo, f, code, "value", null);
        var byGroup = ReadGroups(groupsToken, f, code, general?.Provenance);
        var byRegion = new Dictionary<Region, ThresholdFigure>();
        if (JsonFields.Get(vo, "regions") is { } rt && f.Object(rt, "'regions'") is { } ro)
        {
            foreach (var p in ro.Properties())
            {
                if (!Regions.TryParse(p.Name, out var region)) { f.Error(p, MessageText.Format(LoadingMessages.UnknownRegionCode, p.Name, string.Join(", ", Regions.All))); continue; }
                if (ReadRegionFigure(p, f, code, general?.Provenance) is { } figure) byRegion[region] = figure;
            }
        }
        Citation? citation = null;
        if (JsonFields.Get(vo, "citation") is not { } ct) f.Problems.Add(JsonDocumentReader.At(vo, f.File, MessageText.Format(LoadingMessages.ValueNeedsCitation, code)) with { Field = vo.Path + ".citation" });
        else if (f.Object(ct, "'citation'") is { } co && f.String(co, "decision") is { } dec)
        {
            if (JsonFields.Get(co, "source") is { } src) f.Error(src.Parent, MessageText.Format(LoadingMessages.CitationSourceReplaced, code));
            citation = new Citation(dec, f.String(co, "appendix", false), f.String(co, "item", false));
        }
        if (general is null && groupsToken is not null && CommuneGroups.All.Where(g => !byGroup.ContainsKey(g)).ToArray() is { Length: > 0 } missing)
            f.Error(groupsToken, MessageText.Format(LoadingMessages.GroupsIncomplete, code, string.Join(", ", missing.Select(g => g.Code()))));
        if (from is null || (general is null && groupsToken is null) || citation is null) return null;
        if (general is null && (JsonFields.Get(vo, "provenance") is { } orphan)) f.Error(orphan.Parent, MessageText.Format(LoadingMessages.GroupProvenanceInside, code));
        var value = new ThresholdValue(from.Value, general, byRegion, citation, byGroup);
        locations.Add(value, new SourceLocation(f.File, vo));
        return value;
    }

    /// <summary>The per-group figures of <c>"groups": { "1": …, "2": …, "3": … }</c>; empty when absent.</summary>
    private static Dictionary<CommuneGroup, ThresholdFigure> ReadGroups(JToken? token, JsonFields f, string code, ThresholdProvenance? shared)
    {
        var byGroup = new Dictionary<CommuneGroup, ThresholdFigure>();
        if (token is null || f.Object(token, "'groups'") is not { } go) return byGroup;
        foreach (var p in go.Properties())
        {
            if (!CommuneGroups.TryParse(p.Name, out var group)) { f.Error(p, MessageText.Format(LoadingMessages.UnknownCommuneGroup, p.Name)); continue; }
            if (p.Value is JObject figure) { if (ReadFigure(figure, f, code, "value", MessageText.Format(LoadingMessages.WhereGroup, p.Name)) is { } read) byGroup[group] = read; continue; }
            var scalar = ReadScalar(p.Value, go, f, p.Name);
            if (scalar is { } s && shared is not null) byGroup[group] = new ThresholdFigure(s, shared);
            else if (scalar is not null) f.Error(p, MessageText.Format(LoadingMessages.GroupNoSharedProvenance, code, p.Name));
        }
        return byGroup;
    }

    /// <summary>A region's figure: a bare number or yes/no sharing the general figure's provenance, or <c>{ value, provenance }</c>.</summary>
    private static ThresholdFigure? ReadRegionFigure(JProperty p, JsonFields f, string code, ThresholdProvenance? shared)
    {
        if (p.Value is JObject ro) return ReadFigure(ro, f, code, "value", MessageText.Format(LoadingMessages.WhereRegion, p.Name));
        var scalar = ReadScalar(p.Value, (JObject)p.Parent!, f, p.Name);
        return scalar is { } s && shared is not null ? new ThresholdFigure(s, shared) : null;
    }

    private static ThresholdFigure? ReadFigure(JObject holder, JsonFields f, string code, string field, string? where)
    {
        var scalar = ReadScalar(JsonFields.Get(holder, field), holder, f, field);
        ThresholdProvenance? provenance = null;
        if (JsonFields.Get(holder, "provenance") is not { } pt)
            f.Problems.Add(JsonDocumentReader.At(holder, f.File, MessageText.Format(LoadingMessages.FigureNeedsProvenance, code, (where is null ? "" : ", " + where))) with { Field = holder.Path + ".provenance" });
        else if (f.Object(pt, "'provenance'") is { } po) provenance = ReadProvenance(po, f, code, where);
        return scalar is { } s && provenance is not null ? new ThresholdFigure(s, provenance) : null;
    }

    /// <summary>Reads <c>{ state, document, location, quote, reason }</c> and checks what each state needs.</summary>
    internal static ThresholdProvenance? ReadProvenance(JObject po, JsonFields f, string code, string? where)
    {
        var stateText = f.String(po, "state");
        if (stateText is null) return null;
        if (!ProvenanceStates.TryParse(stateText, out var state))
        {
            f.Error(JsonFields.Get(po, "state"), MessageText.Format(LoadingMessages.UnknownProvenanceState, code, stateText));
            return null;
        }
        var provenance = new ThresholdProvenance(state, f.String(po, "document", false), f.String(po, "location", false), f.String(po, "quote", false), f.String(po, "reason", false));
        var problems = provenance.Problems();
        foreach (var problem in problems) f.Error(po, MessageText.Format(LoadingMessages.IndicatorWhereProblem, code, (where is null ? "" : ", " + where), problem));
        return problems.Count == 0 ? provenance : null;
    }

    private static Scalar? ReadScalar(JToken? t, JObject parent, JsonFields f, string field)
    {
        if (t is null) { f.Missing(parent, field); return null; }
        if (t.Type == JTokenType.Boolean) return Scalar.Of(t.Value<bool>());
        if (t.Type is JTokenType.Integer or JTokenType.Float && double.IsFinite(t.Value<double>())) return Scalar.Of(t.Value<double>());
        f.Error(t, MessageText.Format(LoadingMessages.MustBeNumberOrBoolean, field, JsonFields.Describe(t)));
        return null;
    }
}

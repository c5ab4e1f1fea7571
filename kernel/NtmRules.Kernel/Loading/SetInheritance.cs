using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using RulesEngine.Models;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Resolves a set that <c>extends</c> another (a province's set specialising the national one) into
/// an ordinary flat <see cref="CriteriaSet"/> and workflow, before any rule is registered with
/// RulesEngine — whose own <c>WorkflowsToInject</c> re-appends injected rules on every compile and
/// is not used. Every indicator of the result records where it came from (<see cref="IndicatorOrigin"/>)
/// and every replaced threshold is kept, so results and traces can say
/// "ngưỡng theo QĐ 32/2022/QĐ-UBND, thay cho QĐ 318/QĐ-TTg". Format: <c>docs/criteria-set-format.md</c>.
/// </summary>
internal static class SetInheritance
{
    /// <summary>The fields every set file has, read by <see cref="CriteriaSetReader"/>.</summary>
    internal sealed record Header(string? Id, string? Name, Level? Level, LegalDecision? Decision,
        IReadOnlyList<LegalDecision> AmendedBy, EffectivePeriod? Effective, IReadOnlyList<string> LegalBases);

    /// <summary>Fields an <c>override</c> entry may change, in the order reports list them.</summary>
    private static readonly string[] OverridableFields = ["code", "name", "value", "responsibleOffice", "applicableWhen", "rule", "threshold"];

    /// <summary>
    /// The id a set file declares and the id of the set it extends (either null when absent, or
    /// when the file cannot be read: <see cref="CriteriaSetReader.Read"/> reports that). Lets the
    /// host find clashing ids and order sets so that a base is read before the sets extending it.
    /// </summary>
    public static (string? Id, string? Base) Peek(string setPath)
    {
        try
        {
            if (JsonDocumentReader.Load(setPath, setPath, []) is not JObject root) return (null, null);
            var id = JsonFields.Get(root, "id") is { Type: JTokenType.String } i ? (string)i! : null;
            var ext = JsonFields.Get(root, "extends") is JObject o && JsonFields.Get(o, "set") is { Type: JTokenType.String } s ? (string)s! : null;
            return (id, ext);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, null);
        }
    }

    /// <summary>Reads the extending set <paramref name="root"/> and resolves it against its base.</summary>
    public static SetSource? Read(JObject root, JToken extendsToken, Header header, JsonFields f, PluginInfo plugin, string setPath,
        Func<string, SetSource?>? findBase, int errorsBefore, Func<string, string>? whyMissing, List<SetSource>? partial = null)
    {
        // 1. The extends clause: which set, and whether the inherited figures were checked against this decision.
        string? baseId = null;
        var inheritedAssumed = false;
        string? inheritedReason = null;
        if (f.Object(extendsToken, "'extends'") is { } ext)
        {
            baseId = f.String(ext, "set");
            var mode = f.String(ext, "inheritedValues");
            if (mode is not null && mode != "assumed" && mode != "unchanged")
                f.Error(JsonFields.Get(ext, "inheritedValues"), $"extends.inheritedValues is \"assumed\" (the figures taken from the base were not checked against this set's decision) or \"unchanged\" (they were, and keep the base's provenance), not \"{mode}\"");
            inheritedAssumed = mode == "assumed";
            inheritedReason = f.String(ext, "reason", required: false);
            if (inheritedAssumed && string.IsNullOrWhiteSpace(inheritedReason))
                f.Error(ext, "extends: say in 'reason' why the inherited threshold values are assumed for this set's decision");
            if (ProvenanceStates.WhyNotPublic(inheritedReason) is { } why) f.Error(JsonFields.Get(ext, "reason"), $"extends.reason: {why}");
            foreach (var p in ext.Properties().Where(p => !new[] { "set", "inheritedValues", "reason" }.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
                f.Error(p, $"unknown field 'extends.{p.Name}'{(p.Name is "inheritedValuesVerified" or "note" ? " (now 'inheritedValues': \"assumed\" or \"unchanged\", with 'reason')" : "")}");
        }
        if (baseId is not null && baseId == header.Id) f.Error(JsonFields.Get((JObject)extendsToken, "set"), $"set \"{baseId}\" extends itself");
        SetSource? baseSet = null;
        if (baseId is not null && baseId != header.Id)
        {
            if (findBase is null) f.Error(extendsToken, $"set extends \"{baseId}\", but no base sets are available here");
            else if ((baseSet = findBase(baseId)) is null)
                f.Error(JsonFields.Get((JObject)extendsToken, "set"), $"base set \"{baseId}\" is not available: {whyMissing?.Invoke(baseId) ?? "no loaded plugin provides it"}");
        }

        // 2. The extending set's own content: measures, rules, criteria changes, overrides, removals.
        var ownMeasures = CriteriaSetReader.ReadMeasures(f.Array(root, "measures", required: false), f);
        var workflowRel = f.String(root, "workflow", required: false);
        var (ownWorkflow, ownWorkflowPath) = CriteriaSetReader.ReadWorkflow(root, workflowRel, f, plugin, header.Id);
        var removedIndicators = new Dictionary<string, JToken>(StringComparer.Ordinal);
        var removedCriteria = new Dictionary<int, JToken>();
        if (JsonFields.Get(root, "remove") is { } rmToken && f.Object(rmToken, "'remove'") is { } rm)
        {
            if (f.Array(rm, "indicators", required: false) is { } ri)
                foreach (var t in ri)
                {
                    if (t.Type == JTokenType.String) removedIndicators[(string)t!] = t;
                    else f.Error(t, "remove.indicators entries are indicator codes (strings)");
                }
            if (f.Array(rm, "criteria", required: false) is { } rc)
                foreach (var t in rc)
                {
                    if (t.Type == JTokenType.Integer && t.Value<int>() > 0) removedCriteria[t.Value<int>()] = t;
                    else f.Error(t, "remove.criteria entries are criterion numbers");
                }
        }
        var overrides = new List<(string BaseCode, JObject Entry, JProperty At)>();
        if (JsonFields.Get(root, "override") is { } ovToken && f.Object(ovToken, "'override'") is { } ov)
        {
            foreach (var p in ov.Properties())
            {
                if (f.Object(p.Value, $"override \"{p.Name}\"") is not { } entry) continue;
                foreach (var field in entry.Properties().Where(x => !OverridableFields.Contains(x.Name, StringComparer.OrdinalIgnoreCase)))
                    f.Error(field, $"override \"{p.Name}\": '{field.Name}' cannot be overridden; use one of {string.Join(", ", OverridableFields)}");
                overrides.Add((p.Name, entry, p));
            }
        }
        var criteriaEntries = new List<(int Number, JObject Entry)>();
        if (f.Array(root, "criteria", required: false) is { } ca)
        {
            foreach (var item in ca)
            {
                if (f.Object(item, "a criterion") is not { } co) continue;
                var nv = f.Number(co, "number");
                if (nv is { } n && n == Math.Floor(n) && n > 0) criteriaEntries.Add(((int)n, co));
                else if (nv is not null) f.Error(JsonFields.Get(co, "number"), "criterion number must be a positive whole number");
            }
        }

        // With errors already, resolution still runs when a best-effort set is wanted (to check its rules too).
        if (baseSet is null || (partial is null && (header.Id is null || header.Name is null || header.Decision is null || header.Effective is null || header.Level is null
            || f.Problems.Count(p => p.Severity == Severity.Error) > errorsBefore)))
            return null;

        // 3. Resolve: walk the base's criteria, apply removals and overrides, then additions.
        var baseIndicators = baseSet.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        foreach (var (code, at) in removedIndicators)
            if (!baseIndicators.ContainsKey(code)) f.Error(at, $"remove: indicator \"{code}\" is not in base set {baseSet.Id}");
        foreach (var (number, at) in removedCriteria)
            if (baseSet.Criteria.All(c => c.Number != number)) f.Error(at, $"remove: criterion {number} is not in base set {baseSet.Id}");
        var overrideByCode = new Dictionary<string, JObject>(StringComparer.Ordinal);
        foreach (var (code, entry, at) in overrides)
        {
            if (!baseIndicators.TryGetValue(code, out var bi)) f.Error(at, $"override: indicator \"{code}\" is not in base set {baseSet.Id} (its codes: {string.Join(", ", baseSet.Indicators.Select(i => i.Code))})");
            else if (removedIndicators.ContainsKey(code) || removedCriteria.ContainsKey(bi.CriterionNumber)) f.Error(at, $"override: indicator \"{code}\" is also removed");
            else overrideByCode[code] = entry;
        }

        var ownRules = (ownWorkflow?.Rules ?? []).Where(r => r.RuleName is not null).GroupBy(r => r.RuleName!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var dup in (ownWorkflow?.Rules ?? []).GroupBy(r => r.RuleName).Where(g => g.Count() > 1))
            f.Problems.Add(SourceMap.At(dup.Last(), "RuleName", ownWorkflowPath, $"rule \"{dup.Key}\" is defined {dup.Count()} times; rule names are indicator codes and unique"));
        var baseRules = baseSet.Workflow.Rules.ToDictionary(r => r.RuleName, StringComparer.Ordinal);
        var usedOwnRules = new HashSet<string>(StringComparer.Ordinal);
        var ruleOrder = new List<Rule>();

        Indicator Inherit(Indicator bi, JObject? entry)
        {
            var changed = new List<string>();
            var result = bi;
            Threshold? newThreshold = null;
            if (entry is not null)
            {
                foreach (var field in OverridableFields)
                {
                    if (JsonFields.Get(entry, field) is null) continue;
                    changed.Add(field);
                    switch (field)
                    {
                        case "code": if (f.String(entry, "code") is { } c) result = result with { Code = c }; break;
                        case "name": if (f.String(entry, "name") is { } n) result = result with { Name = n }; break;
                        case "responsibleOffice": result = result with { ResponsibleOffice = f.String(entry, "responsibleOffice", required: false) ?? "" }; break;
                        case "applicableWhen": result = result with { ApplicableWhen = f.String(entry, "applicableWhen", required: false) }; break;
                        case "rule": if (f.String(entry, "rule") is { } r) result = result with { RuleName = r }; break;
                        case "value":
                            if (f.Object(JsonFields.Get(entry, "value"), "'value'") is { } vo)
                                result = result with { ValueLabel = f.String(vo, "label") ?? result.ValueLabel, ValueUnit = f.String(vo, "unit", required: false) ?? "" };
                            break;
                        case "threshold":
                            if (f.Object(JsonFields.Get(entry, "threshold"), "'threshold'") is { } to
                                && CriteriaSetReader.ReadThreshold(to, result.Code, f) is { } t)
                                newThreshold = t;
                            break;
                    }
                }
            }
            // An override that restates the base's own wording changes nothing and is not reported as a change.
            changed.RemoveAll(field => field switch
            {
                "code" => result.Code == bi.Code,
                "name" => result.Name == bi.Name,
                "responsibleOffice" => result.ResponsibleOffice == bi.ResponsibleOffice,
                "applicableWhen" => result.ApplicableWhen == bi.ApplicableWhen,
                "rule" => result.RuleName == bi.RuleName,
                "value" => result.ValueLabel == bi.ValueLabel && result.ValueUnit == bi.ValueUnit,
                _ => false,
            });
            ReplacedThreshold? replaced = bi.Origin?.Replaced;
            if (newThreshold is not null)
            {
                if (newThreshold.Kind != bi.Threshold.Kind)
                    f.Error(JsonFields.Get(entry!, "threshold"), $"override \"{bi.Code}\": the base threshold is {(bi.Threshold.Kind == ScalarKind.Boolean ? "yes/no" : "a number")}; an override keeps its kind (add a new indicator instead)");
                replaced = new ReplacedThreshold(bi.Threshold, baseSet.Id, DecisionOf(bi.Threshold, baseSet));
                result = result with { Threshold = newThreshold };
            }
            else if (inheritedAssumed)
            {
                // The figure is the base's; nobody has confirmed that this set's decision keeps it.
                result = result with { Threshold = MarkAssumed(bi.Threshold, baseSet, header.Decision ?? CriteriaSetReader.PlaceholderDecision, inheritedReason ?? "") };
            }
            var ruleName = result.RuleName;
            var kind = changed.Count == 0 ? IndicatorOriginKind.Inherited : IndicatorOriginKind.Overridden;
            string ruleFile;
            PluginInfo rulePlugin;
            if (ownRules.TryGetValue(ruleName, out var own))
            {
                usedOwnRules.Add(ruleName);
                ruleOrder.Add(own);
                if (!changed.Contains("rule")) changed.Add("rule");
                kind = IndicatorOriginKind.Overridden;
                ruleFile = ownWorkflowPath;
                rulePlugin = plugin;
            }
            else if (baseRules.TryGetValue(ruleName, out var inheritedRule))
            {
                ruleOrder.Add(inheritedRule);
                ruleFile = bi.Origin?.RuleFile ?? baseSet.WorkflowFile;
                rulePlugin = bi.Origin?.RulePlugin ?? baseSet.Plugin;
            }
            else
            {
                f.Error(entry, $"indicator {result.Code} has no rule named \"{ruleName}\" in the base workflow or in this set's workflow");
                ruleFile = ownWorkflowPath;
                rulePlugin = plugin;
            }
            return result with
            {
                Origin = new IndicatorOrigin(kind, baseSet.Id, bi.Code, changed.OrderBy(c => Array.IndexOf(OverridableFields, c)).ToArray(), replaced, ruleFile, rulePlugin),
            };
        }

        Indicator? Add(JToken token, int criterion)
        {
            if (CriteriaSetReader.ReadIndicator(token, criterion, f) is not { } ind) return null;
            if (ownRules.ContainsKey(ind.RuleName))
            {
                usedOwnRules.Add(ind.RuleName);
                ruleOrder.Add(ownRules[ind.RuleName]);
            }
            else f.Error(token, $"added indicator {ind.Code} has no rule named \"{ind.RuleName}\" in {workflowRel ?? "this set's workflow (the set names no 'workflow')"}");
            return SourceMap.Carry(ind, ind with { Origin = new IndicatorOrigin(IndicatorOriginKind.Added, null, null, [], null, ownWorkflowPath, plugin) });
        }

        var entriesByNumber = criteriaEntries.GroupBy(e => e.Number).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var g in entriesByNumber.Where(g => g.Value.Count > 1))
            f.Error(g.Value[1].Entry, $"criterion {g.Key} appears twice in 'criteria'");
        var criteria = new List<Criterion>();
        foreach (var bc in baseSet.Criteria)
        {
            if (removedCriteria.ContainsKey(bc.Number)) continue;
            var entry = entriesByNumber.TryGetValue(bc.Number, out var es) ? es[0].Entry : null;
            if (entry is not null && JsonFields.Get(entry, "indicators") is { } bad)
                f.Error(bad, $"criterion {bc.Number} is in base set {baseSet.Id}: change its indicators with 'override', 'remove' and this entry's 'add', not 'indicators'");
            var indicators = bc.Indicators.Where(i => !removedIndicators.ContainsKey(i.Code))
                .Select(i => Inherit(i, overrideByCode.GetValueOrDefault(i.Code))).ToList();
            if (entry is not null && f.Array(entry, "add", required: false) is { } add)
                foreach (var t in add)
                    if (Add(t, bc.Number) is { } ind) indicators.Add(ind);
            var name = entry is not null && JsonFields.Get(entry, "name") is not null ? f.String(entry, "name") ?? bc.Name : bc.Name;
            if (indicators.Count == 0) f.Error(entry ?? (JToken)root, $"criterion {bc.Number} has no indicators left; remove the criterion itself with remove.criteria");
            else criteria.Add(new Criterion(bc.Number, name, indicators));
        }
        foreach (var (number, entries) in entriesByNumber.OrderBy(e => e.Key))
        {
            if (baseSet.Criteria.Any(c => c.Number == number)) continue;
            var entry = entries[0].Entry;
            if (JsonFields.Get(entry, "add") is { } addToken) f.Error(addToken, $"criterion {number} is not in base set {baseSet.Id}: a new criterion lists its 'indicators'");
            var name = f.String(entry, "name");
            var indicators = new List<Indicator>();
            if (f.Array(entry, "indicators") is { } ia)
            {
                if (ia.Count == 0) f.Error(ia, "a criterion needs at least one indicator");
                foreach (var t in ia)
                    if (Add(t, number) is { } ind) indicators.Add(ind);
            }
            if (name is not null && indicators.Count > 0) criteria.Add(new Criterion(number, name, indicators));
        }
        criteria.Sort((a, b) => a.Number.CompareTo(b.Number));

        // 4. Whole-set checks on the result.
        foreach (var dup in criteria.SelectMany(c => c.Indicators).GroupBy(i => i.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // Point at the set's own entry that clashes: an added indicator (read from this file) or an override's 'code'.
            var own = dup.FirstOrDefault(i => i.Origin?.Kind == IndicatorOriginKind.Added);
            var renumbered = dup.Select(i => i.Origin?.BaseCode).OfType<string>().Select(c => overrideByCode.GetValueOrDefault(c)).FirstOrDefault(e => e is not null && JsonFields.Get(e, "code") is not null);
            var message = $"indicator code \"{dup.Key}\" appears {dup.Count()} times after inheritance (an override's 'code' or an added indicator clashes)";
            if (own is not null) f.Problems.Add(SourceMap.At(own, "code", setPath, message));
            else f.Error(renumbered is not null ? JsonFields.Get(renumbered, "code") : root, message);
        }
        foreach (var dup in criteria.SelectMany(c => c.Indicators).GroupBy(i => i.RuleName, StringComparer.Ordinal).Where(g => g.Count() > 1))
            f.Error(root, $"rule \"{dup.Key}\" would evaluate {dup.Count()} indicators ({string.Join(", ", dup.Select(i => i.Code))})");
        foreach (var r in ownRules.Where(kv => !usedOwnRules.Contains(kv.Key)))
            f.Problems.Add(SourceMap.At(r.Value, "RuleName", ownWorkflowPath, $"rule \"{r.Key}\" evaluates no indicator of the set (name an added indicator's code, or an inherited indicator's rule to replace it)"));

        var measures = baseSet.Measures.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (m, at) in ownMeasures)
        {
            if (!seen.Add(m.Key)) { f.Error(at, $"measure key '{m.Key}' is declared twice"); continue; }
            var index = measures.FindIndex(x => x.Key == m.Key);
            if (index >= 0) measures[index] = m; // a province may reword a measure's label or tighten its range
            else measures.Add(m);
        }
        CriteriaSetReader.CheckRelations(ownMeasures, measures, f);
        var globals = (baseSet.Workflow.GlobalParams ?? []).ToList();
        foreach (var g in ownWorkflow?.GlobalParams ?? [])
        {
            if (globals.Any(x => x.Name == g.Name)) f.Problems.Add(SourceMap.At(g, "Name", ownWorkflowPath, $"GlobalParam \"{g.Name}\" is already defined by base set {baseSet.Id}"));
            else globals.Add(g);
        }
        if (f.Problems.Count(p => p.Severity == Severity.Error) > errorsBefore
            || header.Id is null || header.Name is null || header.Decision is null || header.Effective is null || header.Level is null)
        {
            if (partial is not null && criteria.Count > 0)
                partial.Add(CriteriaSetReader.BestEffort(header.Id, measures, criteria,
                    new Workflow { WorkflowName = header.Id, GlobalParams = globals.DistinctBy(g => g.Name).ToList(), Rules = ruleOrder },
                    plugin, setPath, ownWorkflow is null ? baseSet.WorkflowFile : ownWorkflowPath));
            return null;
        }

        var workflow = new Workflow { WorkflowName = header.Id, GlobalParams = globals, Rules = ruleOrder };
        var legalBases = baseSet.LegalBases.Concat(header.LegalBases).Distinct(StringComparer.Ordinal).ToArray();
        return new SetSource(header.Id, header.Name, header.Level.Value, header.Decision, header.AmendedBy, header.Effective, legalBases,
            measures, criteria, workflow, plugin, setPath, ownWorkflow is null ? baseSet.WorkflowFile : ownWorkflowPath)
        {
            Bases = [new BaseSet(baseSet.Id, baseSet.Decision, baseSet.Plugin), .. baseSet.Bases],
        };
    }

    /// <summary>The decision the values of <paramref name="t"/> cite ("318/QĐ-TTg"); several joined when they differ.</summary>
    private static string DecisionOf(Threshold t, CriteriaSet set)
    {
        var decisions = t.Values.Select(v => v.Citation.Decision).Distinct(StringComparer.Ordinal).ToArray();
        return decisions.Length == 0 ? set.Decision.Number : string.Join(", ", decisions);
    }

    private static Threshold MarkAssumed(Threshold t, CriteriaSet baseSet, LegalDecision decision, string reason) =>
        new(t.Operator, t.Values.Select(v => v with
        {
            General = v.General is null ? null : Assume(v.General, v, baseSet, decision, reason),
            ByRegion = v.ByRegion.ToDictionary(kv => kv.Key, kv => Assume(kv.Value, v, baseSet, decision, reason)),
            ByGroup = v.ByGroup.ToDictionary(kv => kv.Key, kv => Assume(kv.Value, v, baseSet, decision, reason)),
        }));

    private static ThresholdFigure Assume(ThresholdFigure figure, ThresholdValue value, CriteriaSet baseSet, LegalDecision decision, string reason) =>
        figure with
        {
            Provenance = ThresholdProvenance.Assumed(
                $"Mức của bộ {baseSet.Id} (QĐ {value.Citation.Decision}, {figure.Provenance.State.VietnameseName()}), chưa đối chiếu với QĐ {decision.Number}: {reason}"),
        };
}
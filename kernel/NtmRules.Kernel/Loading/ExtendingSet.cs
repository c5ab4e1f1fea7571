using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using RulesEngine.Models;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// One extending set file on its way to a flat set, in named steps: the <c>extends</c> clause and
/// the base; the file's own content (measures, workflow, removals, overrides, criteria entries);
/// the removals and overrides checked against the base; the criteria resolved (each inherited
/// indicator with its override and rule, each added one with its rule); whole-set checks; measures
/// and global params merged; and finally the flat set, or a best-effort one when the file has errors.
/// </summary>
internal sealed class ExtendingSet
{
    private readonly JObject _root;
    private readonly SetInheritance.Header _header;
    private readonly JsonFields _f;
    private readonly PluginInfo _plugin;
    private readonly string _setPath;

    // The extends clause.
    private bool _inheritedAssumed;
    private string? _inheritedReason;

    // The file's own content.
    private List<(Measure Measure, JToken At)> _ownMeasures = [];
    private string? _workflowRel;
    private Workflow? _ownWorkflow;
    private string _ownWorkflowPath = "";
    private readonly Dictionary<string, JToken> _removedIndicators = new(StringComparer.Ordinal);
    private readonly Dictionary<int, JToken> _removedCriteria = new();
    private readonly List<(string BaseCode, JObject Entry, JProperty At)> _overrides = [];
    private readonly List<(int Number, JObject Entry)> _criteriaEntries = [];

    // Resolution against the base.
    private SetSource _base = null!;
    private SourceLocations _locations = new();
    private readonly Dictionary<string, JObject> _overrideByCode = new(StringComparer.Ordinal);
    private Dictionary<string, Rule> _ownRules = new(StringComparer.Ordinal);
    private Dictionary<string, Rule> _baseRules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedOwnRules = new(StringComparer.Ordinal);
    private readonly List<Rule> _ruleOrder = [];

    private ExtendingSet(JObject root, SetInheritance.Header header, JsonFields f, PluginInfo plugin, string setPath)
    {
        _root = root;
        _header = header;
        _f = f;
        _plugin = plugin;
        _setPath = setPath;
    }

    /// <summary>Reads the extending set <paramref name="root"/> and resolves it against its base (see <see cref="SetInheritance.Read"/>).</summary>
    public static SetSource? Read(JObject root, JToken extendsToken, SetInheritance.Header header, JsonFields f, PluginInfo plugin, string setPath,
        Func<string, SetSource?>? findBase, int errorsBefore, Func<string, string>? whyMissing, List<SetSource>? partial)
    {
        var set = new ExtendingSet(root, header, f, plugin, setPath);
        var baseSet = set.ReadExtends(extendsToken, findBase, whyMissing);
        set.ReadOwnContent();
        // With errors already, resolution still runs when a best-effort set is wanted (to check its rules too).
        if (baseSet is null || (partial is null && (set.HeaderIncomplete || set.ErrorsSince(errorsBefore)))) return null;
        set._base = baseSet;
        set._locations = new SourceLocations(baseSet.Locations);
        set.CheckRemovalsAndOverrides();
        set.IndexRules();
        var criteria = set.ResolveCriteria();
        set.CheckResult(criteria);
        var measures = set.MergeMeasures();
        var globals = set.MergeGlobals();
        return set.Build(criteria, measures, globals, errorsBefore, partial);
    }

    private bool HeaderIncomplete =>
        _header.Id is null || _header.Name is null || _header.Decision is null || _header.Effective is null || _header.Level is null;

    private bool ErrorsSince(int errorsBefore) => _f.Problems.Count(p => p.Severity == Severity.Error) > errorsBefore;

    /// <summary>Step 1: the extends clause — which set, and whether the inherited figures were checked against this decision — and the base itself.</summary>
    private SetSource? ReadExtends(JToken extendsToken, Func<string, SetSource?>? findBase, Func<string, string>? whyMissing)
    {
        string? baseId = null;
        if (_f.Object(extendsToken, "'extends'") is { } ext)
        {
            baseId = _f.String(ext, "set");
            var mode = _f.String(ext, "inheritedValues");
            if (mode is not null && mode != "assumed" && mode != "unchanged")
                _f.Error(JsonFields.Get(ext, "inheritedValues"), MessageText.Format(LoadingMessages.InheritedValuesMode, mode));
            _inheritedAssumed = mode == "assumed";
            _inheritedReason = _f.String(ext, "reason", required: false);
            if (_inheritedAssumed && string.IsNullOrWhiteSpace(_inheritedReason))
                _f.Error(ext, LoadingMessages.InheritedNeedsReason);
            if (ProvenanceStates.WhyNotPublic(_inheritedReason) is { } why) _f.Error(JsonFields.Get(ext, "reason"), $"extends.reason: {why}");
            foreach (var p in ext.Properties().Where(p => !new[] { "set", "inheritedValues", "reason" }.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
                _f.Error(p, MessageText.Format(LoadingMessages.UnknownExtendsField, p.Name, (p.Name is "inheritedValuesVerified" or "note" ? LoadingMessages.ExtendsFieldRenamed : "")));
        }
        if (baseId is not null && baseId == _header.Id) _f.Error(JsonFields.Get((JObject)extendsToken, "set"), MessageText.Format(LoadingMessages.SetExtendsItself, baseId));
        if (baseId is null || baseId == _header.Id) return null;
        if (findBase is null)
        {
            _f.Error(extendsToken, MessageText.Format(LoadingMessages.NoBaseSets, baseId));
            return null;
        }
        var baseSet = findBase(baseId);
        if (baseSet is null)
            _f.Error(JsonFields.Get((JObject)extendsToken, "set"), MessageText.Format(LoadingMessages.BaseMissing, baseId, whyMissing?.Invoke(baseId) ?? LoadingMessages.NoPluginProvides));
        return baseSet;
    }

    /// <summary>Step 2: the set's own content — measures, workflow, removals, overrides, criteria entries.</summary>
    private void ReadOwnContent()
    {
        _ownMeasures = CriteriaSetReader.ReadMeasures(_f.Array(_root, "measures", required: false), _f);
        _workflowRel = _f.String(_root, "workflow", required: false);
        (_ownWorkflow, _ownWorkflowPath) = CriteriaSetReader.ReadWorkflow(_root, _workflowRel, _f, _plugin, _header.Id);
        ReadRemovals();
        ReadOverrides();
        ReadCriteriaEntries();
    }

    private void ReadRemovals()
    {
        if (JsonFields.Get(_root, "remove") is not { } rmToken || _f.Object(rmToken, "'remove'") is not { } rm) return;
        if (_f.Array(rm, "indicators", required: false) is { } ri)
            foreach (var t in ri)
            {
                if (t.Type == JTokenType.String) _removedIndicators[(string)t!] = t;
                else _f.Error(t, LoadingMessages.RemoveIndicatorsEntries);
            }
        if (_f.Array(rm, "criteria", required: false) is { } rc)
            foreach (var t in rc)
            {
                if (t.Type == JTokenType.Integer && t.Value<int>() > 0) _removedCriteria[t.Value<int>()] = t;
                else _f.Error(t, LoadingMessages.RemoveCriteriaEntries);
            }
    }

    private void ReadOverrides()
    {
        if (JsonFields.Get(_root, "override") is not { } ovToken || _f.Object(ovToken, "'override'") is not { } ov) return;
        foreach (var p in ov.Properties())
        {
            if (_f.Object(p.Value, $"override \"{p.Name}\"") is not { } entry) continue;
            foreach (var field in entry.Properties().Where(x => !SetInheritance.OverridableFields.Contains(x.Name, StringComparer.OrdinalIgnoreCase)))
                _f.Error(field, MessageText.Format(LoadingMessages.NotOverridable, p.Name, field.Name, string.Join(", ", SetInheritance.OverridableFields)));
            _overrides.Add((p.Name, entry, p));
        }
    }

    private void ReadCriteriaEntries()
    {
        if (_f.Array(_root, "criteria", required: false) is not { } ca) return;
        foreach (var item in ca)
        {
            if (_f.Object(item, LoadingMessages.WhatCriterion) is not { } co) continue;
            var nv = _f.Number(co, "number");
            if (nv is { } n && n == Math.Floor(n) && n > 0) _criteriaEntries.Add(((int)n, co));
            else if (nv is not null) _f.Error(JsonFields.Get(co, "number"), LoadingMessages.CriterionNumberForm);
        }
    }

    /// <summary>Step 3: every removal and override names something of the base, and nothing is both removed and overridden.</summary>
    private void CheckRemovalsAndOverrides()
    {
        var baseIndicators = _base.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        foreach (var (code, at) in _removedIndicators)
            if (!baseIndicators.ContainsKey(code)) _f.Error(at, MessageText.Format(LoadingMessages.RemoveUnknownIndicator, code, _base.Id));
        foreach (var (number, at) in _removedCriteria)
            if (_base.Criteria.All(c => c.Number != number)) _f.Error(at, MessageText.Format(LoadingMessages.RemoveUnknownCriterion, number, _base.Id));
        foreach (var (code, entry, at) in _overrides)
        {
            if (!baseIndicators.TryGetValue(code, out var bi)) _f.Error(at, MessageText.Format(LoadingMessages.OverrideUnknownIndicator, code, _base.Id, string.Join(", ", _base.Indicators.Select(i => i.Code))));
            else if (_removedIndicators.ContainsKey(code) || _removedCriteria.ContainsKey(bi.CriterionNumber)) _f.Error(at, MessageText.Format(LoadingMessages.OverrideRemoved, code));
            else _overrideByCode[code] = entry;
        }
    }

    /// <summary>Step 4: the set's own rules by name (a name defined twice is an error) and the base's.</summary>
    private void IndexRules()
    {
        _ownRules = (_ownWorkflow?.Rules ?? []).Where(r => r.RuleName is not null).GroupBy(r => r.RuleName!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var dup in (_ownWorkflow?.Rules ?? []).GroupBy(r => r.RuleName).Where(g => g.Count() > 1))
            _f.Problems.Add(_locations.At(dup.Last(), "RuleName", _ownWorkflowPath, MessageText.Format(LoadingMessages.RuleDefinedTwice, dup.Key, dup.Count())));
        _baseRules = _base.Workflow.Rules.ToDictionary(r => r.RuleName, StringComparer.Ordinal);
    }

    /// <summary>Step 5: walk the base's criteria applying removals, overrides and additions, then the set's new criteria; in number order.</summary>
    private List<Criterion> ResolveCriteria()
    {
        var entriesByNumber = _criteriaEntries.GroupBy(e => e.Number).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var g in entriesByNumber.Where(g => g.Value.Count > 1))
            _f.Error(g.Value[1].Entry, MessageText.Format(LoadingMessages.CriterionTwiceInCriteria, g.Key));
        var criteria = new List<Criterion>();
        foreach (var bc in _base.Criteria)
        {
            if (_removedCriteria.ContainsKey(bc.Number)) continue;
            if (InheritCriterion(bc, entriesByNumber.TryGetValue(bc.Number, out var es) ? es[0].Entry : null) is { } c) criteria.Add(c);
        }
        foreach (var (number, entries) in entriesByNumber.OrderBy(e => e.Key))
        {
            if (_base.Criteria.Any(c => c.Number == number)) continue;
            if (NewCriterion(number, entries[0].Entry) is { } c) criteria.Add(c);
        }
        criteria.Sort((a, b) => a.Number.CompareTo(b.Number));
        return criteria;
    }

    /// <summary>A criterion of the base: its indicators not removed (each with its override), then those the entry adds.</summary>
    private Criterion? InheritCriterion(Criterion bc, JObject? entry)
    {
        if (entry is not null && JsonFields.Get(entry, "indicators") is { } bad)
            _f.Error(bad, MessageText.Format(LoadingMessages.CriterionInBase, bc.Number, _base.Id));
        var indicators = bc.Indicators.Where(i => !_removedIndicators.ContainsKey(i.Code))
            .Select(i => Inherit(i, _overrideByCode.GetValueOrDefault(i.Code))).ToList();
        if (entry is not null && _f.Array(entry, "add", required: false) is { } add)
            foreach (var t in add)
                if (Add(t, bc.Number) is { } ind) indicators.Add(ind);
        var name = entry is not null && JsonFields.Get(entry, "name") is not null ? _f.String(entry, "name") ?? bc.Name : bc.Name;
        if (indicators.Count > 0) return new Criterion(bc.Number, name, indicators);
        _f.Error(entry ?? (JToken)_root, MessageText.Format(LoadingMessages.CriterionEmpty, bc.Number));
        return null;
    }

    /// <summary>A criterion the base does not have: a name and its own indicators.</summary>
    private Criterion? NewCriterion(int number, JObject entry)
    {
        if (JsonFields.Get(entry, "add") is { } addToken) _f.Error(addToken, MessageText.Format(LoadingMessages.NewCriterionAdd, number, _base.Id));
        var name = _f.String(entry, "name");
        var indicators = new List<Indicator>();
        if (_f.Array(entry, "indicators") is { } ia)
        {
            if (ia.Count == 0) _f.Error(ia, LoadingMessages.CriterionNeedsIndicator);
            foreach (var t in ia)
                if (Add(t, number) is { } ind) indicators.Add(ind);
        }
        return name is not null && indicators.Count > 0 ? new Criterion(number, name, indicators) : null;
    }

    /// <summary>An indicator of the base, with the set's override applied, its threshold replaced or marked assumed, and its rule chosen.</summary>
    private Indicator Inherit(Indicator bi, JObject? entry)
    {
        var (result, changed, newThreshold) = ApplyOverride(bi, entry);
        ReplacedThreshold? replaced = bi.Origin?.Replaced;
        if (newThreshold is not null)
        {
            if (newThreshold.Kind != bi.Threshold.Kind)
                _f.Error(JsonFields.Get(entry!, "threshold"), MessageText.Format(LoadingMessages.OverrideKind, bi.Code, (bi.Threshold.Kind == ScalarKind.Boolean ? LoadingMessages.KindYesNo : LoadingMessages.KindNumber)));
            replaced = new ReplacedThreshold(bi.Threshold, _base.Id, SetInheritance.DecisionOf(bi.Threshold, _base));
            result = result with { Threshold = newThreshold };
        }
        else if (_inheritedAssumed)
        {
            // The figure is the base's; nobody has confirmed that this set's decision keeps it.
            result = result with { Threshold = SetInheritance.MarkAssumed(bi.Threshold, _base, _header.Decision ?? CriteriaSetReader.PlaceholderDecision, _inheritedReason ?? "") };
        }
        var kind = changed.Count == 0 ? IndicatorOriginKind.Inherited : IndicatorOriginKind.Overridden;
        var (ruleFile, rulePlugin, ownRule) = ChooseRule(bi, result, entry);
        if (ownRule)
        {
            if (!changed.Contains("rule")) changed.Add("rule");
            kind = IndicatorOriginKind.Overridden;
        }
        var fields = changed.OrderBy(c => Array.IndexOf(SetInheritance.OverridableFields, c)).ToArray();
        return result with { Origin = new IndicatorOrigin(kind, _base.Id, bi.Code, fields, replaced, ruleFile, rulePlugin) };
    }

    /// <summary>The override's fields applied to <paramref name="bi"/>: the result, the fields it really changes, and its new threshold if any.</summary>
    private (Indicator Result, List<string> Changed, Threshold? NewThreshold) ApplyOverride(Indicator bi, JObject? entry)
    {
        var changed = new List<string>();
        var result = bi;
        Threshold? newThreshold = null;
        foreach (var field in entry is null ? [] : SetInheritance.OverridableFields)
        {
            if (JsonFields.Get(entry!, field) is null) continue;
            changed.Add(field);
            if (field == "threshold") newThreshold = OverriddenThreshold(entry!, result.Code);
            else result = OverrideField(result, entry!, field);
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
        return (result, changed, newThreshold);
    }

    private Indicator OverrideField(Indicator result, JObject entry, string field)
    {
        switch (field)
        {
            case "code": if (_f.String(entry, "code") is { } c) result = result with { Code = c }; break;
            case "name": if (_f.String(entry, "name") is { } n) result = result with { Name = n }; break;
            case "responsibleOffice": result = result with { ResponsibleOffice = _f.String(entry, "responsibleOffice", required: false) ?? "" }; break;
            case "applicableWhen": result = result with { ApplicableWhen = _f.String(entry, "applicableWhen", required: false) }; break;
            case "rule": if (_f.String(entry, "rule") is { } r) result = result with { RuleName = r }; break;
            case "value":
                if (_f.Object(JsonFields.Get(entry, "value"), "'value'") is { } vo)
                    result = result with { ValueLabel = _f.String(vo, "label") ?? result.ValueLabel, ValueUnit = _f.String(vo, "unit", required: false) ?? "" };
                break;
        }
        return result;
    }

    private Threshold? OverriddenThreshold(JObject entry, string code) =>
        _f.Object(JsonFields.Get(entry, "threshold"), "'threshold'") is { } to ? CriteriaSetReader.ReadThreshold(to, code, _f, _locations) : null;

    /// <summary>
    /// The rule of an inherited indicator: the set's own rule of that name (which overrides the
    /// base's), else the base's; where it was written; and whether it is the set's own.
    /// </summary>
    private (string RuleFile, PluginInfo RulePlugin, bool Own) ChooseRule(Indicator bi, Indicator result, JObject? entry)
    {
        var ruleName = result.RuleName;
        if (_ownRules.TryGetValue(ruleName, out var own))
        {
            _usedOwnRules.Add(ruleName);
            _ruleOrder.Add(own);
            return (_ownWorkflowPath, _plugin, true);
        }
        if (_baseRules.TryGetValue(ruleName, out var inheritedRule))
        {
            _ruleOrder.Add(inheritedRule);
            return (bi.Origin?.RuleFile ?? _base.WorkflowFile, bi.Origin?.RulePlugin ?? _base.Plugin, false);
        }
        _f.Error(entry, MessageText.Format(LoadingMessages.InheritedWithoutRule, result.Code, ruleName));
        return (_ownWorkflowPath, _plugin, false);
    }

    /// <summary>An indicator the set adds, with its own rule.</summary>
    private Indicator? Add(JToken token, int criterion)
    {
        if (CriteriaSetReader.ReadIndicator(token, criterion, _f, _locations) is not { } ind) return null;
        if (_ownRules.TryGetValue(ind.RuleName, out var rule))
        {
            _usedOwnRules.Add(ind.RuleName);
            _ruleOrder.Add(rule);
        }
        else _f.Error(token, MessageText.Format(LoadingMessages.AddedWithoutRule, ind.Code, ind.RuleName, _workflowRel ?? LoadingMessages.OwnWorkflowNone));
        return _locations.Carry(ind, ind with { Origin = new IndicatorOrigin(IndicatorOriginKind.Added, null, null, [], null, _ownWorkflowPath, _plugin) });
    }

    /// <summary>Step 6: whole-set checks on the result — codes and rule names unique, every own rule used.</summary>
    private void CheckResult(List<Criterion> criteria)
    {
        foreach (var dup in criteria.SelectMany(c => c.Indicators).GroupBy(i => i.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            // Point at the set's own entry that clashes: an added indicator (read from this file) or an override's 'code'.
            var own = dup.FirstOrDefault(i => i.Origin?.Kind == IndicatorOriginKind.Added);
            var renumbered = dup.Select(i => i.Origin?.BaseCode).OfType<string>().Select(c => _overrideByCode.GetValueOrDefault(c)).FirstOrDefault(e => e is not null && JsonFields.Get(e, "code") is not null);
            var message = MessageText.Format(LoadingMessages.IndicatorCodeClash, dup.Key, dup.Count());
            if (own is not null) _f.Problems.Add(_locations.At(own, "code", _setPath, message));
            else _f.Error(renumbered is not null ? JsonFields.Get(renumbered, "code") : _root, message);
        }
        foreach (var dup in criteria.SelectMany(c => c.Indicators).GroupBy(i => i.RuleName, StringComparer.Ordinal).Where(g => g.Count() > 1))
            _f.Error(_root, MessageText.Format(LoadingMessages.RuleEvaluatesSeveral, dup.Key, dup.Count(), string.Join(", ", dup.Select(i => i.Code))));
        foreach (var r in _ownRules.Where(kv => !_usedOwnRules.Contains(kv.Key)))
            _f.Problems.Add(_locations.At(r.Value, "RuleName", _ownWorkflowPath, MessageText.Format(LoadingMessages.OwnRuleUnused, r.Key)));
    }

    /// <summary>Step 7a: the base's measures with the set's own replacing (a province may reword a label or tighten a range) or added.</summary>
    private List<Measure> MergeMeasures()
    {
        var measures = _base.Measures.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (m, at) in _ownMeasures)
        {
            if (!seen.Add(m.Key)) { _f.Error(at, MessageText.Format(LoadingMessages.MeasureKeyTwice, m.Key)); continue; }
            var index = measures.FindIndex(x => x.Key == m.Key);
            if (index >= 0) measures[index] = m;
            else measures.Add(m);
        }
        CriteriaSetReader.CheckRelations(_ownMeasures, measures, _f);
        return measures;
    }

    /// <summary>Step 7b: the base's global params, then the set's own (a name the base defines is an error).</summary>
    private List<ScopedParam> MergeGlobals()
    {
        var globals = (_base.Workflow.GlobalParams ?? []).ToList();
        foreach (var g in _ownWorkflow?.GlobalParams ?? [])
        {
            if (globals.Any(x => x.Name == g.Name)) _f.Problems.Add(_locations.At(g, "Name", _ownWorkflowPath, MessageText.Format(LoadingMessages.GlobalParamDefined, g.Name, _base.Id)));
            else globals.Add(g);
        }
        return globals;
    }

    /// <summary>Step 8: the flat set, or — with errors — null, after handing a best-effort set to <paramref name="partial"/> so its rules are checked too.</summary>
    private SetSource? Build(List<Criterion> criteria, List<Measure> measures, List<ScopedParam> globals, int errorsBefore, List<SetSource>? partial)
    {
        var workflowFile = _ownWorkflow is null ? _base.WorkflowFile : _ownWorkflowPath;
        if (ErrorsSince(errorsBefore) || HeaderIncomplete)
        {
            if (partial is not null && criteria.Count > 0)
                partial.Add(CriteriaSetReader.BestEffort(_header.Id, measures, criteria,
                    new Workflow { WorkflowName = _header.Id, GlobalParams = globals.DistinctBy(g => g.Name).ToList(), Rules = _ruleOrder },
                    _plugin, _setPath, workflowFile, _locations));
            return null;
        }
        var workflow = new Workflow { WorkflowName = _header.Id, GlobalParams = globals, Rules = _ruleOrder };
        var legalBases = _base.LegalBases.Concat(_header.LegalBases).Distinct(StringComparer.Ordinal).ToArray();
        return new SetSource(_header.Id!, _header.Name!, _header.Level!.Value, _header.Decision!, _header.AmendedBy, _header.Effective!, legalBases,
            measures, criteria, workflow, _plugin, _setPath, workflowFile, _locations)
        {
            Bases = [new BaseSet(_base.Id, _base.Decision, _base.Plugin), .. _base.Bases],
        };
    }
}

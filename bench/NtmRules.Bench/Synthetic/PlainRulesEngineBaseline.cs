using System.Dynamic;
using System.Globalization;
using System.Text.RegularExpressions;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using RulesEngine.Models;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// Benchmark path (a): what a developer would write with Microsoft RulesEngine alone. One shared
/// engine with default settings holds the plugin's workflow with every <c>threshold</c> replaced
/// by its literal figure — one workflow per region and threshold date, since figures vary by both —
/// plus one rule per "(nếu có)" condition; each commune becomes a new <see cref="ExpandoObject"/>
/// named <c>m</c> and goes through <c>ExecuteAllRulesAsync</c>, one after the other.
/// </summary>
/// <remarks>
/// Every measure is put in the object, absent ones as 0 or false: RulesEngine compiles a workflow
/// anew for every distinct set of members, so leaving absent members out would make this path
/// recompile for almost every commune and measure that instead. Verdicts of indicators whose
/// inputs are absent come from <see cref="PreparedProvince"/>, not from the placeholder.
/// </remarks>
public sealed partial class PlainRulesEngineBaseline
{
    private readonly CompiledCriteriaSet _compiled;
    private readonly RulesEngine.RulesEngine _engine;
    private readonly Dictionary<(Region, CommuneGroup?, DateOnly), string> _workflows = new();
    private readonly string[] _keys;
    private readonly bool[] _isFlag;
    private readonly int[] _conditionRule;

    [GeneratedRegex(@"\bthreshold\b")]
    private static partial Regex ThresholdWord();

    /// <summary>An engine for <paramref name="compiled"/>'s workflow, with the set's expression functions and nothing else changed from RulesEngine's defaults.</summary>
    public PlainRulesEngineBaseline(CompiledCriteriaSet compiled)
    {
        _compiled = compiled;
        _engine = new RulesEngine.RulesEngine(new ReSettings { CustomTypes = compiled.FunctionTypes.ToArray() });
        _keys = compiled.Set.Measures.Select(m => m.Key).ToArray();
        _isFlag = compiled.Set.Measures.Select(m => m.Type == MeasureType.Boolean).ToArray();
        var indicators = compiled.Set.Indicators;
        var next = indicators.Count;
        _conditionRule = indicators.Select(i => i.ApplicableWhen is null ? -1 : next++).ToArray();
    }

    /// <summary>
    /// Registers the workflow of every region and date <paramref name="province"/> uses and runs it
    /// once, so that RulesEngine's compilation is not part of the timed runs.
    /// </summary>
    public async Task PrepareAsync(PreparedProvince province, CancellationToken cancellationToken = default)
    {
        foreach (var commune in province.Communes)
        {
            var key = (commune.ThresholdRegion, commune.Group, commune.Date);
            if (_workflows.ContainsKey(key)) continue;
            var name = $"{_compiled.Set.Id}@{key.ThresholdRegion.Code()}@{key.Group?.Code() ?? "-"}@{key.Date:yyyy-MM-dd}";
            _engine.AddWorkflow(BuildWorkflow(name, key.ThresholdRegion, key.Group, key.Date));
            _workflows[key] = name;
            var results = await _engine.ExecuteAllRulesAsync(name, [new RuleParameter(CompiledCriteriaSet.MeasuresInput, ToExpando(commune))], cancellationToken);
            var expected = _compiled.Set.Indicators.Select(i => i.RuleName).ToArray();
            if (!results.Take(expected.Length).Select(r => r.Rule.RuleName).SequenceEqual(expected, StringComparer.Ordinal))
                throw new InvalidOperationException($"RulesEngine returned the rules of {name} in another order than they were given");
        }
    }

    /// <summary>Evaluates every commune, one after the other, writing verdicts into <paramref name="verdicts"/>.</summary>
    public async Task RunAsync(PreparedProvince province, VerdictTable verdicts, CancellationToken cancellationToken = default)
    {
        var count = _compiled.Set.Indicators.Count;
        for (var c = 0; c < province.Communes.Count; c++)
        {
            var commune = province.Communes[c];
            var results = await _engine.ExecuteAllRulesAsync(_workflows[(commune.ThresholdRegion, commune.Group, commune.Date)],
                [new RuleParameter(CompiledCriteriaSet.MeasuresInput, ToExpando(commune))], cancellationToken);
            for (var i = 0; i < count; i++)
            {
                var condition = _conditionRule[i];
                verdicts[c, i] =
                    condition >= 0 && !province.ConditionInputsPresent(commune, i) ? Verdict.MissingData
                    : condition >= 0 && !results[condition].IsSuccess ? Verdict.NotApplicable
                    : !province.RuleInputsPresent(commune, i) ? Verdict.MissingData
                    : results[i].IsSuccess ? Verdict.Met
                    : Verdict.NotMet;
            }
        }
    }

    private ExpandoObject ToExpando(PreparedCommune commune)
    {
        var m = new ExpandoObject();
        IDictionary<string, object?> members = m;
        for (var k = 0; k < _keys.Length; k++) members[_keys[k]] = _isFlag[k] ? commune.Flags[k] : commune.Numbers[k];
        return m;
    }

    private Workflow BuildWorkflow(string name, Region region, CommuneGroup? group, DateOnly date)
    {
        var set = _compiled.Set;
        var rules = _compiled.SourceWorkflow.Rules.ToDictionary(r => r.RuleName, StringComparer.Ordinal);
        var list = set.Indicators.Select(i => WithLiteral(rules[i.RuleName], Literal(i.Threshold.Resolve(date, region, group).Value))).ToList();
        list.AddRange(set.Indicators.Where(i => i.ApplicableWhen is not null).Select(i => new Rule
        {
            RuleName = i.Code + " (nếu có)",
            Expression = i.ApplicableWhen,
            RuleExpressionType = RuleExpressionType.LambdaExpression,
        }));
        return new Workflow { WorkflowName = name, GlobalParams = _compiled.SourceWorkflow.GlobalParams, Rules = list };
    }

    private static Rule WithLiteral(Rule rule, string literal) => new()
    {
        RuleName = rule.RuleName,
        Expression = rule.Expression is null ? null : ThresholdWord().Replace(rule.Expression, literal),
        Operator = rule.Operator,
        Enabled = rule.Enabled,
        ErrorMessage = rule.ErrorMessage,
        SuccessEvent = rule.SuccessEvent,
        RuleExpressionType = RuleExpressionType.LambdaExpression,
        LocalParams = rule.LocalParams?.Select(p => new ScopedParam { Name = p.Name, Expression = ThresholdWord().Replace(p.Expression, literal) }).ToList(),
        Rules = rule.Rules?.Select(r => WithLiteral(r, literal)).ToList(),
    };

    private static string Literal(Scalar value) => value.Kind == ScalarKind.Boolean
        ? (value.Flag ? "true" : "false")
        : value.Number.ToString("R", CultureInfo.InvariantCulture);
}

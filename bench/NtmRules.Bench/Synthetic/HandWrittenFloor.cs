using System.Linq.Expressions;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// Benchmark path (c), the floor: what plain C# costs for the same judgement — no engine, no
/// result tree, no trace, one commune after the other. It is written generically rather than by
/// hand per indicator, so that it follows whatever set is measured: each rule's <c>actual</c>
/// (with the params before it) is parsed once by RulesEngine's own expression parser, the same
/// language the product runs, into a plain compiled delegate over the commune's typed measures;
/// the value is then compared with the indicator's declared threshold by
/// <see cref="Threshold.IsMet"/>. The rule's own <c>Expression</c> is not used: the product warns
/// when a rule disagrees with its declared operator, and the check would show it.
/// </summary>
public sealed class HandWrittenFloor
{
    private readonly CompiledCriteriaSet _compiled;
    private readonly Func<object, Scalar?>[] _actual;
    private readonly Func<object, bool>?[] _condition;
    private readonly Dictionary<(Region, CommuneGroup?, DateOnly), ResolvedThreshold[]> _thresholds = new();
    private readonly object _measures;

    /// <summary>Compiles every indicator's value of <paramref name="compiled"/>. Throws <see cref="NotSupportedException"/> for a rule without an <c>actual</c> param.</summary>
    public HandWrittenFloor(CompiledCriteriaSet compiled)
    {
        _compiled = compiled;
        var parser = new RuleExpressionParser(new ReSettings { CustomTypes = compiled.FunctionTypes.ToArray(), AutoRegisterInputType = false });
        var rules = compiled.SourceWorkflow.Rules.ToDictionary(r => r.RuleName, StringComparer.Ordinal);
        _actual = compiled.Set.Indicators.Select(i => CompileActual(parser, rules[i.RuleName])).ToArray();
        _condition = compiled.Set.Indicators.Select(i => i.ApplicableWhen is { } c ? CompileCondition(parser, c) : null).ToArray();
        _measures = compiled.MeasureType.Create();
    }

    /// <summary>Judges every commune, writing verdicts into <paramref name="verdicts"/>. One run at a time: the measures object is reused.</summary>
    public void Run(PreparedProvince province, VerdictTable verdicts)
    {
        var set = _compiled.Set;
        var setters = set.Measures.Select(m => _compiled.MeasureType.TypedSetters[m.Key]).ToArray();
        for (var c = 0; c < province.Communes.Count; c++)
        {
            var commune = province.Communes[c];
            for (var k = 0; k < setters.Length; k++)
            {
                if (setters[k].Flag is { } flag) flag(_measures, commune.Flags[k]);
                else setters[k].Number!(_measures, commune.Numbers[k]);
            }
            var thresholds = ThresholdsFor(commune.ThresholdRegion, commune.Group, commune.Date);
            for (var i = 0; i < _actual.Length; i++)
            {
                if (_condition[i] is { } condition)
                {
                    if (!province.ConditionInputsPresent(commune, i)) { verdicts[c, i] = Verdict.MissingData; continue; }
                    if (!condition(_measures)) { verdicts[c, i] = Verdict.NotApplicable; continue; }
                }
                if (!province.RuleInputsPresent(commune, i)) { verdicts[c, i] = Verdict.MissingData; continue; }
                var t = thresholds[i];
                verdicts[c, i] = _actual[i](_measures) is { } actual && Threshold.IsMet(actual, t.Operator, t.Value) ? Verdict.Met : Verdict.NotMet;
            }
        }
    }

    private ResolvedThreshold[] ThresholdsFor(Region region, CommuneGroup? group, DateOnly date)
    {
        if (_thresholds.TryGetValue((region, group, date), out var found)) return found;
        var resolved = _compiled.Set.Indicators.Select(i => i.Threshold.Resolve(date, region, group)).ToArray();
        _thresholds[(region, group, date)] = resolved;
        return resolved;
    }

    /// <summary>The rule's params up to <c>actual</c>, in order (each sees the ones before), as one delegate.</summary>
    private Func<object, Scalar?> CompileActual(RuleExpressionParser parser, Rule rule)
    {
        var (input, variables, steps) = Start();
        var locals = rule.LocalParams?.ToList() ?? [];
        var last = locals.FindIndex(p => p.Name == CompiledCriteriaSet.ActualParam);
        if (last < 0) throw new NotSupportedException($"rule \"{rule.RuleName}\" has no \"{CompiledCriteriaSet.ActualParam}\" param");
        foreach (var p in (_compiled.SourceWorkflow.GlobalParams ?? []).Concat(locals.Take(last + 1)))
        {
            var body = parser.Parse(p.Expression, variables.ToArray(), null);
            var v = Expression.Variable(body.Type, p.Name);
            steps.Add(Expression.Assign(v, body));
            variables.Add(v);
        }
        var actual = variables[^1];
        if (actual.Type == typeof(bool))
        {
            steps.Add(actual);
            var flag = Expression.Lambda<Func<object, bool>>(Expression.Block(variables, steps), input).Compile();
            return m => Scalar.Of(flag(m));
        }
        steps.Add(Expression.Convert(actual, typeof(double)));
        var number = Expression.Lambda<Func<object, double>>(Expression.Block(variables, steps), input).Compile();
        return m => number(m) is var d && double.IsFinite(d) ? Scalar.Of(d) : null;
    }

    private Func<object, bool> CompileCondition(RuleExpressionParser parser, string condition)
    {
        var (input, variables, steps) = Start();
        steps.Add(parser.Parse(condition, variables.ToArray(), typeof(bool)));
        return Expression.Lambda<Func<object, bool>>(Expression.Block(variables, steps), input).Compile();
    }

    private (ParameterExpression Input, List<ParameterExpression> Variables, List<Expression> Steps) Start()
    {
        var input = Expression.Parameter(typeof(object), "input");
        var m = Expression.Variable(_compiled.MeasureType.Type, CompiledCriteriaSet.MeasuresInput);
        return (input, [m], [Expression.Assign(m, Expression.Convert(input, m.Type))]);
    }
}

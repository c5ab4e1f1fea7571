using System.Linq.Expressions;
using NtmRules.Kernel.Domain;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;
using LinqExpression = System.Linq.Expressions.Expression;

namespace NtmRules.Kernel.Evaluation;

/// <summary>
/// One rule of a workflow compiled, once at load, into delegates the kernel calls directly for
/// every commune: the expressions as RulesEngine's own parser (<see cref="RuleExpressionParser.Parse"/>)
/// read them, wrapped the way RulesEngine wraps its compiled rules, with RulesEngine's semantics: scoped params evaluated in order,
/// each seeing the inputs and the params before it (a child rule also sees its parent's); a rule
/// with child rules combines all of them with its operator (<c>NestedRuleExecutionMode.All</c>);
/// a param or expression that throws makes the rule fail with the error kept apart.
/// </summary>
/// <remarks>
/// Calling RulesEngine's executor (<c>ExecuteAllRulesAsync</c>) per commune costs several
/// microseconds per rule for its result-tree bookkeeping, more than the rule itself; a province of
/// 10,000 communes pays that half a million times. The same workflow still runs through the
/// executor on request (<see cref="RuleExecution.RulesEngineExecutor"/>), and the two must agree.
/// </remarks>
internal sealed class CompiledRule
{
    private readonly Rule _rule;
    private readonly TieredLambda<object>[] _params;
    private readonly int _firstParam;
    private readonly TieredLambda<bool>? _expression;
    private readonly bool _all;
    private readonly int _actual;
    private readonly int _threshold;
    private readonly TieredLambda<LeafRun>? _leaf;

    private CompiledRule(Rule rule, IReadOnlyList<ScopedParam> parameters, TieredLambda<object>[] compiledParams, int firstParam,
        TieredLambda<bool>? expression, IReadOnlyList<CompiledRule> children, TieredLambda<LeafRun>? leaf)
    {
        _leaf = leaf;
        _rule = rule;
        Name = rule.RuleName;
        Expression = children.Count > 0 ? null : rule.Expression;
        Operator = rule.Operator;
        Params = parameters;
        _params = compiledParams;
        _firstParam = firstParam;
        _expression = expression;
        Children = children;
        _all = rule.Operator is "And" or "AndAlso";
        _actual = parameters.Select(p => p.Name).ToList().LastIndexOf(CompiledCriteriaSet.ActualParam);
        // Only the host writes a param of that name (a workflow's own is refused at load).
        _threshold = parameters.Select(p => p.Name).ToList().IndexOf(CompiledCriteriaSet.ThresholdParam);
        Unevaluated = parameters.Select(p => new ParamValue(p.Name, p.Expression, null)).ToArray();
        Depth = firstParam + parameters.Count + (children.Count == 0 ? 0 : children.Max(c => c.Depth - firstParam - parameters.Count));
        _notRunChildren = children.Select(c => c.NotRunTrace).ToArray();
        NotRunTrace = new RuleTrace(Name, Expression, Operator, Unevaluated, false, null, null, _notRunChildren);
    }

    private readonly RuleTrace[] _notRunChildren;

    /// <summary>Rule name.</summary>
    public string Name { get; }

    /// <summary>The rule's expression; null for a rule made of child rules.</summary>
    public string? Expression { get; }

    /// <summary>And/AndAlso/Or/OrElse combining the child rules.</summary>
    public string? Operator { get; }

    /// <summary>The params this rule evaluates, in order (for a top-level rule: global params, the threshold, its LocalParams).</summary>
    public IReadOnlyList<ScopedParam> Params { get; }

    /// <summary>Child rules, in order.</summary>
    public IReadOnlyList<CompiledRule> Children { get; }

    /// <summary>The params without values, for a rule not run or whose params failed; shared, never written.</summary>
    public ParamValue[] Unevaluated { get; }

    /// <summary>Position of the <c>actual</c> param in <see cref="Params"/>, or -1 (child rules).</summary>
    public int ActualIndex => _actual;

    /// <summary>Position of the host's <c>threshold</c> param in <see cref="Params"/>, or -1.</summary>
    public int ThresholdIndex => _threshold;

    /// <summary>
    /// Whether the rule runs as one expression (<see cref="TryRunWhole"/>): no child rules, and every param
    /// is the host's threshold or the <c>actual</c>, whose values a trace reads from the thresholds and the result.
    /// </summary>
    public bool RunsWhole => _leaf is not null;

    /// <summary>
    /// The trace of this rule when it was not run (its indicator lacked data or did not apply): its
    /// params without values, no verdict, its children not run either. The same for every commune.
    /// </summary>
    public RuleTrace NotRunTrace { get; }

    /// <summary>Slots of the argument array a run needs: the inputs, then every param down the deepest branch.</summary>
    public int Depth { get; }

    /// <summary>
    /// Compiles <paramref name="rule"/> from the expressions RulesEngine's parser produced when the
    /// set was checked. <paramref name="scope"/> holds the variables visible to the rule (the inputs,
    /// and a parent's params); <paramref name="own"/> are the params it evaluates itself, in order.
    /// Each delegate takes the argument array as RulesEngine's own compiled rules do: slot i holds
    /// variable i of the scope.
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="scope">The variables visible to it.</param>
    /// <param name="own">The params it evaluates itself.</param>
    /// <param name="expressionOf">The parsed expression of a rule.</param>
    /// <param name="childParams">The parsed params of a child rule.</param>
    /// <param name="tier">How its expressions are run (<see cref="TieredLambda{T}"/>).</param>
    public static CompiledRule Compile(Rule rule, IReadOnlyList<ParameterExpression> scope, IReadOnlyList<ParsedParam> own,
        Func<Rule, LinqExpression?> expressionOf, Func<Rule, IReadOnlyList<ParsedParam>> childParams, Tier tier = Tier.Tiered)
        => Compile(rule, scope, own, expressionOf, childParams, tier, topLevel: true);

    private static CompiledRule Compile(Rule rule, IReadOnlyList<ParameterExpression> scope, IReadOnlyList<ParsedParam> own,
        Func<Rule, LinqExpression?> expressionOf, Func<Rule, IReadOnlyList<ParsedParam>> childParams, Tier tier, bool topLevel)
    {
        var visible = new List<ParameterExpression>(scope);
        var inputs = scope.Count;
        var compiled = new TieredLambda<object>[own.Count];
        for (var i = 0; i < own.Count; i++)
        {
            compiled[i] = new TieredLambda<object>(Wrap<object>(visible, own[i].Body), TieredLambda<object>.Fast, tier);
            visible.Add(own[i].Variable);
        }
        var children = (rule.Rules ?? []).Where(c => c.Enabled).Select(c => Compile(c, visible, childParams(c), expressionOf, childParams, tier, topLevel: false)).ToArray();
        var expression = children.Length > 0 ? null : new TieredLambda<bool>(Wrap<bool>(visible, expressionOf(rule)
            ?? throw new InvalidOperationException($"rule \"{rule.RuleName}\" was not parsed when its set was checked")), TieredLambda<bool>.Fast, tier);
        // Only a top-level rule is run on its own; a child runs inside its parent's Run.
        var leaf = !topLevel || children.Length > 0 || !OnlyThresholdAndActual(own) || own.Any(p => p.Body.Type != p.Variable.Type) ? null
            : new TieredLambda<LeafRun>(Whole(visible, inputs, own, expressionOf(rule)!), TieredLambda<LeafRun>.Fast, tier);
        return new CompiledRule(rule, own.Select(p => p.Param).ToArray(), compiled, scope.Count, expression, children, leaf);
    }

    /// <summary>Whether every param is the host's threshold or the rule's (last) <c>actual</c>.</summary>
    private static bool OnlyThresholdAndActual(IReadOnlyList<ParsedParam> own)
    {
        var actual = -1;
        for (var i = 0; i < own.Count; i++)
        {
            if (own[i].Param.Name == CompiledCriteriaSet.ActualParam) actual = i;
        }
        for (var i = 0; i < own.Count; i++)
        {
            if (i != actual && own[i].Param.Name != CompiledCriteriaSet.ThresholdParam) return false;
        }
        return true;
    }

    /// <summary>
    /// <c>args =&gt; { inputs from args; p0 = …; pn = …; return new LeafRun(body, actual); }</c>: a rule without child
    /// rules in one delegate, its params held in typed locals — no argument slot written, no number boxed, one
    /// call instead of one per param and one for the body. Params run in the same order as in <see cref="Run"/>.
    /// </summary>
    private static Expression<Func<object[], LeafRun>> Whole(IReadOnlyList<ParameterExpression> visible, int inputs,
        IReadOnlyList<ParsedParam> own, LinqExpression body)
    {
        var args = LinqExpression.Parameter(typeof(object[]), "args");
        var steps = new List<LinqExpression>(visible.Count + 1);
        for (var i = 0; i < inputs; i++)
            steps.Add(LinqExpression.Assign(visible[i], LinqExpression.Convert(LinqExpression.ArrayIndex(args, LinqExpression.Constant(i)), visible[i].Type)));
        ParameterExpression? actual = null;
        for (var i = 0; i < own.Count; i++)
        {
            steps.Add(LinqExpression.Assign(own[i].Variable, own[i].Body));
            if (own[i].Param.Name == CompiledCriteriaSet.ActualParam) actual = own[i].Variable;
        }
        var success = body.Type == typeof(bool) ? body : LinqExpression.Convert(body, typeof(bool));
        steps.Add(LeafRun.New(success, actual));
        return LinqExpression.Lambda<Func<object[], LeafRun>>(LinqExpression.Block(visible, steps), args);
    }

    /// <summary>The same rule with every expression run as <paramref name="tier"/> says.</summary>
    public CompiledRule As(Tier tier) =>
        new(_rule, Params, _params.Select(p => p.As(tier)).ToArray(), _firstParam, _expression?.As(tier), Children.Select(c => c.As(tier)).ToArray(), _leaf?.As(tier));

    /// <summary>
    /// An indicator's <c>applicableWhen</c> condition over the measures alone (<paramref name="measures"/>),
    /// compiled, once it runs often, as RulesEngine's <c>RuleExpressionParser.Compile</c> compiles it: the framework's compiler.
    /// </summary>
    public static TieredLambda<bool> Condition(ParameterExpression measures, LinqExpression body, Tier tier = Tier.Tiered) =>
        new(Wrap<bool>([measures], body), TieredLambda<bool>.Framework, tier);

    /// <summary><c>args =&gt; { v0 = (T0)args[0]; …; return body; }</c> over the variables of <paramref name="scope"/>.</summary>
    private static Expression<Func<object[], T>> Wrap<T>(IReadOnlyList<ParameterExpression> scope, LinqExpression body)
    {
        var args = LinqExpression.Parameter(typeof(object[]), "args");
        var steps = new List<LinqExpression>(scope.Count + 1);
        for (var i = 0; i < scope.Count; i++)
            steps.Add(LinqExpression.Assign(scope[i], LinqExpression.Convert(LinqExpression.ArrayIndex(args, LinqExpression.Constant(i)), scope[i].Type)));
        steps.Add(body.Type == typeof(T) ? body : Result(body, typeof(T)));
        return LinqExpression.Lambda<Func<object[], T>>(LinqExpression.Block(scope, steps), args);
    }

    private static readonly object True = true, False = false;
    private static readonly LinqExpression TrueBox = LinqExpression.Field(null, typeof(CompiledRule).GetField(nameof(True), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!);
    private static readonly LinqExpression FalseBox = LinqExpression.Field(null, typeof(CompiledRule).GetField(nameof(False), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!);

    /// <summary>
    /// <paramref name="body"/> as <paramref name="type"/>; a yes/no returned as an object is one of two
    /// shared boxes rather than a new one for each param of every commune (same value, same outputs).
    /// The boxes are read from their fields: FastExpressionCompiler emits a constant bool typed as an
    /// object as a new box on every run.
    /// </summary>
    private static LinqExpression Result(LinqExpression body, Type type) =>
        body.Type == typeof(bool) && type == typeof(object)
            ? LinqExpression.Condition(body, TrueBox, FalseBox)
            : LinqExpression.Convert(body, type);

    /// <summary>
    /// Runs the rule. <paramref name="args"/> holds the inputs (and, for a child, its parent's
    /// params) and has <see cref="Depth"/> slots; this rule's params are written after them.
    /// Returns the rule's trace, which is also its outcome (verdict, error, params, children);
    /// <paramref name="actual"/> is the raw value of its <c>actual</c> param, when it has one and it was evaluated.
    /// </summary>
    /// <param name="args">The argument slots.</param>
    /// <param name="threshold">The value of the host's <c>threshold</c> param, already read from the thresholds input
    /// (the same for every commune of a region and date); null to evaluate the param like any other.</param>
    /// <param name="actual">The raw value of the <c>actual</c> param.</param>
    public RuleTrace Run(object[] args, object? threshold, out object? actual)
    {
        actual = null;
        // The traced values go straight into the array the trace keeps.
        var values = _params.Length == 0 ? [] : new ParamValue[_params.Length];
        for (var i = 0; i < _params.Length; i++)
        {
            object value;
            try
            {
                value = i == _threshold && threshold is not null ? threshold : _params[i].Invoke(args);
            }
            catch (Exception e)
            {
                // As RulesEngine does: a failing param fails the rule, no param value is reported and no child runs.
                actual = null;
                return Traced(false, Unevaluated, $"Error while executing scoped params for rule `{Name}` - {e.Message}", _notRunChildren);
            }
            args[_firstParam + i] = value;
            values[i] = new ParamValue(Params[i].Name, Params[i].Expression, Scalar.FromObject(value));
            if (i == _actual) actual = value;
        }
        if (Children.Count > 0)
        {
            var results = new RuleTrace[Children.Count];
            var success = _all;
            for (var c = 0; c < results.Length; c++)
            {
                results[c] = Children[c].Run(args, null, out _);
                success = _all ? success && results[c].IsSuccess == true : success || results[c].IsSuccess == true;
            }
            return Traced(success, values, null, results);
        }
        try
        {
            return Traced(_expression!.Invoke(args), values, null, []);
        }
        catch (Exception e)
        {
            return Traced(false, values, $"Error while executing rule : {Name} - {e.Message}", []);
        }
    }

    /// <summary>
    /// Runs a rule without child rules as <see cref="Run"/> does, for its verdict only: each param's value
    /// goes to <paramref name="values"/> from <paramref name="offset"/> (a trace is made from them when asked
    /// for) and no trace is built. False when the rule has child rules or a param or the expression threw:
    /// <see cref="Run"/> then gives the trace and its error.
    /// </summary>
    public bool TryRunLeaf(object[] args, object? threshold, object?[] values, int offset, out bool success)
    {
        success = false;
        if (Children.Count > 0) return false;
        try
        {
            for (var i = 0; i < _params.Length; i++)
            {
                var value = i == _threshold && threshold is not null ? threshold : _params[i].Invoke(args);
                args[_firstParam + i] = value;
                values[offset + i] = value;
            }
            success = _expression!.Invoke(args);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs a rule that <see cref="RunsWhole"/>, for its verdict and its <c>actual</c> only (a trace is made from
    /// them and the threshold when asked for). False when a param or the expression threw: <see cref="Run"/>
    /// then gives the trace and its error.
    /// </summary>
    public bool TryRunWhole(object[] args, out LeafRun run)
    {
        try
        {
            run = _leaf!.Invoke(args);
            return true;
        }
        catch (Exception)
        {
            run = default;
            return false;
        }
    }

    /// <summary>The trace of a run of this rule.</summary>
    private RuleTrace Traced(bool success, IReadOnlyList<ParamValue> values, string? error, IReadOnlyList<RuleTrace> children) =>
        new(Name, Expression, Operator, values, true, success, error, children);

    /// <summary>The same trace read from RulesEngine's result tree for this rule (<see cref="RuleExecution.RulesEngineExecutor"/>).</summary>
    public RuleTrace FromEngine(RuleResultTree tree, out object? actual)
    {
        var values = new ParamValue[Params.Count];
        actual = null;
        var any = false;
        for (var i = 0; i < values.Length; i++)
        {
            var p = Params[i];
            object? v = null;
            if (tree.Inputs is not null && tree.Inputs.TryGetValue(p.Name, out v)) any = true;
            values[i] = new ParamValue(p.Name, p.Expression, Scalar.FromObject(v));
            if (i == _actual) actual = v;
        }
        var children = tree.ChildResults?.ToArray() ?? [];
        return Traced(tree.IsSuccess, any || values.Length == 0 ? values : Unevaluated,
            string.IsNullOrEmpty(tree.ExceptionMessage) ? null : tree.ExceptionMessage,
            Children.Select((c, i) => i < children.Length ? c.FromEngine(children[i], out _) : c.NotRunTrace).ToArray());
    }
}

/// <summary>
/// What a run of a rule without child rules gives (<see cref="CompiledRule.TryRunWhole"/>): its verdict and its
/// <c>actual</c> param's value, a number or a yes/no held unboxed, any other value as the object it is.
/// </summary>
internal readonly struct LeafRun
{
    private const byte NoActual = 0, Number = 1, Flag = 2, Other = 3;

    private readonly double _number;
    private readonly object? _other;
    private readonly byte _kind;

    /// <summary>For the expression tree; read through <see cref="New"/>.</summary>
    public LeafRun(bool success, byte kind, double number, object? other)
    {
        Success = success;
        _kind = kind;
        _number = number;
        _other = other;
    }

    /// <summary>The rule's verdict.</summary>
    public bool Success { get; }

    /// <summary>The <c>actual</c> param's value as <see cref="Scalar.FromObject"/> reads the object the param gave.</summary>
    public Scalar? Actual => _kind switch
    {
        Number => double.IsFinite(_number) ? Scalar.Of(_number) : null,
        Flag => Scalar.Of(_number != 0),
        Other => Scalar.FromObject(_other),
        _ => null,
    };

    /// <summary>The value as the object the param gave (built only for an error's message).</summary>
    public object? RawActual => _kind switch
    {
        Number => _number,
        Flag => _number != 0,
        Other => _other,
        _ => null,
    };

    private static readonly System.Reflection.ConstructorInfo Constructor = typeof(LeafRun).GetConstructor([typeof(bool), typeof(byte), typeof(double), typeof(object)])!;

    /// <summary><c>new LeafRun(success, kind, number, other)</c> for <paramref name="actual"/>'s type.</summary>
    internal static LinqExpression New(LinqExpression success, ParameterExpression? actual)
    {
        var (kind, number, other) = actual switch
        {
            null => (NoActual, (LinqExpression)LinqExpression.Constant(0d), (LinqExpression)LinqExpression.Constant(null, typeof(object))),
            { Type: var t } when t == typeof(double) => (Number, actual, LinqExpression.Constant(null, typeof(object))),
            { Type: var t } when t == typeof(bool) => (Flag, LinqExpression.Condition(actual, LinqExpression.Constant(1d), LinqExpression.Constant(0d)), LinqExpression.Constant(null, typeof(object))),
            _ => (Other, LinqExpression.Constant(0d), LinqExpression.Convert(actual, typeof(object))),
        };
        return LinqExpression.New(Constructor, success, LinqExpression.Constant(kind), number, other);
    }
}

/// <summary>A param as the set's check parsed it: the variable it defines and its parsed expression.</summary>
/// <param name="Param">The param as the workflow writes it.</param>
/// <param name="Variable">The variable later expressions read it through.</param>
/// <param name="Body">Its expression, parsed against the variables before it.</param>
internal sealed record ParsedParam(ScopedParam Param, ParameterExpression Variable, LinqExpression Body);

/// <summary>Which executor runs a set's compiled rules.</summary>
public enum RuleExecution
{
    /// <summary>The rules as RulesEngine's parser compiled them, called directly (the default).</summary>
    Compiled,

    /// <summary>RulesEngine's <c>ExecuteAllRulesAsync</c> over the same workflow: slower, for cross-checking.</summary>
    RulesEngineExecutor,
}

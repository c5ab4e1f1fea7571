using System.Linq.Expressions;
using FastExpressionCompiler;

namespace NtmRules.Kernel.Evaluation;

/// <summary>How a rule's expressions are run.</summary>
internal enum Tier
{
    /// <summary>Interpreted first (nothing to emit or JIT), compiled to IL once the expression has run <see cref="TieredLambda{T}.CompileAfter"/> times.</summary>
    Tiered,

    /// <summary>Always interpreted (tests comparing the tiers).</summary>
    Interpreted,

    /// <summary>Compiled to IL at once.</summary>
    Compiled,
}

/// <summary>
/// One expression of a rule over the argument array, run the cheapest way for how often it runs: a
/// single commune's evaluation (<c>ntm evaluate</c>, a web request) interprets the expression tree —
/// emitting IL and having the JIT compile it costs more than running the tree a few times — while a
/// province's batch, the bench or the web under load compile it to IL after its first
/// <see cref="CompileAfter"/> runs, on the thread that made that run. Both tiers run the same tree with
/// the framework's expression semantics; <c>TieredCompileTests</c> compares them on every shipped set.
/// </summary>
/// <typeparam name="T">What the expression gives.</typeparam>
internal sealed class TieredLambda<T>
{
    /// <summary>Runs after which an expression is compiled to IL.</summary>
    internal const int CompileAfter = 32;

    private readonly Expression<Func<object[], T>> _lambda;
    private readonly Func<Expression<Func<object[], T>>, Func<object[], T>> _compile;
    private Func<object[], T> _run;
    private int _runs;
    private int _compiled;

    /// <summary>An expression run as <paramref name="tier"/> says; <paramref name="compile"/> makes its IL tier.</summary>
    public TieredLambda(Expression<Func<object[], T>> lambda, Func<Expression<Func<object[], T>>, Func<object[], T>> compile, Tier tier)
    {
        _lambda = lambda;
        _compile = compile;
        Tier = tier;
        _compiled = tier == Tier.Tiered ? 0 : 1;
        _run = tier == Tier.Compiled ? compile(lambda) : lambda.Compile(preferInterpretation: true);
        RunsIL = tier == Tier.Compiled;
    }

    /// <summary>How this expression is run.</summary>
    public Tier Tier { get; }

    /// <summary>The expression compiled with the framework's compiler (as RulesEngine compiles conditions).</summary>
    public static Func<object[], T> Framework(Expression<Func<object[], T>> lambda) => lambda.Compile();

    /// <summary>The expression compiled with FastExpressionCompiler (as the kernel compiles rules).</summary>
    public static Func<object[], T> Fast(Expression<Func<object[], T>> lambda) => lambda.CompileFast();

    /// <summary>Runs the expression over <paramref name="args"/>.</summary>
    public T Invoke(object[] args)
    {
        // Counted without a lock: two threads may both count a run; only the one that flips the flag compiles.
        if (_compiled == 0 && ++_runs >= CompileAfter && Interlocked.Exchange(ref _compiled, 1) == 0) Promote();
        return Volatile.Read(ref _run)(args);
    }

    /// <summary>Swaps in the IL tier; an expression the compiler cannot take stays interpreted, with the same results.</summary>
    private void Promote()
    {
        Func<object[], T> compiled;
        try
        {
            compiled = _compile(_lambda);
        }
        catch (Exception)
        {
            // Not the rule's error: the run that triggered this must still give the rule's own outcome.
            return;
        }
        Volatile.Write(ref _run, compiled);
        RunsIL = true;
    }

    /// <summary>Whether the expression now runs as IL.</summary>
    public bool RunsIL { get; private set; }

    /// <summary>The same expression run as <paramref name="tier"/> says.</summary>
    public TieredLambda<T> As(Tier tier) => new(_lambda, _compile, tier);
}

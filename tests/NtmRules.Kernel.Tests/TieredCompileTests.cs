using CsCheck;
using NtmRules.Bench.Synthetic;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// A rule's expressions are interpreted for the first runs and compiled to IL after
/// (<see cref="TieredLambda{T}"/>, issue #19): both tiers must judge and write every commune the same,
/// byte for byte, on every shipped set — checked over synthetic communes drawn by the bench's generator
/// with CsCheck choosing the seed and the shares of missing, out-of-range and favourable values.
/// </summary>
public class TieredCompileTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> ShippedSets()
    {
        var data = new TheoryData<string>();
        foreach (var set in ShippedPlugins.Loaded.Sets) data.Add(set.Set.Id);
        return data;
    }

    private static readonly Gen<(int Seed, SyntheticOptions Options)> Province =
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Double[0, 0.3], Gen.Double[0, 0.2], Gen.Double[0.2, 1])
            .Select((seed, missing, outOfRange, favourable) =>
                (seed, new SyntheticOptions { MissingShare = missing, OutOfRangeShare = outOfRange, FavourableShare = favourable }));

    [Theory]
    [MemberData(nameof(ShippedSets))]
    public async Task Interpreted_and_compiled_rules_write_the_same_evaluation_and_trace(string setId)
    {
        var host = ShippedPlugins.Loaded;
        var interpreted = host.GetSet(setId).As(Tier.Interpreted);
        var compiled = host.GetSet(setId).As(Tier.Compiled);
        await Province.SampleAsync(async p =>
        {
            foreach (var data in SyntheticProvince.For(compiled, p.Options).Generate(4, p.Seed))
            {
                Written(await host.Evaluator.EvaluateAsync(interpreted, data))
                    .Should().Be(Written(await host.Evaluator.EvaluateAsync(compiled, data)), $"set {setId}, seed {p.Seed}, commune {data.Commune.Name}");
            }
        }, iter: 6, threads: 1); // 6 draws of the shares, 24 communes a set
    }

    [Fact]
    public async Task A_rule_run_often_is_compiled_and_still_judges_the_same()
    {
        var host = ShippedPlugins.Loaded;
        var tiered = host.GetSet("vn.qd318.xa-ntm").As(Tier.Tiered);
        var compiled = tiered.As(Tier.Compiled);
        var communes = SyntheticProvince.For(tiered).Generate(TieredLambda<bool>.CompileAfter * 2, seed: 7).ToArray();
        foreach (var data in communes)
        {
            Written(await host.Evaluator.EvaluateAsync(tiered, data))
                .Should().Be(Written(await host.Evaluator.EvaluateAsync(compiled, data)), $"commune {data.Commune.Name}");
        }
    }

    [Fact]
    public void The_tiers_are_what_was_asked()
    {
        var set = ShippedPlugins.Loaded.GetSet("vn.qd318.xa-ntm");
        set.As(Tier.Interpreted).Indicators.Should().OnlyContain(i => i.Applicable == null || i.Applicable.Tier == Tier.Interpreted);
        set.As(Tier.Compiled).Indicators.Should().OnlyContain(i => i.Applicable == null || i.Applicable.Tier == Tier.Compiled);
        set.Indicators.Should().OnlyContain(i => i.Applicable == null || i.Applicable.Tier == Tier.Tiered, "a load compiles tiered");
    }

    private static string Written(EvaluationResult result)
    {
        using var w = new StringWriter();
        EvaluationJsonWriter.Write(result, w);
        TraceTextWriter.Write(result, result.Indicators, Provenance.Of(result, At), w);
        return w.ToString();
    }
}

/// <summary>The tiers of one expression: interpreted, then IL after <see cref="TieredLambda{T}.CompileAfter"/> runs.</summary>
public class TieredLambdaTests
{
    private static readonly System.Linq.Expressions.Expression<Func<object[], object>> Twice = args => (object)((double)args[0] * 2);

    [Fact]
    public void An_expression_is_interpreted_until_it_has_run_often_then_runs_as_IL_with_the_same_results()
    {
        var lambda = new TieredLambda<object>(Twice, TieredLambda<object>.Fast, Tier.Tiered);
        for (var n = 1; n < TieredLambda<object>.CompileAfter; n++)
        {
            lambda.Invoke([(double)n]).Should().Be(2.0 * n);
            lambda.RunsIL.Should().BeFalse($"run {n}");
        }
        lambda.Invoke([0.5]).Should().Be(1.0);
        lambda.RunsIL.Should().BeTrue();
        lambda.Invoke([21.0]).Should().Be(42.0);
    }

    [Fact]
    public void An_expression_the_compiler_refuses_stays_interpreted_and_its_run_is_not_an_error()
    {
        var lambda = new TieredLambda<object>(Twice, _ => throw new NotSupportedException("no IL here"), Tier.Tiered);
        for (var n = 0; n < 2 * TieredLambda<object>.CompileAfter; n++) lambda.Invoke([(double)n]).Should().Be(2.0 * n);
        lambda.RunsIL.Should().BeFalse();
    }

    [Fact]
    public void Fixed_tiers_do_not_change()
    {
        var interpreted = new TieredLambda<object>(Twice, TieredLambda<object>.Fast, Tier.Interpreted);
        for (var n = 0; n < 2 * TieredLambda<object>.CompileAfter; n++) interpreted.Invoke([1.0]);
        interpreted.RunsIL.Should().BeFalse();
        new TieredLambda<object>(Twice, TieredLambda<object>.Fast, Tier.Compiled).RunsIL.Should().BeTrue();
    }
}

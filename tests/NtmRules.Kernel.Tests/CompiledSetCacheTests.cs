using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using NtmRules.Tests.Shared;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// A set of the same content is compiled once per process (<see cref="CompiledSetCache"/>, issue #19):
/// a second load gets the same compiled rules bound to its own set, a changed file gives a new
/// compile, and loads at once compile once.
/// </summary>
public class CompiledSetCacheTests
{
    [Fact]
    public async Task The_same_content_read_again_shares_the_compiled_rules_but_keeps_its_own_set()
    {
        var folder = CopyFixture("mini");
        var (first, _) = Compile(folder);
        var (second, evaluator) = Compile(folder);

        second.Should().NotBeSameAs(first);
        second.Set.Should().NotBeSameAs(first.Set, "each load evaluates with the set it read");
        second.Indicators.Select(i => i.Indicator).Should().Equal(second.Set.Indicators);
        second.Indicators.Select(i => i.Rule).Should().Equal(first.Indicators.Select(i => i.Rule), (a, b) => ReferenceEquals(a, b));
        second.Inputs.Should().BeSameAs(first.Inputs);

        var data = Commune(PassingMeasures());
        Written(await evaluator.EvaluateAsync(second, data))
            .Should().Be(Written(await new Evaluator(Evaluator.CreateSettings([]), [first]).EvaluateAsync(first, data)));
    }

    [Fact]
    public async Task A_changed_rule_or_threshold_is_compiled_again_and_judged_as_written()
    {
        var folder = CopyFixture("mini");
        var (before, _) = Compile(folder);
        var workflow = Path.Combine(folder, "workflow.json");
        File.WriteAllText(workflow, File.ReadAllText(workflow).Replace("\"actual >= threshold\" }\n  ]", "\"actual > threshold\" }\n  ]"));
        var (changedRule, evaluator) = Compile(folder);

        changedRule.Indicators.Single(i => i.Indicator.Code == "15.1").Rule.Should().NotBeSameAs(before.Indicators.Single(i => i.Indicator.Code == "15.1").Rule);
        changedRule.Indicators.Single(i => i.Indicator.Code == "15.1").Rule.Expression.Should().Be("actual > threshold");
        var atThreshold = Commune(PassingMeasures(("tyLeThamGiaBhyt", "95")));
        var judged = await evaluator.EvaluateAsync(changedRule, atThreshold);
        var threshold = judged.Indicator("15.1").Threshold.Value.Number;
        (await evaluator.EvaluateAsync(changedRule, Commune(PassingMeasures(("tyLeThamGiaBhyt", Number(threshold))))))
            .Indicator("15.1").Outcome.Should().Be(Outcome.FailedComparison, "the rule now asks for more than the threshold");

        var set = Path.Combine(folder, "set.json");
        File.WriteAllText(set, File.ReadAllText(set).Replace("\"value\": 50,", "\"value\": 51,"));
        var (changedThreshold, _) = Compile(folder);
        changedThreshold.Indicators.Select(i => i.Rule).Should().NotIntersectWith(changedRule.Indicators.Select(i => i.Rule));
    }

    [Fact]
    public async Task Loads_of_the_same_content_at_once_compile_it_once()
    {
        var folder = CopyFixture("mini");
        var compiles = CompiledSetCache.Compiles;
        var sets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Compile(folder).Compiled)));

        sets.Select(s => s.Indicators[0].Rule).Distinct().Should().ContainSingle();
        sets.Select(s => s.Set).Distinct().Should().HaveCount(8, "each load keeps the set it read");
        // Other tests compile in parallel: at least this content was compiled once, and not once per load.
        (CompiledSetCache.Compiles - compiles).Should().BeGreaterThanOrEqualTo(1);
        sets.Select(s => s.Inputs).Distinct().Should().ContainSingle();
    }

    [Fact]
    public void The_key_covers_what_the_compile_reads()
    {
        var folder = CopyFixture("mini");
        var functions = new Dictionary<string, IReadOnlySet<string>> { ["Ntm"] = new HashSet<string> { "Rate" } };
        var (set, _) = Read(folder);
        var key = CompiledSetCache.Describe(set!, functions);
        CompiledSetCache.Describe(Read(folder).Set!, functions).Should().Be(key, "the same content gives the same key");
        CompiledSetCache.Describe(set!, new Dictionary<string, IReadOnlySet<string>> { ["Ntm"] = new HashSet<string> { "Rate", "Other" } })
            .Should().NotBe(key, "the allow-list of functions is part of what was checked");
        using (TestCulture.Use("vi")) CompiledSetCache.Describe(set!, functions).Should().NotBe(key, "problems are worded in the language of the load");

        var file = Path.Combine(folder, "set.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"value\": 50,", "\"value\": 50.5,"));
        CompiledSetCache.Describe(Read(folder).Set!, functions).Should().NotBe(key, "a threshold figure is checked against the value's range");
    }

    private static string Number(double d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Written(EvaluationResult result)
    {
        using var w = new StringWriter();
        EvaluationJsonWriter.Write(result, w);
        return w.ToString();
    }
}

using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Kernel.Tests.Hostile;

/// <summary>
/// Hostile rules in a plugin (issue 16, cases 10 and 11): refused when the set loads (plugin
/// problem, exit code 3) with file, line and column, before any parser can overflow the stack.
/// </summary>
public class HostileRuleTests
{
    /// <summary>The mini fixture with rule 11's "actual" replaced by <paramref name="actual"/> (already JSON-escaped).</summary>
    private static string WithActual(string actual)
    {
        var folder = TestKit.CopyFixture("mini");
        var path = Path.Combine(folder, "workflow.json");
        var text = File.ReadAllText(path).Replace("\"Expression\": \"Ntm.Rate(m.hoNgheo + m.hoCanNgheo, m.tongSoHo)\"", $"\"Expression\": \"{actual}\"");
        File.WriteAllText(path, text);
        return folder;
    }

    private static Problem CompileRefused(string folder)
    {
        var (set, problems) = TestKit.Read(folder);
        set.Should().NotBeNull(string.Join("\n", problems));
        var act = () => CompiledCriteriaSet.Compile(set!, Evaluator.CreateSettings([]),
            new Dictionary<string, IReadOnlySet<string>> { ["Ntm"] = new HashSet<string> { "Rate" } });
        return act.Should().Throw<PluginException>().Which.Problems.Should().ContainSingle().Which;
    }

    [Fact] // case 10
    public void Case10_two_thousand_nested_parentheses_are_refused_with_their_place_not_a_stack_overflow()
    {
        var p = CompileRefused(WithActual(new string('(', 2000) + "m.hoNgheo" + new string(')', 2000)));
        p.File.Should().EndWith("workflow.json");
        (p.Line, p.Column).Should().NotBe((null, null));
        p.Message.Should().Contain("nested 2000 deep").And.Contain("at most 32");
        p.Message.Length.Should().BeLessThan(600, "the message quotes the start of the expression, not all of it");
    }

    [Fact] // case 10
    public void Case10_a_sum_of_five_thousand_terms_is_refused_with_its_place()
    {
        var p = CompileRefused(WithActual(string.Join(" + ", Enumerable.Repeat("m.hoNgheo", 5000))));
        p.Line.Should().Be(6);
        p.Message.Should().ContainAny("characters long", "operators");
    }

    [Fact] // case 10: limits leave real rules alone
    public void Case10_a_long_but_reasonable_expression_still_compiles()
    {
        var folder = WithActual("Ntm.Rate(" + string.Join(" + ", Enumerable.Repeat("m.hoNgheo", 100)) + ", m.tongSoHo)");
        var (set, problems) = TestKit.Read(folder);
        var act = () => CompiledCriteriaSet.Compile(set!, Evaluator.CreateSettings([]),
            new Dictionary<string, IReadOnlySet<string>> { ["Ntm"] = new HashSet<string> { "Rate" } });
        act.Should().NotThrow(string.Join("\n", problems));
    }

    [Fact] // case 11
    public void Case11_a_disabled_rule_is_refused_when_the_set_is_read()
    {
        var folder = TestKit.CopyFixture("mini");
        var path = Path.Combine(folder, "workflow.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("{ \"RuleName\": \"13.4\",", "{ \"RuleName\": \"13.4\", \"Enabled\": false,"));
        var (set, problems) = TestKit.Read(folder);
        set.Should().BeNull();
        var p = problems.Should().ContainSingle(p => p.Severity == Severity.Error).Which;
        p.File.Should().EndWith("workflow.json");
        p.Line.Should().Be(7);
        p.Field.Should().EndWith("Enabled");
        p.Message.Should().Contain("\"Enabled\": false is not supported");
    }
}

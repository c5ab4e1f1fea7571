using NtmRules.Kernel.Diagnostics;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

public class CompileTests
{
    private static PluginException CompileFails(string find, string replace, string file = "workflow.json")
    {
        var folder = CopyFixture("mini");
        var path = Path.Combine(folder, file);
        var text = File.ReadAllText(path);
        text.Should().Contain(find);
        File.WriteAllText(path, text.Replace(find, replace));
        var act = () => Compile(folder);
        return act.Should().Throw<PluginException>().Which;
    }

    [Fact]
    public void Syntax_error_is_a_load_error_naming_file_and_rule()
    {
        var e = CompileFails("actual <= threshold", "actual <= threshold +");
        var p = e.Problems.Single();
        p.File.Should().EndWith("workflow.json");
        p.Message.Should().Contain("rule \"11\"").And.Contain("does not compile");
    }

    [Fact]
    public void Unknown_measure_in_a_rule_is_a_load_error()
    {
        CompileFails("m.tyLeThamGiaBhyt", "m.tyLeBhyt").Problems.Single().Message.Should().Contain("'m.tyLeBhyt' is not a measure of this set");
    }

    [Theory]
    [InlineData("m.thuNhapBinhQuan.GetType().Assembly.Location.Length", "GetType: reflection is forbidden in rule expressions")]
    [InlineData("m.GetType().Name.Length", "GetType: reflection is forbidden in rule expressions")]
    [InlineData("DateTime.Now.Year", "DateTime.Now is non-deterministic: pass the date as a measure")]
    [InlineData("DateTime.UtcNow.Year", "DateTime.UtcNow is non-deterministic: pass the date as a measure")]
    [InlineData("System.IO.File.ReadAllText(\"/etc/passwd\").Length", "File: file access is forbidden in rule expressions")]
    [InlineData("Environment.ProcessorCount", "Environment: reading the environment is forbidden")]
    [InlineData("typeof(string).Name.Length", "typeof: reflection is forbidden in rule expressions")]
    [InlineData("System.Diagnostics.Process.GetCurrentProcess().Id", "Process: starting processes is forbidden")]
    [InlineData("new System.Net.Http.HttpClient().Timeout.TotalSeconds", "HttpClient: network access is forbidden")]
    [InlineData("Activator.CreateInstance(m.GetType()) == null ? 1 : 0", "Activator: reflection is forbidden")]
    public void Expressions_that_reach_beyond_arithmetic_are_refused_saying_why(string expression, string message)
    {
        var e = CompileFails("\"m.thuNhapBinhQuan\"", "\"" + expression.Replace("\"", "\\\"") + "\"");
        e.Problems.Should().ContainSingle().Which.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("DateTime.MinValue.Year")]
    [InlineData("Convert.ToDouble(m.thuNhapBinhQuan)")]
    [InlineData("string.Empty.Length")]
    public void Names_outside_the_allow_list_are_refused_even_when_no_reason_is_known(string expression)
    {
        var e = CompileFails("\"m.thuNhapBinhQuan\"", "\"" + expression + "\"");
        e.Problems.Should().ContainSingle().Which.Message.Should().Contain("is not allowed");
    }

    [Fact]
    public void Rule_without_actual_is_refused()
    {
        CompileFails("\"name\": \"actual\", \"expression\": \"m.thuNhapBinhQuan\"", "\"name\": \"value\", \"expression\": \"m.thuNhapBinhQuan\"")
            .Problems.Should().Contain(p => p.Message.Contains("define a LocalParam \"actual\""));
    }

    [Fact]
    public void Rule_that_ignores_its_threshold_is_refused()
    {
        CompileFails("\"Expression\": \"actual >= threshold\"", "\"Expression\": \"actual >= 90\"")
            .Problems.Single().Message.Should().Contain("never reads \"threshold\"");
    }

    [Fact]
    public void Boolean_actual_against_numeric_threshold_is_refused()
    {
        CompileFails("\"Expression\": \"m.tyLeThamGiaBhyt\"", "\"Expression\": \"m.coQuyHoachChung\"")
            .Problems.Should().Contain(p => p.Message.Contains("is Boolean but the threshold"));
    }

    [Fact]
    public void Indicator_without_rule_and_orphan_rule_are_reported_by_the_reader()
    {
        var folder = CopyFixture("mini");
        var path = Path.Combine(folder, "workflow.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"RuleName\": \"15.1\"", "\"RuleName\": \"15.9\""));
        var (set, problems) = Read(folder);
        set.Should().BeNull();
        problems.Select(p => p.Message).Should().Contain(m => m.Contains("indicator 15.1 has no rule named \"15.1\""))
            .And.Contain(m => m.Contains("rule \"15.9\" evaluates no indicator"));
    }

    [Fact]
    public void Threshold_without_citation_is_refused()
    {
        var folder = CopyFixture("mini");
        var path = Path.Combine(folder, "set.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace(", \"citation\": { \"decision\": \"1/QĐ-TEST\", \"item\": \"15.1\" }", ""));
        var (set, problems) = Read(folder);
        set.Should().BeNull();
        problems.Single().Message.Should().Contain("must cite its legal source");
        problems.Single().Line.Should().NotBeNull();
    }

    [Fact]
    public void Assumed_value_without_a_reason_is_refused()
    {
        var folder = CopyFixture("mini");
        var path = Path.Combine(folder, "set.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace(", \"reason\": \"test figure\"", ""));
        Read(folder).Problems.Single().Message.Should().Contain("an assumed figure needs the 'reason' it was chosen");
    }

    [Theory]
    [InlineData("{ \"state\": \"confirmed\", \"document\": \"QĐ 1/QĐ-TEST\", \"location\": \"mục 1\" }", "a confirmed figure needs the 'quote'")]
    [InlineData("{ \"state\": \"reported\" }", "a reported figure needs the 'document'")]
    [InlineData("{ \"state\": \"reported\", \"document\": \"seed 001 §III.1.2.3\" }", "is not a public document")]
    [InlineData("{ \"state\": \"assumed\", \"reason\": \"see shared/domain/criteria.md\" }", "is not a public document")]
    [InlineData("{ \"state\": \"verified\" }", "unknown provenance state \"verified\"")]
    public void A_provenance_without_what_its_state_needs_or_naming_a_private_file_is_refused(string provenance, string expected)
    {
        var folder = CopyFixture("mini");
        var path = Path.Combine(folder, "set.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"provenance\": { \"state\": \"assumed\", \"reason\": \"test figure\" }", "\"provenance\": " + provenance));
        var problems = Read(folder).Problems;
        problems.Should().ContainSingle(p => p.Severity == Severity.Error).Which.Message.Should().Contain(expected);
        problems.Single().Line.Should().NotBeNull();
    }

    [Fact]
    public void Case_insensitive_workflow_fields_are_read()
    {
        // The fixture writes rule "10" in camelCase; it must compile and evaluate like the others.
        var r = EvaluateMini(Commune(PassingMeasures()));
        r.Indicator("10").Actual!.Value.Number.Should().Be(60);
    }
}

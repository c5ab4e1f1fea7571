using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Application.Tests;

public sealed class ProblemSerializerTests
{
    [Fact]
    public void A_located_problem_has_the_documented_keys_in_order_and_the_cli_line_as_text()
    {
        var p = new Problem(Severity.Error, "must be a number", "xa.json", 12, 5, "measures.danSo");
        ProblemSerializer.ToJson(p).ToJsonString().Should().Be(
            """{"severity":"error","message":"must be a number","file":"xa.json","line":12,"column":5,"field":"measures.danSo","text":"xa.json(12,5): error: measures.danSo: must be a number"}""");
    }

    [Fact]
    public void Absent_locations_are_null_not_left_out()
    {
        var p = new Problem(Severity.Warning, "ignored");
        ProblemSerializer.ToJson(p).ToJsonString().Should().Be(
            """{"severity":"warning","message":"ignored","file":null,"line":null,"column":null,"field":null,"text":"warning: ignored"}""");
    }

    [Fact]
    public void A_list_keeps_its_order()
    {
        var problems = new[] { new Problem(Severity.Error, "a"), new Problem(Severity.Warning, "b") };
        ProblemSerializer.ToJson(problems).Select(n => (string)n!["message"]!).Should().Equal("a", "b");
    }
}

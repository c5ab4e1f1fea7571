using NtmRules.Kernel.Data;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Output;
using NtmRules.Bench.Synthetic;
using static NtmRules.Kernel.Tests.TestKit;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// The kernel runs the rules RulesEngine's parser compiled; RulesEngine's own executor
/// (<c>ExecuteAllRulesAsync</c>) over the same workflow must give the same evaluation and trace,
/// byte for byte once written.
/// </summary>
public class ExecutorEquivalenceTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Both_executors_write_the_same_evaluation_and_trace_for_a_synthetic_province()
    {
        var compiled = NationalSet.Compiled;
        var communes = SyntheticProvince.For(compiled).Generate(30, seed: 11).ToArray();
        var statuses = new HashSet<string>();
        foreach (var data in communes)
        {
            var (compiledJson, engineJson) = await BothAsync(NationalSet.Evaluator, compiled, data);
            compiledJson.Should().Be(engineJson, $"commune {data.Commune.Name}");
            foreach (var s in new[] { "\"met\"", "\"failed-comparison\"", "\"missing-data\"", "\"not-applicable\"" })
                if (compiledJson.Contains(s)) statuses.Add(s);
        }
        statuses.Should().HaveCount(4, "the province exercises every outcome kind that does not need a broken rule");
    }

    [Fact]
    public async Task Both_executors_agree_on_global_params_nested_rules_and_run_time_errors()
    {
        var folder = CopyFixture("mini");
        var wf = Path.Combine(folder, "workflow.json");
        var text = File.ReadAllText(wf)
            .Replace("\"WorkflowName\": \"vn.test.mini\",", "\"WorkflowName\": \"vn.test.mini\", \"GlobalParams\": [ { \"Name\": \"tong\", \"Expression\": \"m.hoNgheo + m.hoCanNgheo\" } ],")
            .Replace("\"Expression\": \"Ntm.Rate(m.hoNgheo + m.hoCanNgheo, m.tongSoHo)\" } ], \"Expression\": \"actual <= threshold\" }",
                "\"Expression\": \"Ntm.Rate(tong, m.tongSoHo)\" } ], \"Operator\": \"And\", \"Rules\": [ "
                + "{ \"RuleName\": \"11a\", \"LocalParams\": [ { \"Name\": \"gap\", \"Expression\": \"threshold - actual\" } ], \"Expression\": \"gap >= 0\" }, "
                + "{ \"RuleName\": \"11b\", \"Expression\": \"Math.Round(tong, tong == 50 ? -1 : 0) >= 0\" } ] }")
            .Replace("\"expression\": \"m.thuNhapBinhQuan\"", "\"expression\": \"Math.Round(m.thuNhapBinhQuan, m.hoNgheo > 100 ? -1 : 0)\"");
        File.WriteAllText(wf, text);
        var (compiled, evaluator) = Compile(folder);

        var passing = Commune(PassingMeasures(("hoNgheo", "21")));
        var (a, b) = await BothAsync(evaluator, compiled, passing);
        a.Should().Be(b);
        a.Should().Contain("\"name\": \"gap\"", "a child rule's own params are traced");

        // 25 + 25 = 50 makes 11b round to -1 digits, which throws: an error in a child rule, the same text from both.
        var childThrows = Commune(PassingMeasures(("hoNgheo", "25"), ("hoCanNgheo", "25")));
        (a, b) = await BothAsync(evaluator, compiled, childThrows);
        a.Should().Be(b).And.Contain("Error while executing rule : 11b");

        // A throwing param: both report an expression error; only RulesEngine's message adds a stack trace.
        var paramThrows = Commune(PassingMeasures(("hoNgheo", "120"), ("tongSoHo", "100000")));
        var viaCompiled = await evaluator.EvaluateAsync(compiled, paramThrows, RuleExecution.Compiled);
        var viaEngine = await evaluator.EvaluateAsync(compiled, paramThrows, RuleExecution.RulesEngineExecutor);
        viaCompiled.Indicator("10").Outcome.Should().Be(Outcome.ExpressionError);
        viaEngine.Indicator("10").Outcome.Should().Be(Outcome.ExpressionError);
        viaCompiled.Indicator("10").Error.Should().StartWith("Error while executing scoped params for rule `10` - ").And.Contain("digits");
        viaEngine.Indicator("10").Error.Should().StartWith("Error while executing scoped params for rule `10` - ");
        viaCompiled.Indicators.Select(i => (i.Indicator.Code, i.Status, i.Outcome, i.Actual))
            .Should().Equal(viaEngine.Indicators.Select(i => (i.Indicator.Code, i.Status, i.Outcome, i.Actual)));
    }

    [Fact]
    public async Task A_rule_is_not_run_for_an_indicator_without_its_data()
    {
        var result = await NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, Commune("{}"));
        result.Indicators.Should().OnlyContain(i => i.Outcome == Outcome.MissingData || i.Outcome == Outcome.NotApplicable);
        result.Indicators.Should().OnlyContain(i => !i.Rule!.Evaluated && i.Rule.IsSuccess == null && i.Rule.Error == null);
    }

    private static async Task<(string Compiled, string Engine)> BothAsync(Evaluator evaluator, CompiledCriteriaSet compiled, CommuneData data) =>
        (Write(await evaluator.EvaluateAsync(compiled, data, RuleExecution.Compiled)),
         Write(await evaluator.EvaluateAsync(compiled, data, RuleExecution.RulesEngineExecutor)));

    private static string Write(EvaluationResult result)
    {
        var output = new StringWriter();
        EvaluationJsonWriter.Write(result, output);
        TraceJsonWriter.Write(result, result.Indicators, Provenance.Of(result, At), output);
        return output.ToString();
    }
}

using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Application.Tests;

public sealed class IndicatorSelectionTests
{
    private static async Task<Kernel.Evaluation.EvaluationResult> ResultAsync() =>
        (await new CommuneEvaluation(_ => Repo.Host, new RecordingReporter())
            .EvaluateAsync(new EvaluationRequest(Repo.Sample("cam-thanh-2023.json"), "cam-thanh-2023.json", SetChoice.Named(Repo.XaNtm)), CancellationToken.None)).Result;

    [Fact]
    public async Task No_code_selects_every_indicator_in_order_and_a_code_selects_its_one()
    {
        var result = await ResultAsync();
        IndicatorSelection.Of(result, null, "--indicator").Should().Equal(result.Indicators);
        IndicatorSelection.Of(result, "17.1", "--indicator").Should().ContainSingle().Which.Indicator.Code.Should().Be("17.1");
    }

    [Fact]
    public async Task An_unknown_code_lists_the_sets_codes_at_the_adapters_field()
    {
        var result = await ResultAsync();
        var select = () => IndicatorSelection.Of(result, "99.9", "indicator");
        var problem = select.Should().Throw<InputException>().Which.Problems.Should().ContainSingle().Subject;
        problem.Field.Should().Be("indicator");
        problem.Message.Should().StartWith($"set {Repo.XaNtm} has no indicator \"99.9\"; its codes are 1.1, ").And.Contain("17.1");
    }
}

using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Loading;

namespace NtmRules.Application.Tests;

public sealed class CommuneEvaluationTests
{
    private static CommuneEvaluation Evaluation(RecordingReporter reporter, List<string?>? asked = null, PluginHost? host = null) =>
        new(setId => { asked?.Add(setId); return host ?? Repo.Host; }, reporter);

    [Fact]
    public async Task The_readers_warnings_come_first_among_the_results_problems()
    {
        var folder = Repo.TempFolder("ntm-app-eval");
        try
        {
            var csv = Figures.WriteCsv(Figures.FromSample("cam-thanh-2023.json", ("cotKhongDung", "1")), folder);
            var outcome = await Evaluation(new RecordingReporter()).EvaluateAsync(new EvaluationRequest(csv, "xa.csv", SetChoice.Named(Repo.XaNtm)), CancellationToken.None);

            var first = outcome.Result.Problems[0];
            first.Severity.Should().Be(Severity.Warning);
            first.File.Should().Be("xa.csv");
            first.Message.Should().Contain("cotKhongDung").And.Contain("ignored");
            outcome.Result.Data.File.Should().Be("xa.csv", "the data is named as the user named it");
            outcome.Result.HasDataErrors.Should().BeFalse();
            outcome.RuleFailures.Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_named_set_loads_only_what_it_names_and_reports_no_choice()
    {
        var asked = new List<string?>();
        var reporter = new RecordingReporter();
        var outcome = await Evaluation(reporter, asked).EvaluateAsync(
            new EvaluationRequest(Repo.Sample("cam-thanh-2023.json"), "cam-thanh-2023.json", SetChoice.Named(Repo.XaNtm)), CancellationToken.None);
        asked.Should().Equal(Repo.XaNtm);
        reporter.Chosen.Should().BeEmpty();
        outcome.Result.Set.Id.Should().Be(Repo.XaNtm);
        outcome.Result.Problems.Should().NotContain(p => p.Severity == Severity.Error);
    }

    [Fact]
    public async Task Without_a_set_the_one_in_force_for_the_communes_province_and_date_is_chosen_and_said()
    {
        var asked = new List<string?>();
        var reporter = new RecordingReporter();
        var outcome = await Evaluation(reporter, asked, Repo.AllSets).EvaluateAsync(
            new EvaluationRequest(Repo.Sample("cam-thanh-2023.json"), "cam-thanh-2023.json", SetChoice.Automatic), CancellationToken.None);
        asked.Should().Equal([null], "every set is loaded to choose one");
        reporter.Chosen.Should().ContainSingle().Which.Should().Be(outcome.Result.Set.Id);
    }

    [Fact]
    public async Task When_no_set_applies_the_adapters_wording_is_the_refusal()
    {
        var choice = new SetChoice(null, On: new DateOnly(1990, 1, 1));
        var act = () => Evaluation(new RecordingReporter(), host: Repo.AllSets).EvaluateAsync(
            new EvaluationRequest(Repo.Sample("cam-thanh-2023.json"), "cam-thanh-2023.json", choice), CancellationToken.None);
        var refusal = (await act.Should().ThrowAsync<InputException>()).Which.Problems.Should().ContainSingle().Subject;
        refusal.Message.Should().StartWith("none: ");
        refusal.Field.Should().Be("set");
    }

    [Fact]
    public async Task An_unknown_set_is_bad_input()
    {
        var act = () => Evaluation(new RecordingReporter()).EvaluateAsync(
            new EvaluationRequest(Repo.Sample("cam-thanh-2023.json"), "x.json", SetChoice.Named("vn.khong-co.xa-ntm")), CancellationToken.None);
        await act.Should().ThrowAsync<InputException>();
    }

    [Fact]
    public async Task Data_that_cannot_be_read_is_refused_with_every_problem_located()
    {
        var folder = Repo.TempFolder("ntm-app-eval");
        try
        {
            var csv = Figures.WriteCsv(Figures.FromSample("cam-thanh-2023.json", ("tongSoHo", "nhiều")), folder);
            var act = () => Evaluation(new RecordingReporter()).EvaluateAsync(new EvaluationRequest(csv, "xa.csv", SetChoice.Named(Repo.XaNtm)), CancellationToken.None);
            var problems = (await act.Should().ThrowAsync<InputException>()).Which.Problems;
            problems.Should().ContainSingle().Which.ToString().Should().StartWith("xa.csv").And.Contain("tongSoHo").And.Contain("nhiều");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

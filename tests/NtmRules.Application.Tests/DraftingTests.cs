using System.Text;
using NtmRules.Drafting;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Application.Tests;

public sealed class DraftingTests
{
    [Theory]
    [InlineData("md", DraftFormat.Markdown)]
    [InlineData("docx", DraftFormat.Docx)]
    [InlineData("html", DraftFormat.Html)]
    public void A_format_name_chooses_its_format(string name, DraftFormat format) =>
        DraftFormats.FromName(name, "format").Should().Be(format);

    [Theory]
    [InlineData(null, DraftFormat.Markdown)]
    [InlineData("plan.md", DraftFormat.Markdown)]
    [InlineData("out/ke-hoach.DOCX", DraftFormat.Docx)]
    [InlineData("ke-hoach.html", DraftFormat.Html)]
    public void An_output_files_extension_chooses_the_same_formats(string? path, DraftFormat format) =>
        DraftFormats.FromOutputPath(path, "--out").Should().Be(format);

    [Fact]
    public void The_names_offered_are_the_formats_of_the_one_table() =>
        DraftFormats.Names.Select(n => DraftFormats.FromOutputPath("x." + n, "--out")).Should().Equal(DraftFormat.Markdown, DraftFormat.Docx, DraftFormat.Html);

    [Theory]
    [InlineData(".md")]
    [InlineData("MD")]
    [InlineData("pdf")]
    public void A_name_is_exact_and_anything_else_is_refused_at_its_field(string name)
    {
        var refuse = () => DraftFormats.FromName(name, "format");
        refuse.Should().Throw<InputException>().Which.Problems.Should().Equal(
            new Problem(Severity.Error, $"unknown output type \"{name}\": use md, html or docx", Field: "format"));
    }

    [Fact]
    public void An_unknown_extension_is_refused_with_the_extension_named()
    {
        var refuse = () => DraftFormats.FromOutputPath("plan.txt", "--out");
        refuse.Should().Throw<InputException>().Which.Problems.Should().Equal(
            new Problem(Severity.Error, "unknown output type \".txt\": use .md, .html or .docx", Field: "--out"));
    }

    [Fact]
    public async Task A_draft_is_written_in_the_chosen_format()
    {
        var outcome = await new CommuneEvaluation(_ => Repo.Host, new RecordingReporter())
            .EvaluateAsync(new EvaluationRequest(Repo.Sample("cam-thanh-2023.json"), "cam-thanh-2023.json", SetChoice.Named(Repo.XaNtm)), CancellationToken.None);
        var drafting = new PlanDrafting(Repo.Templates);

        var markdown = drafting.Draft(outcome.Result, DraftFormat.Markdown);
        markdown.Extension.Should().Be(".md");
        Encoding.UTF8.GetString(markdown.Content).Should().Contain("Cẩm Thành");
        drafting.Draft(outcome.Result, DraftFormat.Docx).Content.Take(2).Should().Equal((byte)'P', (byte)'K');
    }

    [Fact]
    public async Task No_plan_is_drafted_from_an_evaluation_whose_rule_failed()
    {
        var outcome = await new CommuneEvaluation(_ => Broken.Host, new RecordingReporter())
            .EvaluateAsync(new EvaluationRequest(Repo.Sample("cam-thanh-2023.json"), "cam-thanh-2023.json", SetChoice.Named(Repo.XaNtm)), CancellationToken.None);

        var draft = () => new PlanDrafting(Repo.Templates).Draft(outcome.Result, DraftFormat.Markdown);

        draft.Should().Throw<PluginException>().Which.Problems.Should().Equal(RuleFailures.Of(outcome.Result));
    }

    [Fact]
    public async Task A_rule_that_failed_is_one_error_at_the_workflow_file_naming_the_rule_and_the_exception()
    {
        var outcome = await new CommuneEvaluation(_ => Broken.Host, new RecordingReporter())
            .EvaluateAsync(new EvaluationRequest(Repo.Sample("cam-thanh-2023.json"), "cam-thanh-2023.json", SetChoice.Named(Repo.XaNtm)), CancellationToken.None);

        var failure = outcome.RuleFailures.Should().ContainSingle().Subject;
        failure.Severity.Should().Be(Severity.Error);
        failure.File.Should().Be(outcome.Result.Set.WorkflowFile);
        failure.Message.Should().MatchRegex("^rule \"[^\"]+\" failed at run time: .*digits", "the run-time exception's own message is kept");
        failure.ToString().Should().StartWith(outcome.Result.Set.WorkflowFile + ": error: rule \"");
        RuleFailures.Of(outcome.Result).Should().Equal(outcome.RuleFailures);
    }
}

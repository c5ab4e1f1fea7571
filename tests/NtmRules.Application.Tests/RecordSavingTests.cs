using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;

namespace NtmRules.Application.Tests;

public sealed class RecordSavingTests : IDisposable
{
    private readonly string _folder = Repo.TempFolder("ntm-app-save");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Store => Path.Combine(_folder, "records.db");

    private static async Task<EvaluationOutcome> EvaluateAsync(string path, Kernel.Loading.PluginHost? host = null) =>
        await new CommuneEvaluation(_ => host ?? Repo.Host, new RecordingReporter())
            .EvaluateAsync(new EvaluationRequest(path, Path.GetFileName(path), SetChoice.Named(Repo.XaNtm)), CancellationToken.None);

    private string Copy(string sample)
    {
        var path = Path.Combine(_folder, sample);
        File.Copy(Repo.Sample(sample), path);
        return path;
    }

    [Fact]
    public async Task A_valid_evaluation_is_appended_with_its_datas_bytes_and_verifies_identical()
    {
        var path = Copy("cam-thanh-2023.json");
        var outcome = await EvaluateAsync(path);
        RecordSaving.Refusal(outcome.Result).Should().BeNull();

        var record = RecordSaving.Save(new SaveRequest(outcome.Result, new EvaluatedFile(path), Store), DateTimeOffset.UtcNow);

        record.SetId.Should().Be(Repo.XaNtm);
        using var store = RecordStore.Open(Store, create: false);
        store.List().Should().ContainSingle().Which.Id.Should().Be(record.Id);
        var verification = await RecordChecks.VerifyAllAsync(store, Repo.Host, CancellationToken.None);
        verification.Audit.Intact.Should().BeTrue();
        verification.Records.Should().ContainSingle().Which.Identical.Should().BeTrue();
        var chain = RecordChecks.Chain(store);
        chain.Audit.Count.Should().Be(1);
        chain.ReviewSteps.Should().Be(0);
    }

    [Fact]
    public async Task An_evaluation_with_invalid_data_is_refused_and_no_store_is_made()
    {
        var path = Copy("cam-thanh-2023.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"danSo\": 7120", "\"danSo\": \"bảy nghìn\""));
        var outcome = await EvaluateAsync(path);
        outcome.Result.HasDataErrors.Should().BeTrue("a JSON file with an invalid value is still evaluated, the value counted as missing");

        var refusal = RecordSaving.Refusal(outcome.Result);
        refusal.Should().Be(new Problem(Severity.Error, RecordSaving.NotSaved, "cam-thanh-2023.json"));
        var save = () => RecordSaving.Save(new SaveRequest(outcome.Result, new EvaluatedFile(path), Store), DateTimeOffset.UtcNow);
        save.Should().Throw<InputException>().Which.Problems.Should().Equal(refusal!);
        File.Exists(Store).Should().BeFalse();
    }

    [Fact]
    public async Task An_evaluation_whose_rule_failed_is_refused()
    {
        var outcome = await EvaluateAsync(Copy("cam-thanh-2023.json"), Broken.Host);
        outcome.Result.HasExpressionErrors.Should().BeTrue();
        RecordSaving.Refusal(outcome.Result)!.Message.Should().Be(RecordSaving.NotSaved);
    }

    [Fact]
    public async Task Data_changed_since_the_evaluation_is_not_saved()
    {
        var path = Copy("cam-thanh-2023.json");
        var outcome = await EvaluateAsync(path);
        File.AppendAllText(path, "\n");

        var save = () => RecordSaving.Save(new SaveRequest(outcome.Result, new EvaluatedFile(path), Store), DateTimeOffset.UtcNow);

        save.Should().Throw<InputException>().Which.Problems.Should().Equal(new Problem(Severity.Error, RecordSaving.DataChanged, "cam-thanh-2023.json"));
        File.Exists(Store).Should().BeFalse();
    }

    [Fact]
    public async Task Typed_figures_are_saved_from_their_bytes_and_read_again_identically()
    {
        var (outcome, data) = await new CommuneEvaluation(_ => Repo.Host, new RecordingReporter())
            .EvaluateAsync(Figures.FromSample("cam-thanh-2023.json"), Repo.XaNtm, CancellationToken.None);

        var record = RecordSaving.Save(new SaveRequest(outcome.Result, data, Store), DateTimeOffset.UtcNow);

        using var store = RecordStore.Open(Store, create: false);
        var check = await RecordChecks.ReRunAsync(store.Get(record.Id), Repo.Host, CancellationToken.None);
        check.Error.Should().BeNull();
        check.Identical.Should().BeTrue("the record keeps the one-row table the figures were read as");
    }
}

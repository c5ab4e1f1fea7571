using NtmRules.Intake.Batch;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Application.Tests;

public sealed class CommuneBatchTests : IDisposable
{
    private readonly string _folder = Repo.TempFolder("ntm-app-batch");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_folders_data_files_are_taken_in_name_order_without_excels_lock_files()
    {
        foreach (var name in new[] { "b.json", "a.csv", "~$a.xlsx", "c.xlsx", "notes.txt" }) File.WriteAllText(Path.Combine(_folder, name), "");
        CommuneBatch.Inputs(_folder, "--data").Select(i => Path.GetFileName(i.Path)).Should().Equal("a.csv", "b.json", "c.xlsx");
        var file = Path.Combine(_folder, "b.json");
        CommuneBatch.Inputs(file, "--data").Should().Equal(new BatchInput(file, file));
    }

    [Fact]
    public void A_missing_or_empty_folder_is_bad_input_at_the_field()
    {
        var missing = () => CommuneBatch.Inputs(Path.Combine(_folder, "none"), "--data");
        missing.Should().Throw<InputException>().Which.Problems.Single().Should().Match<Problem>(p => p.Message == "no such file or folder" && p.Field == "--data");
        var empty = () => CommuneBatch.Inputs(_folder, "--data");
        empty.Should().Throw<InputException>().Which.Problems.Single().Message.Should().Be("the folder holds no .json, .xlsx or .csv file");
    }

    [Fact]
    public async Task Every_commune_is_evaluated_and_a_rejected_row_is_counted_not_fatal()
    {
        var good = Path.Combine(_folder, "cam-thanh-2023.json");
        File.Copy(Repo.Sample("cam-thanh-2023.json"), good);
        var bad = Figures.WriteCsv(Figures.FromSample("cam-thanh-2023.json", ("tongSoHo", "nhiều")), _folder, "x.csv");
        var output = Path.Combine(_folder, "out");
        var reporter = new RecordingReporter();

        var outcome = await new CommuneBatch(Repo.AllSets, reporter).RunAsync(
            new BatchRequest([new BatchInput(good, "cam-thanh.json"), new BatchInput(bad, "x.csv")], SetChoice.Automatic, output), null, CancellationToken.None);

        outcome.Accepted.Should().Be(1);
        outcome.Rejected.Should().Be(1);
        reporter.Chosen.Should().ContainSingle("the set is chosen once, from the first file");
        File.Exists(Path.Combine(output, "report.md")).Should().BeTrue();
        File.Exists(Path.Combine(output, "errors.csv")).Should().BeTrue();
    }
}

using System.Text;
using NtmRules.Bench.Synthetic;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Output;

namespace NtmRules.Kernel.Tests.Intake;

/// <summary>
/// A saved record's CSV is read again from its bytes (<c>ntm verify</c>, the web's verification page) exactly as
/// the file was read when it was saved: the same commune, warnings and hash, and the same refusal.
/// </summary>
public class StoredDataReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_stored_csv_is_read_from_its_bytes_as_the_file_was(int communes)
    {
        var folder = IntakeKit.TempFolder();
        try
        {
            var path = Path.Combine(folder, "xa.csv");
            await using (var w = new StreamWriter(path, false, new UTF8Encoding(true))) SyntheticProvince.For(NationalSet.Compiled).WriteCsv(w, communes, 1);
            var bytes = await File.ReadAllBytesAsync(path);

            var fromFile = Read(() => CommuneFileReader.ReadOne(path, "xa.csv", IntakeKit.Set, []));
            var fromBytes = Read(() => StoredDataReader.ReadOne(bytes, "xa.csv", IntakeKit.Set));

            fromBytes.Should().Be(fromFile);
            if (communes == 1) fromFile.Should().StartWith("{", "one commune is evaluated");
            else fromFile.Should().StartWith("refused:", "a record holds one commune");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The evaluation document of the commune read, or the problems of its refusal.</summary>
    private static string Read(Func<Kernel.Data.CommuneData> read)
    {
        try
        {
            var result = NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, read()).GetAwaiter().GetResult();
            var w = new StringWriter();
            EvaluationJsonWriter.Write(result, w);
            return w.ToString();
        }
        catch (InputException e)
        {
            return "refused: " + string.Join("\n", e.Problems.Select(p => p.ToString()));
        }
    }
}

using NtmRules.Kernel.Localization;
using NtmRules.Intake.Forms;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Readers;

/// <summary>
/// Reads communes from a data file, whichever kind it is (by extension): <c>.json</c> (one
/// commune, <c>ntm.commune-data/1</c>), <c>.csv</c> (one commune per row), <c>.xlsx</c> (a fill-in
/// form, one commune, or a table with one commune per row on its first sheet).
/// </summary>
public static class CommuneFileReader
{
    /// <summary>The extensions read, lower case with the dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".json", ".csv", ".xlsx"];

    /// <summary>
    /// Every commune of the file as accepted or rejected rows, lazily for tables. Throws
    /// <see cref="InputException"/> when the file as a whole cannot be read (not UTF-8, not a
    /// workbook, no usable header).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="displayPath">The file as the user named it.</param>
    /// <param name="set">The set whose measures the values are checked against.</param>
    /// <param name="fileWarnings">Receives warnings about the file as a whole (ignored columns).</param>
    public static IEnumerable<IntakeRow> Read(string path, string displayPath, CriteriaSet set, List<IntakeProblem> fileWarnings)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".json":
                return [ReadJson(path, displayPath, set)];
            case ".csv":
            {
                var reader = CommuneTableReader.Open(CsvTableReader.Read(path, displayPath), set);
                fileWarnings.AddRange(reader.Warnings);
                return reader.Rows();
            }
            case ".xlsx":
            {
                var workbook = XlsxWorkbookReader.Open(path, displayPath);
                if (FormReader.IsForm(workbook)) return [FormReader.Read(workbook, set, File.ReadAllBytes(path))];
                var reader = CommuneTableReader.Open(workbook.Table(workbook.SheetNames[0]), set);
                fileWarnings.AddRange(reader.Warnings);
                return reader.Rows();
            }
            default:
                throw new InputException(new Problem(Severity.Error,
                    MessageText.Format(IntakeMessages.DataFileKindUnknown, Path.GetExtension(path)), displayPath));
        }
    }

    /// <summary>
    /// Exactly one commune, for evaluate, trace and draft: throws <see cref="InputException"/> with
    /// every problem when the file holds no commune, more than one, or a rejected one.
    /// </summary>
    public static CommuneData ReadOne(string path, string displayPath, CriteriaSet set, List<Problem> warnings)
    {
        if (Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
            return CommuneDataReader.Read(path, displayPath, warnings);
        var fileWarnings = new List<IntakeProblem>();
        var rows = Read(path, displayPath, set, fileWarnings);
        return One(rows, fileWarnings, displayPath, warnings, () => File.ReadAllBytes(path));
    }

    /// <summary>The kinds <see cref="ReadOne(byte[], string, CriteriaSet, List{Problem})"/> reads from memory.</summary>
    public static IReadOnlyList<string> InMemoryExtensions { get; } = [".json", ".csv"];

    /// <summary>
    /// <see cref="ReadOne(string, string, CriteriaSet, List{Problem})"/> for a file already in memory (a web
    /// upload), read as a file named <paramref name="displayPath"/> is: the same commune, problems and hash,
    /// without writing the bytes to disk to read them back. Only the kinds of <see cref="InMemoryExtensions"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Not one of <see cref="InMemoryExtensions"/>.</exception>
    public static CommuneData ReadOne(byte[] bytes, string displayPath, CriteriaSet set, List<Problem> warnings)
    {
        switch (Path.GetExtension(displayPath).ToLowerInvariant())
        {
            case ".json":
                return CommuneDataReader.Parse(bytes, displayPath, warnings);
            case ".csv":
                var reader = CommuneTableReader.Open(CsvTableReader.Parse(bytes, displayPath), set);
                return One(reader.Rows(), reader.Warnings, displayPath, warnings, () => bytes);
            default:
                throw new ArgumentException("only .json and .csv data is read from memory", nameof(displayPath));
        }
    }

    /// <summary>The one commune of <paramref name="rows"/>, or every problem; hashed as the whole file <paramref name="bytes"/> gives.</summary>
    private static CommuneData One(IEnumerable<IntakeRow> rows, IReadOnlyList<IntakeProblem> fileWarnings, string displayPath, List<Problem> warnings,
        Func<byte[]> bytes)
    {
        var first = rows.Take(2).ToList();
        warnings.AddRange(fileWarnings.Select(w => w.ToProblem()));
        if (first.Count != 1)
            throw new InputException(new Problem(Severity.Error,
                first.Count == 0 ? IntakeMessages.FileNoCommune : IntakeMessages.FileManyCommunes, displayPath));
        var row = first[0];
        warnings.AddRange(row.Problems.Where(p => p.Severity == Severity.Warning).Select(p => p.ToProblem()));
        var data = row.Data ?? throw new InputException(row.Problems.Where(p => p.Severity == Severity.Error).Select(p => p.ToProblem()).ToArray());
        // The file is the commune's record: hash it whole, as for JSON, so that a saved evaluation names the exact file.
        return data with { ContentSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes())) };
    }

    private static IntakeRow ReadJson(string path, string displayPath, CriteriaSet set)
    {
        var warnings = new List<Problem>();
        try
        {
            var data = CommuneDataReader.Read(path, displayPath, warnings);
            // Checked here as table cells are, so that a batch evaluates only valid data whatever the file kind.
            var errors = MeasureValues.Check(data, set).Problems.Where(p => p.Severity == Severity.Error).ToArray();
            return new IntakeRow(displayPath, null, null, errors.Length == 0 ? data : null, errors.Concat(warnings).Select(ToIntake).ToArray());
        }
        catch (InputException e)
        {
            return new IntakeRow(displayPath, null, null, null, e.Problems.Concat(warnings).Select(ToIntake).ToArray());
        }
    }

    private static IntakeProblem ToIntake(Problem p) => new(p.Severity, p.File ?? "", null, p.Line, p.Column is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, p.Field, null, p.Message);
}

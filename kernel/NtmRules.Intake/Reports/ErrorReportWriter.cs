using System.Globalization;
using nietras.SeparatedValues;
using NtmRules.Intake.Csv;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Intake.Reports;

/// <summary>
/// The list of rejected rows and cells as CSV (UTF-8 with BOM, so that Excel shows Vietnamese
/// correctly): severity, file, sheet, row, column, field, value, reason — one line per problem, in input order.
/// Every cell goes through <see cref="CsvPolicy.Cell"/>: a rejected value such as <c>=1+1</c> is shown, never run.
/// A batch writes it as problems are found, so that a province's rejected cells are never all held at once.
/// </summary>
public sealed class ErrorReportWriter : IDisposable
{
    /// <summary>The header line.</summary>
    public const string Header = "severity,file,sheet,row,column,field,value,reason";

    private readonly StreamWriter _file;
    private readonly SepWriter _csv;

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the header line.</summary>
    public ErrorReportWriter(string path)
    {
        _file = new StreamWriter(path, false, CsvPolicy.Utf8WithBom);
        _csv = CsvPolicy.Writer(_file);
        CsvPolicy.WriteRow(_csv, Header.Split(CsvPolicy.Separator));
    }

    /// <summary>Writes <paramref name="problems"/> to <paramref name="path"/>.</summary>
    public static void Write(IEnumerable<IntakeProblem> problems, string path)
    {
        using var writer = new ErrorReportWriter(path);
        foreach (var p in problems) writer.Write(p);
    }

    /// <summary>Writes one problem's line.</summary>
    public void Write(IntakeProblem p) =>
        CsvPolicy.WriteRow(_csv,
        [
            p.Severity == Severity.Error ? "error" : "warning", CsvPolicy.Cell(p.File), CsvPolicy.Cell(p.Sheet),
            p.Row?.ToString(CultureInfo.InvariantCulture) ?? "", CsvPolicy.Cell(p.Column), CsvPolicy.Cell(p.Field), CsvPolicy.Cell(p.Value), CsvPolicy.Cell(p.Reason),
        ]);

    /// <summary>Writes what is still buffered and closes the file.</summary>
    public void Dispose()
    {
        _csv.Dispose();
        _file.Dispose();
    }
}

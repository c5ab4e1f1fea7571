using System.Globalization;
using NtmRules.Intake.Csv;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Intake.Reports;

/// <summary>
/// The list of rejected rows and cells as CSV (UTF-8 with BOM, so that Excel shows Vietnamese
/// correctly): severity, file, sheet, row, column, field, value, reason — one line per problem, in input order.
/// Every cell goes through <see cref="CsvPolicy.Cell"/>: a rejected value such as <c>=1+1</c> is shown, never run.
/// </summary>
public static class ErrorReportWriter
{
    /// <summary>The header line.</summary>
    public const string Header = "severity,file,sheet,row,column,field,value,reason";

    /// <summary>Writes <paramref name="problems"/> to <paramref name="path"/>.</summary>
    public static void Write(IEnumerable<IntakeProblem> problems, string path)
    {
        using var file = new StreamWriter(path, false, CsvPolicy.Utf8WithBom);
        using var csv = CsvPolicy.Writer(file);
        CsvPolicy.WriteRow(csv, Header.Split(CsvPolicy.Separator));
        foreach (var p in problems)
        {
            CsvPolicy.WriteRow(csv,
            [
                p.Severity == Severity.Error ? "error" : "warning", CsvPolicy.Cell(p.File), CsvPolicy.Cell(p.Sheet),
                p.Row?.ToString(CultureInfo.InvariantCulture) ?? "", CsvPolicy.Cell(p.Column), CsvPolicy.Cell(p.Field), CsvPolicy.Cell(p.Value), CsvPolicy.Cell(p.Reason),
            ]);
        }
    }
}

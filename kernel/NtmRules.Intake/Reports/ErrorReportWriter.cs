using System.Text;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Output;

namespace NtmRules.Intake.Reports;

/// <summary>
/// The list of rejected rows and cells as CSV (UTF-8 with BOM, so that Excel shows Vietnamese
/// correctly): severity, file, sheet, row, column, field, value, reason — one line per problem, in input order.
/// Every cell goes through <see cref="CsvCell"/>: a rejected value such as <c>=1+1</c> is shown, never run.
/// </summary>
public static class ErrorReportWriter
{
    /// <summary>The header line.</summary>
    public const string Header = "severity,file,sheet,row,column,field,value,reason";

    /// <summary>Writes <paramref name="problems"/> to <paramref name="path"/>.</summary>
    public static void Write(IEnumerable<IntakeProblem> problems, string path)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var p in problems)
        {
            sb.Append(p.Severity == Severity.Error ? "error" : "warning").Append(',')
                .Append(Quote(p.File)).Append(',').Append(Quote(p.Sheet)).Append(',')
                .Append(p.Row?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "").Append(',')
                .Append(Quote(p.Column)).Append(',').Append(Quote(p.Field)).Append(',').Append(Quote(p.Value)).Append(',')
                .Append(Quote(p.Reason)).Append('\n');
        }
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    }

    /// <summary>A cell neutralised against formula injection (values come from uploaded files) and quoted.</summary>
    private static string Quote(string? s) => CsvCell.Of(s);
}

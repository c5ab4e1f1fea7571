using NtmRules.Kernel.Localization;
using System.Text;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Intake.Readers;

/// <summary>
/// Something wrong with a row or a cell of a data file, placed as a person finds it in a spreadsheet:
/// file, sheet, row, column letter, and the measure and value concerned.
/// </summary>
/// <param name="Severity">Errors reject the row; warnings do not.</param>
/// <param name="File">The file as the user named it.</param>
/// <param name="Sheet">The worksheet, for XLSX; null for CSV and JSON.</param>
/// <param name="Row">1-based row (line for CSV); null for the whole file.</param>
/// <param name="Column">Column letter, e.g. "F"; null for the whole row.</param>
/// <param name="Field">The measure key or identity column concerned, if any.</param>
/// <param name="Value">The cell's text as written, if any.</param>
/// <param name="Reason">Why it is wrong.</param>
public sealed record IntakeProblem(Severity Severity, string File, string? Sheet, int? Row, string? Column, string? Field, string? Value, string Reason)
{
    /// <summary>The cell's text as written, with control and direction-override characters shown as <c>\uXXXX</c>
    /// and cut after 100 characters: a refused value is echoed to terminals, CSV and web pages, never carried into them.</summary>
    public string? Value { get; init; } = Value is null ? null : SafeText.Excerpt(Value);

    /// <summary>"data.xlsx, sheet Xã, row 5, column F (hoNgheo = "abc"): error: …".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(File);
        if (Sheet is not null) sb.Append(MessageText.Format(IntakeMessages.AtSheet, Sheet));
        if (Row is { } r) sb.Append(MessageText.Format(IntakeMessages.AtRow, r));
        if (Column is not null) sb.Append(MessageText.Format(IntakeMessages.AtColumn, Column));
        if (Field is not null || Value is not null)
        {
            sb.Append(" (").Append(Field ?? "");
            if (Value is not null) sb.Append(Field is null ? "" : " = ").Append('"').Append(Value).Append('"');
            sb.Append(')');
        }
        return sb.Append(": ").Append(Severity == Severity.Error ? IntakeMessages.SeverityError : IntakeMessages.SeverityWarning).Append(": ").Append(Reason).ToString();
    }

    /// <summary>The same, as a kernel <see cref="Problem"/> (the sheet joins the file name).</summary>
    public Problem ToProblem() => new(Severity, Value is null ? Reason : MessageText.Format(IntakeMessages.WithValue, Reason, Value),
        Sheet is null ? File : $"{File}[{Sheet}]", Row, Column is null ? null : ColumnNames.IndexOfReference(Column), Field);
}

namespace NtmRules.Intake.Readers;

/// <summary>One row of a table as read, cells aligned with the header's columns.</summary>
/// <param name="Number">1-based row number in the sheet (line number for CSV).</param>
/// <param name="Cells">Cells by 0-based column; shorter than the header when trailing cells are empty.</param>
/// <param name="Defect">Why the row could not be read whole (an unterminated quote), if so.</param>
public sealed record RawRow(int Number, IReadOnlyList<SourceCell> Cells, string? Defect = null)
{
    /// <summary>The cell at 0-based <paramref name="index"/>; blank beyond the row's end.</summary>
    public SourceCell this[int index] => index < Cells.Count ? Cells[index] : default;

    /// <summary>Whether every cell is blank (such rows are skipped, as spreadsheets leave them).</summary>
    public bool IsBlank => Defect is null && Cells.All(c => c.IsBlank);
}

/// <summary>A table whose first row is a header: a CSV file or one worksheet.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Sheet">The worksheet, for XLSX.</param>
/// <param name="Header">The header row's cells.</param>
/// <param name="HeaderRow">The header's 1-based row number.</param>
/// <param name="Rows">The rows after the header, read lazily.</param>
public sealed record RawTable(string File, string? Sheet, IReadOnlyList<string> Header, int HeaderRow, IEnumerable<RawRow> Rows);

using NtmRules.Kernel.Localization;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Intake.Localization;

namespace NtmRules.Intake.Annex;

/// <summary>
/// An annex file as read: the table's rows (header included) and, for a workbook, the info sheet's
/// rows. A workbook is read within <see cref="XlsxLimits"/>; a CSV file as <see cref="CsvTableReader"/> reads it.
/// </summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Sheet">The table's sheet; null for CSV.</param>
/// <param name="Rows">The table's rows, header included.</param>
/// <param name="InfoRows">The info sheet's rows; null when there is none (CSV, or a workbook without it).</param>
public sealed record AnnexSource(string File, string? Sheet, IReadOnlyList<RawRow> Rows, IReadOnlyList<RawRow>? InfoRows)
{
    /// <summary>Largest CSV annex read (a workbook is bounded by <see cref="XlsxLimits"/>).</summary>
    public const long MaxCsvBytes = 20_000_000;

    /// <summary>Reads <paramref name="path"/> (<c>.xlsx</c> or <c>.csv</c>).</summary>
    /// <exception cref="InputException">Another extension, an unreadable file, a workbook without the table's sheet.</exception>
    public static AnnexSource Open(string path, string displayPath)
    {
        if (!System.IO.File.Exists(path))
            throw new InputException(new Problem(Severity.Error, AnnexMessages.SourceNotFound, displayPath));
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".csv")
        {
            if (new FileInfo(path).Length > MaxCsvBytes)
                throw new InputException(new Problem(Severity.Error, MessageText.Format(AnnexMessages.SourceCsvTooLarge, MaxCsvBytes / 1_000_000), displayPath));
            var table = CsvTableReader.Read(path, displayPath);
            var header = new RawRow(table.HeaderRow, table.Header.Select(h => new SourceCell(h, false)).ToArray());
            return new AnnexSource(displayPath, null, [header, .. table.Rows], null);
        }
        if (extension != ".xlsx")
            throw new InputException(new Problem(Severity.Error, AnnexMessages.SourceKind, displayPath));
        var book = XlsxWorkbookReader.Open(path, displayPath);
        var sheet = book.SheetNames.FirstOrDefault(n => n == AnnexLayout.Sheet) ?? book.SheetNames[0];
        return new AnnexSource(displayPath, sheet, book.Rows(sheet)!, book.Rows(AnnexLayout.InfoSheet));
    }
}

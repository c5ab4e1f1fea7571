using System.Globalization;
using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Intake.Readers;

/// <summary>
/// The worksheets of an XLSX workbook as rows of <see cref="SourceCell"/>s, read with the
/// OpenXml SDK's forward-only reader. Numbers stay numbers (no decimal-comma guessing applies to
/// them), booleans read as true/false, formulas as their cached value. A file that is not a
/// workbook is refused with <see cref="InputException"/>, never an SDK exception.
/// </summary>
public sealed class XlsxWorkbookReader
{
    private readonly Dictionary<string, List<RawRow>> _sheets;

    private XlsxWorkbookReader(string file, List<string> names, Dictionary<string, List<RawRow>> sheets)
    {
        File = file;
        SheetNames = names;
        _sheets = sheets;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>Worksheet names in workbook order.</summary>
    public IReadOnlyList<string> SheetNames { get; }

    /// <summary>Opens and reads every worksheet of <paramref name="path"/>.</summary>
    public static XlsxWorkbookReader Open(string path, string displayPath)
    {
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            return Read(stream, displayPath);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException
            or InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException or IOException
            or KeyNotFoundException or InvalidCastException)
        {
            throw new InputException(new Problem(Severity.Error, $"not a readable Excel workbook (.xlsx): {e.Message}", displayPath));
        }
    }

    private static XlsxWorkbookReader Read(Stream stream, string displayPath)
    {
        using var doc = SpreadsheetDocument.Open(stream, false);
        var workbook = doc.WorkbookPart ?? throw new InputException(new Problem(Severity.Error, "the workbook has no worksheets", displayPath));
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var names = new List<string>();
        var sheets = new Dictionary<string, List<RawRow>>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            var name = sheet.Name?.Value ?? "";
            if (sheet.Id?.Value is not { } id || sheets.ContainsKey(name)) continue;
            if (workbook.GetPartById(id) is not WorksheetPart part) continue;
            names.Add(name);
            sheets[name] = ReadRows(part, shared);
        }
        if (names.Count == 0) throw new InputException(new Problem(Severity.Error, "the workbook has no worksheets", displayPath));
        return new XlsxWorkbookReader(displayPath, names, sheets);
    }

    /// <summary>All rows of worksheet <paramref name="name"/>, header included; null when there is no such sheet.</summary>
    public IReadOnlyList<RawRow>? Rows(string name) => _sheets.GetValueOrDefault(name);

    /// <summary>Worksheet <paramref name="name"/> as a table whose header is its first non-blank row.</summary>
    public RawTable Table(string name)
    {
        var rows = _sheets[name];
        var headerIndex = rows.FindIndex(r => !r.IsBlank);
        if (headerIndex < 0)
            throw new InputException(new Problem(Severity.Error, $"sheet \"{name}\" is empty; it needs a header row (name, region, year, then measure keys)", File));
        var header = rows[headerIndex];
        return new RawTable(File, name, header.Cells.Select(c => c.Text.Trim()).ToArray(), header.Number, rows.Skip(headerIndex + 1));
    }

    private static List<RawRow> ReadRows(WorksheetPart part, string[] shared)
    {
        var rows = new List<RawRow>();
        using var reader = OpenXmlReader.Create(part);
        var next = 1;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } ri && ri >= next && ri < 2_000_000 ? (int)ri : next;
            next = number + 1;
            var cells = new List<SourceCell>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnNames.IndexOfReference(cell.CellReference?.Value);
                if (column <= cells.Count || column > 16_384) column = cells.Count + 1;
                while (cells.Count < column - 1) cells.Add(default);
                cells.Add(ValueOf(cell, shared));
            }
            rows.Add(new RawRow(number, cells));
        }
        return rows;
    }

    private static SourceCell ValueOf(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return new SourceCell(int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : "", false);
        if (type == CellValues.InlineString) return new SourceCell(cell.InlineString?.InnerText ?? raw, false);
        if (type == CellValues.Boolean) return new SourceCell(raw.Trim() == "1" ? "true" : raw.Trim() == "0" ? "false" : raw, false);
        if (type == CellValues.String || type == CellValues.Error || type == CellValues.Date) return new SourceCell(raw, false);
        return new SourceCell(raw, raw.Length > 0);
    }
}

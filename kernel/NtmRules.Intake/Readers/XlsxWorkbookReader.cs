using NtmRules.Kernel.Localization;
using System.Globalization;
using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Intake.Readers;

/// <summary>
/// The worksheets of an XLSX workbook as rows of <see cref="SourceCell"/>s, read with the
/// OpenXml SDK's forward-only reader. Numbers stay numbers (no decimal-comma guessing applies to
/// them), booleans read as true/false, formulas as their cached value. A file that is not a
/// workbook is refused with <see cref="InputException"/>, never an SDK exception; so is one over
/// <see cref="XlsxLimits"/> (size unzipped, rows, cells), checked before and while reading.
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

    private static readonly SemaphoreSlim Gate = new(XlsxLimits.Concurrency);

    /// <summary>
    /// Opens and reads every worksheet of <paramref name="path"/> within <paramref name="limits"/>
    /// (<see cref="XlsxLimits.Default"/> when null); at most <see cref="XlsxLimits.Concurrency"/>
    /// workbooks are read at once in the process, others wait their turn.
    /// </summary>
    public static XlsxWorkbookReader Open(string path, string displayPath, XlsxLimits? limits = null)
    {
        limits ??= XlsxLimits.Default;
        Gate.Wait();
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            limits.CheckArchive(stream, displayPath);
            return Read(stream, displayPath, limits);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException
            or InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException or IOException
            or KeyNotFoundException or InvalidCastException)
        {
            throw new InputException(new Problem(Severity.Error, MessageText.Format(IntakeMessages.WorkbookUnreadable, e.Message), displayPath));
        }
        finally
        {
            Gate.Release();
        }
    }

    private static XlsxWorkbookReader Read(Stream stream, string displayPath, XlsxLimits limits)
    {
        using var doc = SpreadsheetDocument.Open(stream, false);
        var workbook = doc.WorkbookPart ?? throw new InputException(new Problem(Severity.Error, IntakeMessages.WorkbookNoSheets, displayPath));
        var budget = new CellBudget(limits, displayPath);
        var shared = workbook.SharedStringTablePart is { } sst ? ReadSharedStrings(sst, budget) : [];
        var names = new List<string>();
        var sheets = new Dictionary<string, List<RawRow>>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            var name = sheet.Name?.Value ?? "";
            if (sheet.Id?.Value is not { } id || sheets.ContainsKey(name)) continue;
            if (workbook.GetPartById(id) is not WorksheetPart part) continue;
            names.Add(name);
            sheets[name] = ReadRows(part, shared, budget, name);
        }
        if (names.Count == 0) throw new InputException(new Problem(Severity.Error, IntakeMessages.WorkbookNoSheets, displayPath));
        return new XlsxWorkbookReader(displayPath, names, sheets);
    }

    /// <summary>Counts cells and strings against the limits as they are read, and refuses at the first one over.</summary>
    private sealed class CellBudget(XlsxLimits limits, string displayPath)
    {
        private long _cells;

        public XlsxLimits Limits => limits;

        public void Take(long cells)
        {
            _cells += cells;
            if (_cells > limits.MaxCells)
                throw XlsxLimits.Refuse(displayPath, MessageText.Format(IntakeMessages.WorkbookTooManyCells, Kernel.Formatting.VietnameseFormat.Number(limits.MaxCells)));
        }

        public void Row(string sheet, int rows)
        {
            if (rows > limits.MaxRows)
                throw XlsxLimits.Refuse(displayPath, MessageText.Format(IntakeMessages.SheetTooManyRows, sheet, Kernel.Formatting.VietnameseFormat.Number(limits.MaxRows)));
        }
    }

    /// <summary>The shared strings, read one item at a time (never the whole table as a document).</summary>
    private static string[] ReadSharedStrings(SharedStringTablePart part, CellBudget budget)
    {
        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(SharedStringItem) || !reader.IsStartElement) continue;
            budget.Take(1);
            strings.Add(reader.LoadCurrentElement()!.InnerText);
        }
        return strings.ToArray();
    }

    /// <summary>All rows of worksheet <paramref name="name"/>, header included; null when there is no such sheet.</summary>
    public IReadOnlyList<RawRow>? Rows(string name) => _sheets.GetValueOrDefault(name);

    /// <summary>Worksheet <paramref name="name"/> as a table whose header is its first non-blank row.</summary>
    public RawTable Table(string name)
    {
        var rows = _sheets[name];
        var headerIndex = rows.FindIndex(r => !r.IsBlank);
        if (headerIndex < 0)
            throw new InputException(new Problem(Severity.Error, MessageText.Format(IntakeMessages.SheetEmpty, name), File));
        var header = rows[headerIndex];
        return new RawTable(File, name, header.Cells.Select(c => c.Text.Trim()).ToArray(), header.Number, rows.Skip(headerIndex + 1));
    }

    /// <summary>
    /// The rows of a worksheet, one cell element at a time: a row is never loaded whole, since one
    /// row of a hostile sheet can hold millions of cells.
    /// </summary>
    private static List<RawRow> ReadRows(WorksheetPart part, string[] shared, CellBudget budget, string sheet)
    {
        var rows = new List<RawRow>();
        using var reader = OpenXmlReader.Create(part);
        var next = 1;
        List<SourceCell>? cells = null;
        var number = 0;
        void EndRow()
        {
            if (cells is null) return;
            rows.Add(new RawRow(number, cells));
            budget.Row(sheet, rows.Count);
            cells = null;
        }
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row))
            {
                EndRow();
                if (!reader.IsStartElement) continue;
                var index = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                number = uint.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var ri) && ri >= next && ri < 2_000_000 ? (int)ri : next;
                next = number + 1;
                cells = [];
                continue;
            }
            if (cells is null || reader.ElementType != typeof(Cell) || !reader.IsStartElement) continue;
            var cell = (Cell)reader.LoadCurrentElement()!;
            var column = ColumnNames.IndexOfReference(cell.CellReference?.Value);
            if (column <= cells.Count || column > 16_384) column = cells.Count + 1;
            budget.Take(column - cells.Count);
            while (cells.Count < column - 1) cells.Add(default);
            cells.Add(ValueOf(cell, shared));
        }
        EndRow();
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

using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace NtmRules.Intake.Reports;

/// <summary>A data validation on a range of one column.</summary>
/// <param name="Range">"F2:F40".</param>
/// <param name="Type">Whole, decimal or list.</param>
/// <param name="Formula1">Lower bound, or the list ("\"true,false\"").</param>
/// <param name="Formula2">Upper bound, when the type has one.</param>
/// <param name="Operator">Between, ≥ or ≤.</param>
/// <param name="Message">Shown when a value is refused.</param>
public sealed record CellValidation(string Range, DataValidationValues Type, string Formula1, string? Formula2, DataValidationOperatorValues? Operator, string Message);

/// <summary>One worksheet to write: rows of cells (string, number or null), column widths and validations.</summary>
/// <param name="Name">Sheet name (≤ 31 characters).</param>
/// <param name="Rows">Rows of cells: <see cref="string"/>, <see cref="double"/>, <see cref="int"/> or null.</param>
/// <param name="Widths">Column widths in characters, in order; fewer than the columns is fine.</param>
/// <param name="Validations">Validations on value cells.</param>
public sealed record SheetSpec(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows, IReadOnlyList<double> Widths, IReadOnlyList<CellValidation>? Validations = null);

/// <summary>
/// Writes plain workbooks (inline strings, numbers, column widths, data validation) with the OpenXml
/// SDK, byte-identical for the same content: relationship ids are fixed and the zip entries carry a
/// fixed timestamp, so that a report or form can be diffed and hashed.
/// </summary>
public static partial class XlsxWriter
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes <paramref name="sheets"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<SheetSpec> sheets) => File.WriteAllBytes(path, ToBytes(sheets));

    /// <summary>The workbook's bytes.</summary>
    public static byte[] ToBytes(IReadOnlyList<SheetSpec> sheets)
    {
        using var raw = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(raw, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = doc.AddWorkbookPart();
            var list = new Sheets();
            for (var s = 0; s < sheets.Count; s++)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>("rId" + (s + 1));
                part.Worksheet = BuildSheet(sheets[s]);
                list.Append(new Sheet { Name = sheets[s].Name, SheetId = (uint)(s + 1), Id = "rId" + (s + 1) });
            }
            workbookPart.Workbook = new Workbook(list);
        }
        return Normalize(raw.ToArray());
    }

    private static Worksheet BuildSheet(SheetSpec spec)
    {
        var worksheet = new Worksheet();
        if (spec.Widths.Count > 0)
        {
            var columns = new Columns();
            for (var i = 0; i < spec.Widths.Count; i++)
                columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = spec.Widths[i], CustomWidth = true });
            worksheet.Append(columns);
        }
        var data = new SheetData();
        for (var r = 0; r < spec.Rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            var cells = spec.Rows[r];
            for (var c = 0; c < cells.Count; c++)
            {
                var reference = Readers.ColumnNames.Of(c + 1) + (r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                switch (cells[c])
                {
                    case null: break;
                    case string s:
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s) { Space = SpaceProcessingModeValues.Preserve }) });
                        break;
                    case int i:
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(i) });
                        break;
                    case double d:
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d) });
                        break;
                    default:
                        throw new ArgumentException($"unsupported cell type {cells[c]!.GetType().Name}");
                }
            }
            data.Append(row);
        }
        worksheet.Append(data);
        if (spec.Validations is { Count: > 0 } validations)
        {
            var dv = new DataValidations { Count = (uint)validations.Count };
            foreach (var v in validations)
            {
                var element = new DataValidation
                {
                    Type = v.Type,
                    AllowBlank = true,
                    ShowErrorMessage = true,
                    ErrorTitle = "Giá trị không hợp lệ",
                    Error = v.Message,
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = v.Range },
                    Formula1 = new Formula1(v.Formula1),
                };
                if (v.Operator is { } op) element.Operator = op;
                if (v.Formula2 is not null) element.Formula2 = new Formula2(v.Formula2);
                dv.Append(element);
            }
            worksheet.Append(dv);
        }
        return worksheet;
    }

    /// <summary>Rewrites the package's zip with entries in name order and a fixed timestamp.</summary>
    private static byte[] Normalize(byte[] package)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? "" : e.FullName, StringComparer.Ordinal))
            {
                var copy = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTime;
                using var from = entry.Open();
                using var to = copy.Open();
                if (entry.FullName.EndsWith(".rels", StringComparison.Ordinal))
                {
                    // The SDK names the package's relationship to the workbook with a random id; fix it.
                    using var text = new StreamReader(from);
                    var fixedIds = RandomId().Replace(text.ReadToEnd(), "Id=\"rIdPackage\"");
                    to.Write(System.Text.Encoding.UTF8.GetBytes(fixedIds));
                }
                else from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    [System.Text.RegularExpressions.GeneratedRegex("Id=\"R[0-9a-fA-F]{8,}\"")]
    private static partial System.Text.RegularExpressions.Regex RandomId();
}

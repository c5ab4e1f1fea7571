using System.Text;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Intake.Readers;

/// <summary>
/// Reads a CSV file as a <see cref="RawTable"/>: RFC 4180 quoting (quoted cells may hold commas,
/// quotes doubled, line breaks), comma or semicolon separated (Excel writes semicolons where the
/// decimal separator is a comma, as in Vietnamese settings; the header decides), UTF-8 only.
/// One pass, linear in the file's length, so no input can make it hang.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Reads <paramref name="path"/>. Throws <see cref="InputException"/> when it is not UTF-8 or has no header.</summary>
    public static RawTable Read(string path, string displayPath) => Parse(File.ReadAllBytes(path), displayPath);

    /// <summary>Reads a file's bytes.</summary>
    public static RawTable Parse(byte[] bytes, string displayPath)
    {
        var text = TextDecoding.Utf8(bytes, displayPath);
        var rows = Split(text).GetEnumerator();
        if (!rows.MoveNext() || rows.Current.Cells.All(c => c.IsBlank))
            throw new InputException(new Problem(Severity.Error, "the file is empty; it needs a header row (name, region, year, then measure keys)", displayPath, 1));
        var header = rows.Current;
        if (header.Defect is not null) throw new InputException(new Problem(Severity.Error, header.Defect, displayPath, header.Number));
        return new RawTable(displayPath, null, header.Cells.Select(c => c.Text.Trim()).ToArray(), header.Number, Rest(rows));
    }

    private static IEnumerable<RawRow> Rest(IEnumerator<RawRow> rows)
    {
        using (rows)
        {
            while (rows.MoveNext()) yield return rows.Current;
        }
    }

    private static IEnumerable<RawRow> Split(string text)
    {
        var separator = DetectSeparator(text);
        var cells = new List<SourceCell>();
        var cell = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && cell.Length == 0)
            {
                // A quoted cell: runs to the next lone quote, across separators and line breaks.
                var quoteLine = line;
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                        i++;
                        closed = true;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    cell.Append(text[i++]);
                }
                if (!closed)
                {
                    cells.Add(new SourceCell(cell.ToString(), false));
                    yield return new RawRow(rowStart, cells.ToArray(), $"a quote opened on line {quoteLine} is never closed; the rest of the file is this one cell");
                    yield break;
                }
                // Text after the closing quote, before the separator, is kept as written.
                continue;
            }
            if (c == separator) { cells.Add(new SourceCell(cell.ToString(), false)); cell.Clear(); i++; continue; }
            if (c is '\r' or '\n')
            {
                cells.Add(new SourceCell(cell.ToString(), false));
                cell.Clear();
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                i++;
                yield return new RawRow(rowStart, cells.ToArray());
                cells.Clear();
                line++;
                rowStart = line;
                continue;
            }
            cell.Append(c);
            i++;
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(new SourceCell(cell.ToString(), false));
            yield return new RawRow(rowStart, cells.ToArray());
        }
    }

    /// <summary>Semicolon when the first line has more semicolons than commas outside quotes, else comma.</summary>
    private static char DetectSeparator(string text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\r' or '\n') break;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semicolons++;
        }
        return semicolons > commas ? ';' : ',';
    }
}

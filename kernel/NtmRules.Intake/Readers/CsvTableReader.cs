using NtmRules.Kernel.Localization;
using System.Text;
using NtmRules.Intake.Csv;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Intake.Readers;

/// <summary>
/// Reads a CSV file as a <see cref="RawTable"/> by <see cref="CsvPolicy"/>: RFC 4180 quoting (quoted
/// cells may hold commas, quotes doubled, line breaks), comma or semicolon separated (the header
/// decides), UTF-8 only. One pass, linear in the file's length, so no input can make it hang. A file is
/// read as a stream, row by row as the rows are consumed, so that a province of 100.000 communes is read in flat memory.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Bytes checked at a time for being UTF-8 before a file is streamed.</summary>
    private const int Chunk = 1 << 16;

    /// <summary>Decodes UTF-8 and skips its byte order mark (the only preamble a clean file can have).</summary>
    private static readonly UTF8Encoding WithBom = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="path"/>. Throws <see cref="InputException"/> when it is not UTF-8 or has no header.</summary>
    public static RawTable Read(string path, string displayPath)
    {
        // A file that is not clean UTF-8 is read whole, so that its refusal names the first invalid byte and its line.
        if (!IsUtf8(path)) return Parse(File.ReadAllBytes(path), displayPath);
        return Table(() => new StreamReader(path, WithBom, detectEncodingFromByteOrderMarks: false, Chunk), displayPath);
    }

    /// <summary>Reads a file's bytes.</summary>
    public static RawTable Parse(byte[] bytes, string displayPath)
    {
        var text = TextDecoding.Utf8(bytes, displayPath);
        return Table(() => new StringReader(text), displayPath);
    }

    /// <summary>The header row read from a text opened by <paramref name="open"/>, and the rows after it, lazily.</summary>
    private static RawTable Table(Func<TextReader> open, string displayPath)
    {
        char separator;
        using (var first = open()) separator = CsvPolicy.DetectSeparator(first);
        var rows = Split(open(), separator).GetEnumerator();
        try
        {
            if (!rows.MoveNext() || rows.Current.Cells.All(c => c.IsBlank))
                throw new InputException(new Problem(Severity.Error, IntakeMessages.CsvEmpty, displayPath, 1));
            var header = rows.Current;
            if (header.Defect is not null) throw new InputException(new Problem(Severity.Error, header.Defect, displayPath, header.Number));
            return new RawTable(displayPath, null, header.Cells.Select(c => c.Text.Trim()).ToArray(), header.Number, Rest(rows));
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    /// <summary>Whether the file is UTF-8 throughout (without a UTF-16 byte order mark), checked in chunks without holding it.</summary>
    private static bool IsUtf8(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, Chunk, FileOptions.SequentialScan);
        var bytes = new byte[Chunk];
        var chars = new char[Chunk];
        var carried = 0;
        while (true)
        {
            var read = file.Read(bytes, carried, bytes.Length - carried);
            var count = carried + read;
            var final = read == 0;
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(0, count), chars, out var used, out _, replaceInvalidSequences: false, isFinalBlock: final);
            if (status == System.Buffers.OperationStatus.InvalidData) return false;
            if (final) return status == System.Buffers.OperationStatus.Done;
            carried = count - used;
            bytes.AsSpan(used, carried).CopyTo(bytes);
        }
    }

    private static IEnumerable<RawRow> Rest(IEnumerator<RawRow> rows)
    {
        using (rows)
        {
            while (rows.MoveNext()) yield return rows.Current;
        }
    }

    private static IEnumerable<RawRow> Split(TextReader text, char separator)
    {
        using var owned = text;
        using var reader = CsvPolicy.Reader(text, separator);
        var line = 1;
        while (true)
        {
            (RawRow Row, int Lines)? next;
            try
            {
                next = reader.MoveNext() ? Row(reader.Current, line) : null;
            }
            catch (NotSupportedException)
            {
                // The library holds a row whole and refuses one past its bound; the rest of the file is not read.
                next = (new RawRow(line, [], MessageText.Format(IntakeMessages.CsvRowTooLong, MessageText.Count(CsvPolicy.MaxRowLength))), 0);
            }
            if (next is not { } read) yield break;
            yield return read.Row;
            if (read.Row.Defect is not null) yield break;
            line += read.Lines + 1;
        }
    }

    /// <summary>
    /// One row as the library split it, starting on <paramref name="line"/>, and the line breaks inside it
    /// (in quoted cells); a quote left open (the library ran to the end of the file looking for its
    /// close) makes the row a defect naming the quote's line.
    /// </summary>
    private static (RawRow Row, int Lines) Row(nietras.SeparatedValues.SepReader.Row row, int line)
    {
        var text = row.Span;
        var cells = new SourceCell[row.ColCount];
        for (var i = 0; i < cells.Length; i++) cells[i] = new SourceCell(CsvPolicy.Unquote(row[i].Span), false);
        var lines = text.Count('\n');
        var open = CsvPolicy.UnclosedQuote(text);
        return open < 0
            ? (new RawRow(line, cells), lines)
            : (new RawRow(line, cells, MessageText.Format(IntakeMessages.CsvQuoteNotClosed, line + text[..open].Count('\n'))), lines);
    }
}

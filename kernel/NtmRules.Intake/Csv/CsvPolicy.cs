using System.Text;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;

namespace NtmRules.Intake.Csv;

/// <summary>
/// The one policy for every CSV file the product reads or writes, over one library (Sep, which
/// splits rows and columns and assembles them): what separates cells, how a cell is quoted, which
/// byte order mark is written, how a cell that a spreadsheet would run as a formula is neutralised,
/// and how long a row may be.
/// </summary>
/// <remarks>
/// Written: comma-separated, UTF-8, <c>\n</c> line ends; a cell starting with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, tab or carriage return is read by Excel and LibreOffice as a formula
/// (<c>=cmd|' /C calc'!A0</c> runs a program), so it gets a leading apostrophe, as OWASP's "CSV
/// Injection" advice says — a plain number (<c>-5</c>, <c>+1,5</c>) is no formula and is written as
/// is; then a cell holding a comma or a semicolon (Vietnamese Excel splits on either), a quote or a
/// line break is quoted, quotes doubled (RFC 4180). Read: UTF-8 with or without BOM; comma or
/// semicolon, as the header shows; a cell that starts with a quote runs to the next lone quote, across
/// separators and line breaks, doubled quotes standing for one, and text after the closing quote is kept.
/// </remarks>
public static partial class CsvPolicy
{
    /// <summary>The separator of every file the product writes.</summary>
    public const char Separator = ',';

    /// <summary>The other separator a file may be read with: Excel writes it where the decimal separator is a comma, as in Vietnamese settings.</summary>
    public const char SemicolonSeparator = ';';

    /// <summary>The quote character.</summary>
    public const char Quote = '"';

    /// <summary>
    /// The longest row read, in characters (the library's own bound: it holds a row whole). A longer row
    /// is refused with its line, as an unterminated quote making the rest of a file one cell would be.
    /// </summary>
    public const int MaxRowLength = 16 * 1024 * 1024;

    /// <summary>UTF-8 with a byte order mark, for files a person opens in Excel (it shows Vietnamese correctly only then).</summary>
    public static UTF8Encoding Utf8WithBom { get; } = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>UTF-8 without byte order mark, for files read by programs.</summary>
    public static UTF8Encoding Utf8WithoutBom { get; } = new(encoderShouldEmitUTF8Identifier: false);

    [GeneratedRegex(@"^[+-]?[0-9]+([.,][0-9]+)*$")]
    private static partial Regex PlainNumber();

    /// <summary><paramref name="text"/> as a written cell: neutralised, then quoted when needed; empty for null.</summary>
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var safe = Neutralise(text);
        return safe.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
    }

    /// <summary><paramref name="text"/> with an apostrophe in front when a spreadsheet would read it as a formula.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(text) ? "'" + text : text;

    /// <summary>Whether <paramref name="cell"/> can be written as it is, unquoted: it holds no separator, quote or line break.</summary>
    public static bool IsPlain(ReadOnlySpan<char> cell) => cell.IndexOfAny(",;\"\r\n") < 0;

    /// <summary>
    /// A writer of rows to <paramref name="output"/>: cells are set already written by <see cref="Cell"/>
    /// (or plain, <see cref="IsPlain"/>), so the library quotes nothing itself. Every row has the first row's columns.
    /// </summary>
    public static SepWriter Writer(TextWriter output) =>
        Sep.New(Separator).Writer(o => o with { WriteHeader = false, Escape = false }).To(output, leaveOpen: true);

    /// <summary>Writes one row of cells already written by <see cref="Cell"/> (or plain).</summary>
    public static void WriteRow(SepWriter writer, IReadOnlyList<string> cells)
    {
        using var row = writer.NewRow();
        for (var i = 0; i < cells.Count; i++) row[i].Set(cells[i]);
    }

    /// <summary>Semicolon when the first line has more semicolons than commas outside quotes, else comma.</summary>
    public static char DetectSeparator(TextReader text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        for (var next = text.Read(); next >= 0; next = text.Read())
        {
            var c = (char)next;
            if (c == Quote) quoted = !quoted;
            else if (!quoted && c is '\r' or '\n') break;
            else if (!quoted && c == Separator) commas++;
            else if (!quoted && c == SemicolonSeparator) semicolons++;
        }
        return semicolons > commas ? SemicolonSeparator : Separator;
    }

    /// <summary>A reader of the rows of <paramref name="text"/> split on <paramref name="separator"/>, cells as written (see <see cref="Unquote"/>); no header is assumed.</summary>
    public static SepReader Reader(TextReader text, char separator) =>
        Sep.New(separator).Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).From(text);

    /// <summary>
    /// A cell's text as written in the file: a cell starting with a quote loses it and runs to the next
    /// lone quote, doubled quotes standing for one, text after the closing quote kept as written; an
    /// unterminated quote runs to the cell's end. Any other cell is its text.
    /// </summary>
    public static string Unquote(ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty || raw[0] != Quote) return raw.ToString();
        var text = new StringBuilder(raw.Length);
        var i = 1;
        while (i < raw.Length)
        {
            var c = raw[i++];
            if (c != Quote)
            {
                text.Append(c);
                continue;
            }
            if (i < raw.Length && raw[i] == Quote)
            {
                text.Append(Quote);
                i++;
                continue;
            }
            return text.Append(raw[i..]).ToString();
        }
        return text.ToString();
    }

    /// <summary>
    /// Where in <paramref name="row"/> (a row's text as the library split it) a quote opens that is never
    /// closed, or −1: the library takes quotes anywhere in a cell, so an odd count of them leaves one open.
    /// </summary>
    public static int UnclosedQuote(ReadOnlySpan<char> row)
    {
        var open = -1;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] == Quote) open = open < 0 ? i : -1;
        }
        return open;
    }
}

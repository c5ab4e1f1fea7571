using System.Text.RegularExpressions;

namespace NtmRules.Kernel.Output;

/// <summary>
/// One cell of a CSV file the product writes, made safe to open in a spreadsheet. A cell starting
/// with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return is read by Excel and
/// LibreOffice as a formula (<c>=cmd|' /C calc'!A0</c> runs a program), so such a cell gets a leading
/// apostrophe, as OWASP's "CSV Injection" advice says; a plain number (<c>-5</c>, <c>+1,5</c>) is no
/// formula and is written as is. Cells holding a separator (comma or semicolon, as Vietnamese Excel
/// splits on either), a quote or a line break are quoted (RFC 4180).
/// </summary>
public static partial class CsvCell
{
    [GeneratedRegex(@"^[+-]?[0-9]+([.,][0-9]+)*$")]
    private static partial Regex PlainNumber();

    /// <summary><paramref name="text"/> as a CSV cell: neutralised, then quoted when needed; empty for null.</summary>
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var safe = Neutralise(text);
        return safe.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"") + "\"" : safe;
    }

    /// <summary><paramref name="text"/> with an apostrophe in front when a spreadsheet would read it as a formula.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(text) ? "'" + text : text;
}

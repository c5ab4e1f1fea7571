using System.Globalization;
using NtmRules.Application.Localization;
using System.Security.Cryptography;
using System.Text;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Application;

/// <summary>
/// Figures a person typed for one commune (the web page's form of a set): identity keys
/// (<see cref="IdentityFields.Keys"/>) and measure keys with their text, in column order.
/// </summary>
/// <param name="DisplayName">The name the data carries in messages and in its record.</param>
/// <param name="Cells">Key and text, one per column.</param>
public sealed record TypedFigures(string DisplayName, IReadOnlyList<KeyValuePair<string, string>> Cells);

/// <summary>Typed figures read: the commune, the bytes its record keeps, the reader's warnings.</summary>
/// <param name="Data">The commune (its <see cref="CommuneData.ContentSha256"/> that of <paramref name="Bytes"/>).</param>
/// <param name="Bytes">The figures as a one-row UTF-8 CSV table, which the record keeps and <c>ntm verify</c> reads again.</param>
/// <param name="Warnings">Warnings about the figures (ignored columns, say).</param>
public sealed record TypedCommuneData(CommuneData Data, byte[] Bytes, IReadOnlyList<Problem> Warnings);

/// <summary>
/// Reads typed figures as a one-row table with the intake's table reader, in memory: every cell is checked
/// as a cell of an uploaded table is, and no file is written to be read back.
/// </summary>
public static class TypedCommune
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The commune the figures describe, checked against <paramref name="set"/>.</summary>
    /// <exception cref="InputException">A required identity key is missing, or a cell is invalid (each located by row 2 and its column).</exception>
    public static TypedCommuneData Read(TypedFigures figures, CriteriaSet set)
    {
        // Texts as UTF-8 keeps them (a lone surrogate becomes U+FFFD), so the record read again gives the same commune.
        var cells = figures.Cells.Select(c => KeyValuePair.Create(c.Key, Utf8.GetString(Utf8.GetBytes(c.Value)))).ToArray();
        var bytes = Csv(cells);
        var row = new RawRow(2, cells.Select(c => new SourceCell(c.Value, false)).ToArray());
        var reader = CommuneTableReader.Open(new RawTable(figures.DisplayName, null, cells.Select(c => c.Key).ToArray(), 1, [row]), set);
        var read = reader.Rows().FirstOrDefault()
            ?? throw new InputException(new Problem(Severity.Error, ApplicationMessages.NoCommuneInFile, figures.DisplayName));
        var warnings = reader.Warnings.Concat(read.Problems.Where(p => p.Severity == Severity.Warning)).Select(p => p.ToProblem()).ToArray();
        var data = read.Data ?? throw new InputException(read.Problems.Where(p => p.Severity == Severity.Error).Select(p => p.ToProblem()).ToArray());
        return new TypedCommuneData(data with { ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) }, bytes, warnings);
    }

    /// <summary>The bytes the record of <paramref name="figures"/> keeps: a one-row UTF-8 CSV table (to bound its size before reading it).</summary>
    public static byte[] Bytes(TypedFigures figures) => Csv(figures.Cells);

    /// <summary>The header and the one row, every cell quoted (so commas, quotes and line breaks stay inside it).</summary>
    private static byte[] Csv(IReadOnlyList<KeyValuePair<string, string>> cells)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', cells.Select(c => Quote(c.Key)))).Append('\n');
        csv.Append(string.Join(',', cells.Select(c => Quote(c.Value)))).Append('\n');
        return Utf8.GetBytes(csv.ToString());
    }

    private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

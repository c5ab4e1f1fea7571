using NtmRules.Intake.Csv;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// Streams the communes of a province CSV (<see cref="CommuneCsvLayout"/>) one row at a time, so
/// that a file of any size is read in constant memory. Only that minimal format is read here.
/// </summary>
public static class CommuneCsvReader
{
    /// <summary>
    /// The communes of the file at <paramref name="path"/>, read lazily; a malformed row throws
    /// <see cref="InputException"/> naming its line when the enumeration reaches it.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="displayPath">The file as the user named it, for messages and <see cref="CommuneData.File"/>.</param>
    public static IEnumerable<CommuneData> Read(string path, string displayPath)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        foreach (var data in Read(reader, displayPath)) yield return data;
    }

    /// <summary>The communes read from <paramref name="reader"/>, lazily, rows split by <see cref="CsvPolicy"/>.</summary>
    /// <param name="reader">Positioned at the header line.</param>
    /// <param name="displayPath">The file as the user named it.</param>
    public static IEnumerable<CommuneData> Read(TextReader reader, string displayPath)
    {
        using var rows = CsvPolicy.Reader(reader, CsvPolicy.Separator);
        if (!rows.MoveNext()) throw new InputException(new Problem(Severity.Error, "the file is empty; it needs a header line", displayPath));
        var layout = CommuneCsvLayout.FromHeader(rows.Current.Span.ToString(), displayPath);
        // The format holds no quotes, so every row is one line.
        var lineNumber = 1;
        while (rows.MoveNext())
        {
            lineNumber++;
            var line = rows.Current.Span.ToString();
            if (line.Length == 0) continue;
            yield return layout.Parse(line, lineNumber, displayPath);
        }
    }
}

namespace NtmRules.Intake.Readers;

/// <summary>A cell as a file holds it. A cell a row does not have is <c>default</c>: empty text, blank.</summary>
/// <param name="Text">The text as written; for a numeric XLSX cell, the stored number written invariantly ("90.06").</param>
/// <param name="IsNumber">True when the file stored a number (an XLSX numeric cell), so that no decimal-comma reading applies.</param>
public readonly record struct SourceCell(string Text, bool IsNumber)
{
    private readonly string? _text = Text;

    /// <summary>The text as written; never null, also for <c>default(SourceCell)</c> (a cell past the end of a short row).</summary>
    public string Text
    {
        get => _text ?? "";
        init => _text = value;
    }

    /// <summary>Whether the cell holds nothing but spaces: missing data, never zero.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>Spreadsheet column names: 1 → A, 27 → AA.</summary>
public static class ColumnNames
{
    /// <summary>The letters of 1-based column <paramref name="index"/>.</summary>
    public static string Of(int index)
    {
        var name = "";
        for (var n = index; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>The 1-based index of a reference such as "F12" (its letters); 0 when it has none.</summary>
    public static int IndexOfReference(string? reference)
    {
        if (reference is null) return 0;
        var index = 0;
        foreach (var c in reference)
        {
            var u = char.ToUpperInvariant(c);
            if (u is < 'A' or > 'Z') break;
            index = index * 26 + (u - 'A' + 1);
            if (index > 1 << 20) return 0;
        }
        return index;
    }
}

using System.Globalization;

namespace NtmRules.Intake.Readers;

/// <summary>
/// A date in a workbook an officer fills from a decision (annex tables, threshold workbooks): an Excel
/// date serial, yyyy-MM-dd or dd/MM/yyyy. Any serial Excel can hold is accepted, since a decision may be
/// old; commune data dates are read more narrowly by <see cref="IdentityFields.TryDate"/>.
/// </summary>
internal static class CellDate
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>The date written in <paramref name="cell"/>, or null when it is not one.</summary>
    public static DateOnly? Parse(SourceCell cell)
    {
        var text = cell.Text.Trim();
        if (cell.IsNumber && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2_958_466)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        return DateOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }
}

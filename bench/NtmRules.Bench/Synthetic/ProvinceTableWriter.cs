using System.Globalization;
using NtmRules.Intake.Reports;

namespace NtmRules.Bench.Synthetic;

/// <summary>
/// Writes a seeded synthetic province (<see cref="SyntheticProvince"/>) as an XLSX table, one commune
/// per row under the same header as its CSV, numbers stored as numbers: the workbook a province
/// office would send, for batch tests and timings.
/// </summary>
public static class ProvinceTableWriter
{
    /// <summary>The table's sheet: header then <paramref name="count"/> rows of <paramref name="province"/>.</summary>
    public static SheetSpec Sheet(SyntheticProvince province, int count, int seed)
    {
        var header = province.Layout.HeaderLine.Split(',');
        var rows = new List<IReadOnlyList<object?>>(count + 1) { header };
        foreach (var line in province.Rows(count, seed))
        {
            // The CSV format holds no quotes or commas inside cells, so a split is exact.
            rows.Add(line.Split(',').Select((cell, i) => Cell(cell, i >= CommuneCsvLayout.IdentityColumns.Count || header[i] == "year")).ToArray());
        }
        return new SheetSpec("Xã", rows, [24, 10, 18]);
    }

    /// <summary>Writes the workbook to <paramref name="path"/>.</summary>
    public static void Write(SyntheticProvince province, int count, int seed, string path) => XlsxWriter.Write(path, [Sheet(province, count, seed)]);

    private static object? Cell(string text, bool numeric) =>
        text.Length == 0 ? null
        : numeric && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : text;
}

using NtmRules.Kernel.Localization;
using NtmRules.Intake.Forms;
using NtmRules.Intake.Localization;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Readers;

/// <summary>
/// Chooses the criteria set for a data file when the user names none (<c>--set</c> left out, or
/// "tự chọn theo tỉnh và ngày" on the web): reads the commune's province and assessment date from
/// the file, whatever its kind, and asks <see cref="SetSelector"/>. One flow for the CLI and the web.
/// </summary>
public static class SetChooser
{
    /// <summary>The level chosen when none is given: xã NTM.</summary>
    public const Level DefaultLevel = Level.XaNtm;

    /// <summary>
    /// The selection for the commune of <paramref name="path"/>. <paramref name="province"/> and
    /// <paramref name="date"/>, when given, replace the file's. Throws <see cref="InputException"/>
    /// (naming file, sheet, row and column) when the file's commune details cannot be read.
    /// </summary>
    public static SetSelection ForFile(IEnumerable<CriteriaSet> sets, string path, string displayPath, string? province, DateOnly? date, Level level)
    {
        var (fileProvince, fileDate) = ReadWhereAndWhen(path, displayPath);
        return SetSelector.Choose(sets, province ?? fileProvince, date ?? fileDate, level);
    }

    /// <summary>The commune's province (null when the file gives none) and assessment date.</summary>
    public static (string? Province, DateOnly Date) ReadWhereAndWhen(string path, string displayPath)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".json":
                var data = CommuneDataReader.Read(path, displayPath, []);
                return (data.Commune.Province, data.AssessmentDate);
            case ".csv":
                return FromTable(CsvTableReader.Read(path, displayPath));
            case ".xlsx":
                var workbook = XlsxWorkbookReader.Open(path, displayPath);
                return FormReader.IsForm(workbook) ? FromForm(workbook) : FromTable(workbook.Table(workbook.SheetNames[0]));
            default:
                throw new InputException(new Problem(Severity.Error,
                    MessageText.Format(IntakeMessages.DataFileKindUnknown, Path.GetExtension(path)), displayPath));
        }
    }

    private static (string?, DateOnly) FromForm(XlsxWorkbookReader workbook)
    {
        var details = new Dictionary<string, IdentityFields.Located>(StringComparer.Ordinal);
        foreach (var row in workbook.Rows(FormLayout.DetailsSheet)!.Skip(1))
        {
            var key = row[FormLayout.KeyColumn - 1].Text.Trim();
            if (IdentityFields.Keys.Contains(key))
                details[key] = new IdentityFields.Located(row[FormLayout.DetailValueColumn - 1], row.Number, ColumnNames.Of(FormLayout.DetailValueColumn));
        }
        return Identity(k => details.TryGetValue(k, out var l) ? l : null, workbook.File, FormLayout.DetailsSheet);
    }

    /// <summary>The first commune row of a table: a set is chosen per file, for its first commune.</summary>
    private static (string?, DateOnly) FromTable(RawTable table)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Header.Count; i++)
        {
            var key = table.Header[i].TrimStart('\uFEFF').Trim();
            if (IdentityFields.Keys.Contains(key)) columns.TryAdd(key, i);
        }
        var row = table.Rows.FirstOrDefault(r => !r.IsBlank)
            ?? throw new InputException(new Problem(Severity.Error, IntakeMessages.FileNoCommune, table.File));
        return Identity(k => columns.TryGetValue(k, out var i) ? new IdentityFields.Located(row[i], row.Number, ColumnNames.Of(i + 1)) : null, table.File, table.Sheet);
    }

    private static (string?, DateOnly) Identity(Func<string, IdentityFields.Located?> cellOf, string file, string? sheet)
    {
        var problems = new List<IntakeProblem>();
        var identity = IdentityFields.Parse(cellOf, file, sheet, problems);
        if (identity is not { } id) throw new InputException(problems.Where(p => p.Severity == Severity.Error).Select(p => p.ToProblem()).ToArray());
        return (id.Commune.Province, id.Date);
    }
}

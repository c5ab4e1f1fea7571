using NtmRules.Kernel.Localization;
using System.Security.Cryptography;
using NtmRules.Intake.Localization;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Forms;

/// <summary>Reads a filled-in form (<see cref="FormLayout"/>) back as one commune.</summary>
public static class FormReader
{
    /// <summary>Whether <paramref name="workbook"/> is a form rather than a table of communes.</summary>
    public static bool IsForm(XlsxWorkbookReader workbook) =>
        workbook.Rows(FormLayout.DetailsSheet) is not null && workbook.Rows(FormLayout.MeasuresSheet) is not null;

    /// <summary>The commune of the form: accepted when every filled cell is valid, rejected with one problem per bad cell otherwise.</summary>
    /// <param name="workbook">The workbook, already checked with <see cref="IsForm"/>.</param>
    /// <param name="set">The set whose measures the values are checked against.</param>
    /// <param name="bytes">The file's bytes, for the data's hash.</param>
    public static IntakeRow Read(XlsxWorkbookReader workbook, CriteriaSet set, byte[] bytes)
    {
        var file = workbook.File;
        var problems = new List<IntakeProblem>();

        var details = new Dictionary<string, IdentityFields.Located>(StringComparer.Ordinal);
        foreach (var row in workbook.Rows(FormLayout.DetailsSheet)!.Skip(1))
        {
            var key = row[FormLayout.KeyColumn - 1].Text.Trim();
            if (IdentityFields.Keys.Contains(key))
                details[key] = new IdentityFields.Located(row[FormLayout.DetailValueColumn - 1], row.Number, ColumnNames.Of(FormLayout.DetailValueColumn));
        }
        var identity = IdentityFields.Parse(k => details.TryGetValue(k, out var l) ? l : null, file, FormLayout.DetailsSheet, problems);

        var cells = new List<MeasureCells.Located>();
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in workbook.Rows(FormLayout.MeasuresSheet)!.Skip(1))
        {
            var key = row[FormLayout.KeyColumn - 1].Text.Trim();
            if (key.Length == 0) continue;
            var value = row[FormLayout.MeasureValueColumn - 1];
            if (!set.MeasuresByKey.TryGetValue(key, out var measure))
            {
                if (!value.IsBlank)
                    problems.Add(new IntakeProblem(Severity.Warning, file, FormLayout.MeasuresSheet, row.Number, ColumnNames.Of(FormLayout.KeyColumn), key, null,
                        MessageText.Format(IntakeMessages.FormUnknownMeasure, set.Id, key)));
                continue;
            }
            cells.Add(new MeasureCells.Located(measure, value, row.Number, FormLayout.MeasureValueColumn));
            var source = row[FormLayout.MeasureSourceColumn - 1];
            if (source.IsBlank) continue;
            if (SafeText.Problem(source.Text, multiLine: true) is { } unsafeSource)
                problems.Add(new IntakeProblem(Severity.Error, file, FormLayout.MeasuresSheet, row.Number, ColumnNames.Of(FormLayout.MeasureSourceColumn), key, source.Text, unsafeSource));
            else sources[key] = source.Text.Trim();
        }

        var narratives = ReadNarratives(workbook, file, problems);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var placeholder = (new CommuneIdentity("?", null, null, null), default(Region), (CommuneGroup?)null, false, 2000, new DateOnly(2000, 12, 31));
        var data = MeasureCells.Build(set, identity ?? placeholder, cells, sources, file, FormLayout.MeasuresSheet, hash, problems, narratives);
        if (problems.Any(p => p.Severity == Severity.Error)) data = null;
        return new IntakeRow(file, null, null, data, problems);
    }

    private static IReadOnlyDictionary<string, IndicatorNarrative> ReadNarratives(XlsxWorkbookReader workbook, string file, List<IntakeProblem> problems)
    {
        var result = new SortedDictionary<string, IndicatorNarrative>(StringComparer.Ordinal);
        if (workbook.Rows(FormLayout.NarrativeSheet) is not { } rows) return result;
        var column = FormLayout.NarrativeColumns.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);
        foreach (var row in rows.Skip(1))
        {
            var code = row[column["code"]].Text.Trim();
            string? Text(string key) => row[column[key]] is { IsBlank: false } c ? c.Text.Trim() : null;
            void Error(string key, string reason) => problems.Add(new IntakeProblem(Severity.Error, file, FormLayout.NarrativeSheet, row.Number,
                ColumnNames.Of(column[key] + 1), key, row[column[key]].Text, reason));
            var fields = FormLayout.NarrativeColumns.Skip(2).Select(c => c.Key).ToArray();
            if (code.Length == 0 || fields.All(k => Text(k) is null)) continue;
            var unsafeKeys = FormLayout.NarrativeColumns.Select(c => c.Key).Where(k => Text(k) is { } t && SafeText.Problem(t, multiLine: true) is not null).ToArray();
            foreach (var k in unsafeKeys) Error(k, SafeText.Problem(Text(k)!, multiLine: true)!);
            if (unsafeKeys.Length > 0) continue;

            DateOnly? targetDate = null;
            if (Text("targetDate") is not null)
            {
                if (IdentityFields.TryDate(row[column["targetDate"]], out var d)) targetDate = d;
                else Error("targetDate", IntakeMessages.FormTargetDate);
            }
            double? budget = null;
            if (Text("budget") is { } b)
            {
                var cell = row[column["budget"]];
                if ((cell.IsNumber ? double.TryParse(b, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
                        : NumberText.Parse(b, out v) == NumberTextKind.Number) && v >= 0 && double.IsFinite(v)) budget = v;
                else Error("budget", IntakeMessages.FormBudget);
            }
            FundingSource? funding = null;
            if (Text("fundingSource") is { } f)
            {
                if (FundingSources.TryParse(f, out var s)) funding = s;
                else Error("fundingSource", MessageText.Format(IntakeMessages.FormFundingSource, string.Join(", ", FundingSources.Codes)));
            }
            int? quarter = null;
            if (Text("quarter") is { } q)
            {
                if (NumberText.Parse(q, out var qv) == NumberTextKind.Number && qv is 1 or 2 or 3 or 4) quarter = (int)qv;
                else Error("quarter", IntakeMessages.FormQuarter);
            }
            result[code] = new IndicatorNarrative(Text("cause"), Text("target"), targetDate, Text("proposal"), budget, funding, Text("leadOffice"), quarter);
        }
        return result;
    }
}

using DocumentFormat.OpenXml.Spreadsheet;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Intake.Forms;

/// <summary>
/// Writes the fill-in workbook of a criteria set (<see cref="FormLayout"/>): commune details, one row
/// per measure with label, unit, valid range and an empty value cell (validated where the range is
/// known), and the optional narrative per indicator. Same set, same bytes.
/// </summary>
public static class FormWriter
{
    /// <summary>The form's sheets for <paramref name="set"/>.</summary>
    public static IReadOnlyList<SheetSpec> Sheets(CriteriaSet set)
    {
        var details = new List<IReadOnlyList<object?>> { FormLayout.DetailHeader.Cast<object?>().ToArray() };
        details.AddRange(IdentityFields.Keys.Select(k => (IReadOnlyList<object?>)[k, IdentityFields.Labels[k], null]));
        var detailValidations = new List<CellValidation>();
        string DetailCell(string key) => ColumnNames.Of(FormLayout.DetailValueColumn) + (IdentityFields.Keys.ToList().IndexOf(key) + 2);
        detailValidations.Add(new CellValidation(DetailCell("region"), DataValidationValues.List,
            "\"" + string.Join(",", Regions.All.Select(r => r.Code())) + "\"", null, null, "Chọn một vùng trong danh sách"));
        detailValidations.Add(new CellValidation(DetailCell("specialDifficulty"), DataValidationValues.List, "\"có,không\"", null, null, "Ghi có hoặc không"));
        detailValidations.Add(new CellValidation(DetailCell("year"), DataValidationValues.Whole, "2000", "2100", DataValidationOperatorValues.Between, "Năm từ 2000 đến 2100"));

        var measures = new List<IReadOnlyList<object?>> { FormLayout.MeasureHeader.Cast<object?>().ToArray() };
        var validations = new List<CellValidation>();
        for (var i = 0; i < set.Measures.Count; i++)
        {
            var m = set.Measures[i];
            measures.Add([m.Key, m.Label, m.Unit, FormLayout.RangeText(m), null, null]);
            if (Validation(m, ColumnNames.Of(FormLayout.MeasureValueColumn) + (i + 2)) is { } v) validations.Add(v);
        }

        var narrative = new List<IReadOnlyList<object?>> { FormLayout.NarrativeColumns.Select(c => (object?)c.Label).ToArray() };
        // Padded to the full width, so that a filled row has a cell for every narrative field.
        narrative.AddRange(set.Indicators.Select(i => (IReadOnlyList<object?>)new object?[] { i.Code, i.Name }.Concat(new object?[FormLayout.NarrativeColumns.Count - 2]).ToArray()));

        return
        [
            new SheetSpec(FormLayout.DetailsSheet, details, [20, 60, 30], detailValidations),
            new SheetSpec(FormLayout.MeasuresSheet, measures, [34, 70, 18, 26, 14, 40], validations),
            new SheetSpec(FormLayout.NarrativeSheet, narrative, [10, 60, 40, 40, 14, 40, 14, 18, 24, 8]),
        ];
    }

    /// <summary>Writes the form of <paramref name="set"/> to <paramref name="path"/>.</summary>
    public static void Write(CriteriaSet set, string path) => XlsxWriter.Write(path, Sheets(set));

    private static CellValidation? Validation(Measure m, string cell)
    {
        if (m.Type == MeasureType.Boolean)
            return new CellValidation(cell, DataValidationValues.List, "\"có,không\"", null, null, $"{m.Label}: ghi có hoặc không");
        var type = m.Type == MeasureType.Integer ? DataValidationValues.Whole : DataValidationValues.Decimal;
        var message = $"{m.Label}: {FormLayout.RangeText(m)}";
        return VietnameseFormat.EffectiveRange(m) switch
        {
            ({ } lo, { } hi) => new CellValidation(cell, type, FormLayout.Invariant(lo), FormLayout.Invariant(hi), DataValidationOperatorValues.Between, message),
            ({ } lo, null) => new CellValidation(cell, type, FormLayout.Invariant(lo), null, DataValidationOperatorValues.GreaterThanOrEqual, message),
            (null, { } hi) => new CellValidation(cell, type, FormLayout.Invariant(hi), null, DataValidationOperatorValues.LessThanOrEqual, message),
            _ => null,
        };
    }
}

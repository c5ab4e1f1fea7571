using System.Globalization;
using NtmRules.Intake.Forms;
using NtmRules.Intake.Readers;
using NtmRules.Intake.Reports;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Formatting;
using NtmRules.Bench.Synthetic;

namespace NtmRules.Kernel.Tests.Intake;

public class FormRoundTripTests
{
    [Fact]
    public void The_form_is_byte_identical_across_runs_and_lists_every_measure_with_validation()
    {
        var a = XlsxWriter.ToBytes(FormWriter.Sheets(IntakeKit.Set));
        var b = XlsxWriter.ToBytes(FormWriter.Sheets(IntakeKit.Set));
        a.Should().Equal(b);
        var path = Path.Combine(IntakeKit.TempFolder(), "form.xlsx");
        File.WriteAllBytes(path, a);
        var workbook = XlsxWorkbookReader.Open(path, "form.xlsx");
        workbook.SheetNames.Should().Equal(FormLayout.DetailsSheet, FormLayout.MeasuresSheet, FormLayout.NarrativeSheet);
        workbook.Rows(FormLayout.MeasuresSheet)!.Skip(1).Select(r => r[0].Text).Should().Equal(IntakeKit.Set.Measures.Select(m => m.Key));
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Skip(1).First().Worksheet;
        sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.DataValidation>().Count()
            .Should().Be(IntakeKit.Set.Measures.Count(m => m.Type == MeasureType.Boolean || VietnameseFormat.EffectiveRange(m) != (null, null)));
    }

    [Fact]
    public void A_form_filled_in_reads_back_with_the_same_values()
    {
        // Values of a generated commune, every one valid, written half as numbers and half as Vietnamese text.
        var commune = SyntheticProvince.For(NationalSet.Compiled, new SyntheticOptions { MissingShare = 0.1, OutOfRangeShare = 0 }).Generate(1, seed: 5).Single();
        var expected = MeasureValues.Check(commune, IntakeKit.Set).Valid;
        var sheets = FormWriter.Sheets(IntakeKit.Set).ToList();
        var details = sheets[0].Rows.Select(r => r.ToArray()).ToList();
        void Detail(string key, object value) => details[IdentityFields.Keys.ToList().IndexOf(key) + 1][FormLayout.DetailValueColumn - 1] = value;
        Detail("name", "Xã Cẩm Thành");
        Detail("code", "16012");
        Detail("district", "Cẩm Thủy");
        Detail("province", "Thanh Hóa");
        Detail("region", commune.Region.Code());
        Detail("specialDifficulty", commune.SpecialDifficulty ? "true" : "false");
        Detail("year", commune.Year);
        Detail("assessmentDate", commune.AssessmentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var measures = sheets[1].Rows.Select(r => r.ToArray()).ToList();
        for (var i = 0; i < IntakeKit.Set.Measures.Count; i++)
        {
            var m = IntakeKit.Set.Measures[i];
            if (!expected.TryGetValue(m.Key, out var v)) continue;
            measures[i + 1][FormLayout.MeasureValueColumn - 1] = v.Kind == ScalarKind.Boolean ? (v.Flag ? "có" : "không")
                : i % 2 == 0 ? v.Number : VietnameseFormat.Number(v.Number, 6).Replace(".", "");
            measures[i + 1][FormLayout.MeasureSourceColumn - 1] = "Báo cáo UBND xã";
        }
        var narrative = sheets[2].Rows.Select(r => r.ToArray()).ToList();
        narrative[1][2] = "Thiếu kinh phí";
        narrative[1][6] = "1.250,5";
        narrative[1][7] = "dia-phuong";
        narrative[1][9] = 3;
        sheets[0] = sheets[0] with { Rows = details };
        sheets[1] = sheets[1] with { Rows = measures };
        sheets[2] = sheets[2] with { Rows = narrative };
        var path = Path.Combine(IntakeKit.TempFolder(), "filled.xlsx");
        XlsxWriter.Write(path, sheets);

        var warnings = new List<Problem>();
        var data = CommuneFileReader.ReadOne(path, "filled.xlsx", IntakeKit.Set, warnings);

        data.Commune.Should().Be(new CommuneIdentity("Xã Cẩm Thành", "16012", "Cẩm Thủy", "Thanh Hóa"));
        (data.Region, data.SpecialDifficulty, data.Year, data.AssessmentDate).Should().Be((commune.Region, commune.SpecialDifficulty, commune.Year, commune.AssessmentDate));
        var back = MeasureValues.Check(data, IntakeKit.Set);
        back.Problems.Should().BeEmpty();
        back.Valid.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (key, value) in expected) back.Valid[key].Should().Be(value, key);
        data.Sources.Should().HaveCount(expected.Count);
        var first = IntakeKit.Set.Indicators[0].Code;
        data.Narratives![first].Should().Be(new IndicatorNarrative("Thiếu kinh phí", null, null, null, 1250.5, FundingSource.LocalBudget, null, 3));
    }

    [Fact]
    public void A_bad_cell_in_a_form_is_reported_by_sheet_row_column_and_measure()
    {
        var sheets = FormWriter.Sheets(IntakeKit.Set).ToList();
        var details = sheets[0].Rows.Select(r => r.ToArray()).ToList();
        details[IdentityFields.Keys.ToList().IndexOf("name") + 1][2] = "Xã Một";
        details[IdentityFields.Keys.ToList().IndexOf("region") + 1][2] = "DBSH";
        details[IdentityFields.Keys.ToList().IndexOf("year") + 1][2] = 2024;
        var measures = sheets[1].Rows.Select(r => r.ToArray()).ToList();
        var numeric = IntakeKit.Set.Measures.Select((m, i) => (m, i)).First(x => x.m.Type != MeasureType.Boolean);
        measures[numeric.i + 1][4] = "1.784,5,2";
        sheets[0] = sheets[0] with { Rows = details };
        sheets[1] = sheets[1] with { Rows = measures };
        var path = Path.Combine(IntakeKit.TempFolder(), "bad.xlsx");
        XlsxWriter.Write(path, sheets);

        var act = () => CommuneFileReader.ReadOne(path, "bad.xlsx", IntakeKit.Set, []);

        act.Should().Throw<InputException>().Which.Problems.Should().ContainSingle().Which.Should().Match<Problem>(p =>
            p.File == $"bad.xlsx[{FormLayout.MeasuresSheet}]" && p.Line == numeric.i + 2 && p.Column == 5 && p.Field == numeric.m.Key && p.Message.Contains("ambiguous"));
    }
}

using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Bench.Synthetic;

namespace NtmRules.Bench.Tests;

public class SyntheticTests
{
    private static SyntheticProvince Province => SyntheticProvince.For(NationalSet.Compiled);

    [Fact]
    public void The_same_seed_gives_the_same_province_row_for_row()
    {
        var first = Province.Rows(300, seed: 7).ToArray();
        var second = SyntheticProvince.For(NationalSet.Compiled).Rows(300, seed: 7).ToArray();
        second.Should().Equal(first);
        Province.Rows(300, seed: 8).Should().NotEqual(first);
    }

    [Fact]
    public void A_commune_depends_only_on_the_seed_and_its_index()
    {
        Province.Row(123, seed: 7).Should().Be(Province.Rows(200, seed: 7).ElementAt(123));
    }

    [Fact]
    public void Every_measure_of_the_set_has_a_column()
    {
        var header = Province.Layout.HeaderLine.Split(',');
        header.Should().StartWith(CommuneCsvLayout.IdentityColumns);
        header.Skip(CommuneCsvLayout.IdentityColumns.Count).Should().Equal(NationalSet.Compiled.Set.Measures.Select(m => m.Key));
    }

    [Fact]
    public void About_three_percent_of_values_are_missing_and_one_percent_out_of_range()
    {
        var set = NationalSet.Compiled.Set;
        var communes = Province.Generate(1000, seed: 3).ToArray();
        // Measures with a default (a figure most communes do not have) are left out by design.
        var cells = communes.Length * set.Measures.Count(m => m.Default is null);
        var given = communes.Sum(c => c.Measures.Count(v => set.MeasuresByKey[v.Key].Default is null));
        var missingShare = 1 - (double)given / cells;
        missingShare.Should().BeInRange(0.02, 0.04);

        var rejected = communes.Sum(c => MeasureValues.Check(c, set).Problems.Count(p => p.Severity == Severity.Error));
        var bounded = set.Measures.Count(m => m.Type != MeasureType.Boolean && (m.Min is not null || m.Max is not null || m.Type is MeasureType.Integer or MeasureType.Percent));
        ((double)rejected / (communes.Length * bounded)).Should().BeInRange(0.005, 0.02);
    }

    [Fact]
    public void The_evaluator_reports_the_missing_and_out_of_range_values()
    {
        var results = Province.Generate(200, seed: 11)
            .Select(c => NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, c).GetAwaiter().GetResult())
            .ToArray();
        results.Should().Contain(r => r.HasDataErrors, "out-of-range values are data errors");
        var rejected = results.SelectMany(r => r.Indicators).Where(i => i.Inputs.Any(x => x.Invalid)).ToArray();
        rejected.Should().NotBeEmpty().And.OnlyContain(i => i.Status == IndicatorStatus.ThieuSoLieu || i.Status == IndicatorStatus.KhongApDung);
        results.SelectMany(r => r.Indicators).Should().Contain(i => i.Status == IndicatorStatus.ThieuSoLieu && i.Inputs.Any(x => x.Value == null && !x.Invalid),
            "some figures are simply absent");
        results.SelectMany(r => r.Problems).Where(p => p.Severity == Severity.Error)
            .Should().OnlyContain(p => p.File == SyntheticProvince.DefaultFileName(11) && p.Line >= 2 && p.Field!.StartsWith("measures."));
    }

    [Fact]
    public void Verdicts_vary_from_commune_to_commune()
    {
        var results = Province.Generate(300, seed: 5)
            .Select(c => NationalSet.Evaluator.EvaluateAsync(NationalSet.Compiled, c).GetAwaiter().GetResult())
            .ToArray();
        var byIndicator = results.SelectMany(r => r.Indicators).GroupBy(i => i.Indicator.Code).ToArray();
        var varying = byIndicator.Count(g => g.Any(i => i.Status == IndicatorStatus.Dat) && g.Any(i => i.Status == IndicatorStatus.ChuaDat));
        varying.Should().BeGreaterThan(byIndicator.Length * 3 / 4, "figures are drawn near the thresholds");
        var met = results.SelectMany(r => r.Indicators).Count(i => i.Status == IndicatorStatus.Dat);
        ((double)met / results.Sum(r => r.Summary.IndicatorsTotal)).Should().BeInRange(0.5, 0.95);
    }

    [Fact]
    public void Parts_never_exceed_their_total()
    {
        var set = NationalSet.Compiled.Set;
        foreach (var commune in Province.Generate(500, seed: 9))
        {
            var values = MeasureValues.Check(commune, set);
            double? Get(string k) => values.TryGet(k, out var v) ? v.Number : null;
            if (Get("hoNgheo") is { } poor && Get("hoCanNgheo") is { } near && Get("tongSoHo") is { } households)
                (poor + near).Should().BeLessThanOrEqualTo(households);
            if (Get("nguoiThamGiaBhyt") is { } insured && Get("danSo") is { } people)
                insured.Should().BeLessThanOrEqualTo(people);
            if (Get("duongXaNhuaBeTongKm") is { } paved && Get("duongXaKm") is { } roads)
                paved.Should().BeLessThanOrEqualTo(roads);
        }
    }

    [Fact]
    public void A_written_province_reads_back_as_the_generated_communes()
    {
        var path = Path.Combine(Path.GetTempPath(), "ntm-synthetic-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            using (var writer = new StreamWriter(path)) Province.WriteCsv(writer, 150, seed: 4);
            var read = CommuneCsvReader.Read(path, "province.csv").ToArray();
            var generated = Province.Generate(150, seed: 4, file: "province.csv").ToArray();
            read.Should().HaveCount(150);
            for (var i = 0; i < read.Length; i++)
            {
                read[i].Commune.Should().Be(generated[i].Commune);
                (read[i].Region, read[i].SpecialDifficulty, read[i].Year, read[i].AssessmentDate, read[i].ContentSha256, read[i].File)
                    .Should().Be((generated[i].Region, generated[i].SpecialDifficulty, generated[i].Year, generated[i].AssessmentDate, generated[i].ContentSha256, "province.csv"));
                read[i].Measures.Should().Equal(generated[i].Measures);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_malformed_row_names_its_line()
    {
        var layout = Province.Layout;
        var csv = layout.HeaderLine + "\n" + Province.Row(0, seed: 1) + "\nXã Lỗi,,,XYZ,false,2024,2024-12-31\n";
        var read = () => CommuneCsvReader.Read(new StringReader(csv), "bad.csv").ToArray();
        read.Should().Throw<InputException>().Which.Problems.Should().ContainSingle(p => p.Line == 3 && p.File == "bad.csv");
    }

    [Fact]
    public void A_row_with_an_unknown_region_is_refused_with_its_column()
    {
        var layout = Province.Layout;
        var row = Province.Row(0, seed: 1).Split(',');
        row[3] = "Miền Trăng";
        var parse = () => layout.Parse(string.Join(',', row), 5, "x.csv");
        parse.Should().Throw<InputException>().Which.Problems.Should().ContainSingle(p => p.Line == 5 && p.Field == "region" && p.Message.Contains("Miền Trăng"));
    }
}

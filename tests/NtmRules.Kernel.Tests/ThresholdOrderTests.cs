using CsCheck;
using NtmRules.Kernel.Domain;

namespace NtmRules.Kernel.Tests;

/// <summary>
/// A threshold's figures and values are listed by loops over the regions' and groups' own order
/// (issue #19, cold start: LINQ over those value types was JIT-compiled on every start). The order
/// must stay the one LINQ gave — general, regions by region, groups by group; values by date —
/// whatever order the figures were added in, and a threshold is refused for the same reasons.
/// </summary>
public class ThresholdOrderTests
{
    private static readonly Citation Source = new("QĐ thử", null, null);

    private static ThresholdFigure Figure(double value) => new(Scalar.Of(value), ThresholdProvenance.Assumed("thử"));

    /// <summary>Some regions and groups, each with a figure, in a drawn insertion order.</summary>
    private static readonly Gen<(bool General, Region[] Regions, CommuneGroup[] Groups)> Keyed =
        Gen.Select(Gen.Bool, Gen.Shuffle(Regions.All.ToArray()), Gen.Int[0, 7], Gen.Shuffle(CommuneGroups.All.ToArray()), Gen.Int[0, 3])
            .Select((general, regions, regionCount, groups, groupCount) =>
                (general, regions[..regionCount], groups[..(general ? groupCount : 3)]));

    private static ThresholdValue ValueOf(bool general, Region[] regions, CommuneGroup[] groups, int from = 2022) =>
        new(new DateOnly(from, 1, 1), general ? Figure(-1) : null,
            regions.ToDictionary(r => r, r => Figure((int)r)), Source, groups.ToDictionary(g => g, g => Figure(100 + (int)g)));

    [Fact]
    public void Figures_are_listed_general_first_then_by_region_then_by_group_whatever_the_insertion_order()
    {
        Keyed.Sample(k =>
        {
            var v = ValueOf(k.General, k.Regions, k.Groups);
            var general = v.General is null ? [] : new[] { ((Region?)null, v.General) };
            var expected = general.Concat(v.ByRegion.OrderBy(p => p.Key).Select(p => ((Region?)p.Key, p.Value))).ToArray();
            v.Figures.Should().Equal(expected);
            v.GroupFigures.Should().Equal(v.ByGroup.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
            v.AllFigures.Should().Equal(expected.Select(f => f.Item2).Concat(v.ByGroup.OrderBy(p => p.Key).Select(p => p.Value)));
            new Threshold(ComparisonOperator.AtLeast, [v]).Kind.Should().Be(ScalarKind.Number);
        }, threads: 1); // the shuffled arrays are the generator's own
    }

    [Fact]
    public void Values_are_kept_by_date_whatever_the_order_given()
    {
        Gen.Shuffle(new[] { 2021, 2023, 2026, 2030 }).Sample(years =>
        {
            var threshold = new Threshold(ComparisonOperator.AtLeast, years.Select(y => ValueOf(true, [], [], y)));
            threshold.Values.Select(v => v.From.Year).Should().Equal(2021, 2023, 2026, 2030);
        }, threads: 1);
    }

    [Fact]
    public void A_threshold_is_refused_for_the_same_reasons()
    {
        var act = () => new Threshold(ComparisonOperator.AtLeast, [ValueOf(true, [], [], 2024), ValueOf(true, [Region.BTB], [], 2024)]);
        act.Should().Throw<ArgumentException>().WithMessage("Two threshold values take effect on 2024-01-01*");

        act = () => new Threshold(ComparisonOperator.AtLeast, [ValueOf(false, [], [CommuneGroup.Group1, CommuneGroup.Group3])]);
        act.Should().Throw<ArgumentException>().WithMessage("The value from 2022-01-01 has no general figure*");

        var flag = new ThresholdFigure(Scalar.Of(true), ThresholdProvenance.Assumed("thử"));
        var mixed = new ThresholdValue(new DateOnly(2022, 1, 1), Figure(1), new Dictionary<Region, ThresholdFigure> { [Region.TN] = flag }, Source);
        act = () => new Threshold(ComparisonOperator.AtLeast, [mixed]);
        act.Should().Throw<ArgumentException>().WithMessage("Threshold values mix numbers and booleans.");

        act = () => new Threshold(ComparisonOperator.AtLeast, []);
        act.Should().Throw<ArgumentException>();
    }
}

namespace NtmRules.Bench.Synthetic;

/// <summary>How a synthetic province is drawn. The defaults are those of the benchmarks.</summary>
public sealed record SyntheticOptions
{
    /// <summary>Share of measure values left out (no figure reported): 3 %.</summary>
    public double MissingShare { get; init; } = 0.03;

    /// <summary>
    /// Share of the values of measures that have a valid range (counts, percentages, bounded
    /// figures) written outside it, as data-entry mistakes are: 1 %. Yes/no measures have no range.
    /// </summary>
    public double OutOfRangeShare { get; init; } = 0.01;

    /// <summary>Share of yes/no figures that meet their indicator (or are "có" when no indicator reads them alone): 85 %.</summary>
    public double FavourableShare { get; init; } = 0.85;

    /// <summary>Share of communes marked xã đặc biệt khó khăn (assessed at the TDMNPB thresholds): 8 %.</summary>
    public double SpecialDifficultyShare { get; init; } = 0.08;

    /// <summary>Assessment years drawn from; null for the last three years of the set's period.</summary>
    public IReadOnlyList<int>? Years { get; init; }

    /// <summary>Province name written on every commune.</summary>
    public string Province { get; init; } = "Tỉnh Tổng Hợp";
}

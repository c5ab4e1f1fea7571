using NtmRules.Kernel.Domain;

namespace NtmRules.Intake.Batch;

/// <summary>One evaluated commune, reduced to what the aggregate report needs.</summary>
/// <param name="Sequence">1-based position among the evaluated communes, in input order.</param>
/// <param name="Name">Commune name.</param>
/// <param name="Code">Commune code, if given.</param>
/// <param name="District">Former district, if given.</param>
/// <param name="Where">File (and sheet, row) it came from.</param>
/// <param name="CriteriaMet">Criteria met.</param>
/// <param name="UnmetIndicators">Codes of the indicators not met or lacking data, in set order.</param>
public sealed record CommuneOutcome(int Sequence, string Name, string? Code, string? District, string Where, int CriteriaMet, IReadOnlyList<string> UnmetIndicators)
{
    /// <summary>The commune group its data states (sets of 2026–2030); null when none.</summary>
    public CommuneGroup? Group { get; init; }
}

/// <summary>How many communes fall in a band.</summary>
/// <param name="Band">The band.</param>
/// <param name="Communes">How many communes.</param>
public sealed record BandCount(ScoreBand Band, int Communes);

/// <summary>How many communes meet a criterion.</summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="Met">Communes that meet it.</param>
public sealed record CriterionCount(Criterion Criterion, int Met);

/// <summary>How communes fare on one indicator.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Met">đạt.</param>
/// <param name="NotMet">chưa đạt.</param>
/// <param name="MissingData">thiếu số liệu.</param>
/// <param name="NotApplicable">không áp dụng.</param>
public sealed record IndicatorCount(Indicator Indicator, int Met, int NotMet, int MissingData, int NotApplicable);

/// <summary>The bands and average of one former district.</summary>
/// <param name="District">District name; <see cref="AggregateReport.NoDistrict"/> for communes without one.</param>
/// <param name="Communes">Evaluated communes.</param>
/// <param name="Bands">Communes per band.</param>
/// <param name="AverageCriteriaMet">Average criteria met per commune.</param>
public sealed record DistrictSummary(string District, int Communes, IReadOnlyList<BandCount> Bands, double AverageCriteriaMet);

/// <summary>What a batch found, across communes: the figures of a district or provincial report.</summary>
/// <param name="Set">The set.</param>
/// <param name="Evaluated">Communes evaluated.</param>
/// <param name="Rejected">Rows rejected (not evaluated).</param>
/// <param name="Bands">Communes per band, best first.</param>
/// <param name="AverageCriteriaMet">Average criteria met per evaluated commune (0 when none).</param>
/// <param name="Criteria">Per criterion, communes meeting it.</param>
/// <param name="Indicators">Per indicator, communes by status.</param>
/// <param name="Closest">Communes not meeting every criterion with the fewest unmet indicators, closest first.</param>
/// <param name="Districts">Per district, when grouping was asked for; null otherwise.</param>
public sealed record AggregateReport(
    CriteriaSet Set, int Evaluated, int Rejected, IReadOnlyList<BandCount> Bands, double AverageCriteriaMet,
    IReadOnlyList<CriterionCount> Criteria, IReadOnlyList<IndicatorCount> Indicators, IReadOnlyList<CommuneOutcome> Closest,
    IReadOnlyList<DistrictSummary>? Districts)
{
    /// <summary>The group of communes that name no district (the level was abolished in July 2025).</summary>
    public const string NoDistrict = "(không ghi huyện)";
}

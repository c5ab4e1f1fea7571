using System.Globalization;
using NtmRules.Intake.Localization;
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

    /// <summary>The province its data names; null when none.</summary>
    public string? Province { get; init; }
}

/// <summary>How the aggregate report groups communes in its extra table (<c>--group-by</c>).</summary>
public enum ReportGrouping
{
    /// <summary>No extra table.</summary>
    None,
    /// <summary>One row per province (<c>province</c>).</summary>
    Province,
    /// <summary>One row per commune group, xã nhóm 1, 2, 3 (<c>group</c>).</summary>
    Group,
    /// <summary>One row per former district, for data from before 1 July 2025 (<c>district</c>).</summary>
    District,
}

/// <summary>Codes and names (in the session's language) of <see cref="ReportGrouping"/>.</summary>
public static class ReportGroupings
{
    /// <summary>The codes <c>--group-by</c> accepts.</summary>
    public static IReadOnlyList<string> Codes { get; } = ["province", "group", "district"];

    /// <summary>Parses "province", "group" or "district"; null or empty is <see cref="ReportGrouping.None"/>.</summary>
    public static bool TryParse(string? code, out ReportGrouping grouping)
    {
        grouping = code switch
        {
            null or "" => ReportGrouping.None,
            "province" => ReportGrouping.Province,
            "group" => ReportGrouping.Group,
            "district" => ReportGrouping.District,
            _ => (ReportGrouping)(-1),
        };
        return Enum.IsDefined(grouping);
    }

    /// <summary>The column heading, in the session's language: "Tỉnh", "Nhóm xã", "Huyện (cũ)".</summary>
    public static string Heading(this ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Province => ReportMessages.GroupProvince,
        ReportGrouping.Group => ReportMessages.GroupGroup,
        _ => ReportMessages.GroupDistrict,
    };

    /// <summary>The section title: "Theo tỉnh", "Theo nhóm xã", "Theo huyện (cũ)".</summary>
    public static string Title(this ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Province => ReportMessages.GroupTitleProvince,
        ReportGrouping.Group => ReportMessages.GroupTitleGroup,
        _ => ReportMessages.GroupTitleDistrict,
    };

    /// <summary>The row for communes whose data does not say: "(không ghi tỉnh)", "(không ghi nhóm)", "(không ghi huyện)".</summary>
    public static string Unstated(this ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Province => ReportMessages.UnstatedProvince,
        ReportGrouping.Group => ReportMessages.UnstatedGroup,
        _ => ReportMessages.UnstatedDistrict,
    };

    /// <summary>The key of <paramref name="outcome"/> under <paramref name="grouping"/> (a group named in the session's language), or null when its data does not say.</summary>
    public static string? KeyOf(this ReportGrouping grouping, CommuneOutcome outcome) => grouping switch
    {
        ReportGrouping.Province => string.IsNullOrWhiteSpace(outcome.Province) ? null : outcome.Province,
        ReportGrouping.Group => outcome.Group?.Name(CultureInfo.CurrentUICulture),
        ReportGrouping.District => string.IsNullOrWhiteSpace(outcome.District) ? null : outcome.District,
        _ => null,
    };
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

/// <summary>The bands and average of one province, commune group or former district.</summary>
/// <param name="Name">The province, "xã nhóm 2" or the district; <see cref="ReportGroupings.Unstated"/> for communes whose data does not say.</param>
/// <param name="Communes">Evaluated communes.</param>
/// <param name="Bands">Communes per band.</param>
/// <param name="AverageCriteriaMet">Average criteria met per commune.</param>
public sealed record GroupSummary(string Name, int Communes, IReadOnlyList<BandCount> Bands, double AverageCriteriaMet);

/// <summary>What a batch found, across communes: the figures of a district or provincial report.</summary>
/// <param name="Set">The set.</param>
/// <param name="Evaluated">Communes evaluated.</param>
/// <param name="Rejected">Rows rejected (not evaluated).</param>
/// <param name="Bands">Communes per band, best first.</param>
/// <param name="AverageCriteriaMet">Average criteria met per evaluated commune (0 when none).</param>
/// <param name="Criteria">Per criterion, communes meeting it.</param>
/// <param name="Indicators">Per indicator, communes by status.</param>
/// <param name="Closest">Communes not meeting every criterion with the fewest unmet indicators, closest first.</param>
/// <param name="Grouping">How <paramref name="Groups"/> groups the communes.</param>
/// <param name="Groups">Per province, commune group or former district, when grouping was asked for; null otherwise.</param>
public sealed record AggregateReport(
    CriteriaSet Set, int Evaluated, int Rejected, IReadOnlyList<BandCount> Bands, double AverageCriteriaMet,
    IReadOnlyList<CriterionCount> Criteria, IReadOnlyList<IndicatorCount> Indicators, IReadOnlyList<CommuneOutcome> Closest,
    ReportGrouping Grouping, IReadOnlyList<GroupSummary>? Groups);

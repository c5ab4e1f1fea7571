using System.Text.RegularExpressions;
using NtmRules.Drafting.Library;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Formatting;

namespace NtmRules.Drafting.Schedule;

/// <summary>A quarter of a year, "Quý III/2023".</summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    /// <summary>The quarter <paramref name="date"/> falls in.</summary>
    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>Its last day.</summary>
    public DateOnly End => new DateOnly(Year, Number * 3, 1).AddMonths(1).AddDays(-1);

    /// <summary>The next quarter.</summary>
    public Quarter Next => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    /// <inheritdoc />
    public int CompareTo(Quarter other) => (Year * 4 + Number).CompareTo(other.Year * 4 + other.Number);

    /// <summary>"Quý III/2023".</summary>
    public override string ToString() => VietnameseFormat.Quarter(Number, Year);
}

/// <summary>
/// The quarters a plan covers: from the first quarter that leaves at least a month after the plan's
/// date to the fourth quarter of the year it aims at. Every due date falls inside it; none is before
/// the plan's own date.
/// </summary>
public sealed partial class PlanPeriod
{
    /// <summary>The least time a task gets before its quarter ends.</summary>
    private const int MinimumDays = 30;

    private readonly List<Quarter> _quarters = [];

    /// <summary>
    /// The period from <paramref name="planDate"/> to the end of <paramref name="targetYear"/>, or of
    /// a later year the commune's own narratives name for a target (at least one quarter).
    /// </summary>
    public PlanPeriod(DateOnly planDate, int targetYear, IEnumerable<IndicatorNarrative> narratives)
    {
        PlanDate = planDate;
        var q = Quarter.Of(planDate);
        if (q.End.DayNumber - planDate.DayNumber < MinimumDays && q.Number < 4) q = q.Next;
        var named = narratives.Select(n => Math.Max(n.TargetDate?.Year ?? 0, YearNamed(n.Target, planDate.Year) ?? 0));
        var last = new Quarter(named.Append(targetYear).Append(q.Year).Max(), 4);
        for (; q.CompareTo(last) <= 0; q = q.Next) _quarters.Add(q);
    }

    /// <summary>The plan's own date.</summary>
    public DateOnly PlanDate { get; }

    /// <summary>The quarters, in order.</summary>
    public IReadOnlyList<Quarter> Quarters => _quarters;

    /// <summary>First year of the period.</summary>
    public int StartYear => _quarters[0].Year;

    /// <summary>Last year of the period.</summary>
    public int EndYear => _quarters[^1].Year;

    /// <summary>"năm 2023" or "giai đoạn 2023 - 2025".</summary>
    public string Text => StartYear == EndYear ? $"năm {StartYear}" : $"giai đoạn {StartYear} - {EndYear}";

    /// <summary>
    /// When a task is due: the date the commune gives, else the quarter it gives (of the year its own
    /// target names, "năm 2024 đạt", else of the plan's last year), else by effort — quick work in the
    /// first quarter, a campaign mid-way, investment in the last. Always inside the period.
    /// </summary>
    public Quarter Due(IndicatorNarrative? narrative, Effort effort)
    {
        if (narrative?.TargetDate is { } date) return Clamp(Quarter.Of(date));
        if (narrative?.Quarter is { } number) return Clamp(new Quarter(YearNamed(narrative.Target) ?? EndYear, number));
        if (YearNamed(narrative?.Target) is { } year) return Clamp(new Quarter(year, 4));
        return effort switch
        {
            Effort.Quick => _quarters[0],
            Effort.Season => _quarters[(_quarters.Count - 1) / 2],
            _ => _quarters[^1],
        };
    }

    /// <summary>The first quarter: figures to collect come before anything else.</summary>
    public Quarter First => _quarters[0];

    private Quarter Clamp(Quarter q) => q.CompareTo(_quarters[0]) < 0 ? _quarters[0] : q.CompareTo(_quarters[^1]) > 0 ? _quarters[^1] : q;

    // "năm 2024 đạt", "trong năm 2024" name the year a target is for; "trước năm 2024" means by the end of 2023.
    [GeneratedRegex(@"(?<before>trước )?năm (?<year>20\d\d)", RegexOptions.IgnoreCase)]
    private static partial Regex TargetYear();

    private int? YearNamed(string? target) => YearNamed(target, StartYear);

    private static int? YearNamed(string? target, int from)
    {
        if (target is null) return null;
        var years = TargetYear().Matches(target)
            .Select(m => int.Parse(m.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) - (m.Groups["before"].Success ? 1 : 0))
            .Where(y => y >= from && y <= from + 10).ToArray();
        return years.Length == 0 ? null : years.Max();
    }
}

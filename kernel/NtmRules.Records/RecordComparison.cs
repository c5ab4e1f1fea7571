using System.Globalization;
using NtmRules.Kernel.Localization;
using NtmRules.Records.Localization;
using Newtonsoft.Json.Linq;

namespace NtmRules.Records;

/// <summary>How an item (criterion or indicator) changed between two records.</summary>
public enum Change
{
    /// <summary>Met before, not met now ("tiêu chí bị tụt").</summary>
    Regressed,
    /// <summary>Not met before, met now.</summary>
    Improved,
    /// <summary>Same status.</summary>
    Unchanged,
    /// <summary>Not met both times, but the reason changed (chưa đạt ↔ thiếu số liệu).</summary>
    Changed,
    /// <summary>Only in the second record's set.</summary>
    New,
    /// <summary>Only in the first record's set.</summary>
    Dropped,
}

/// <summary>The kinds of <see cref="Change"/> as a comparison report lists them, with their headings.</summary>
public static class ChangeSections
{
    /// <summary>Regressions first (what an officer must act on), unchanged last; the headings in Vietnamese, as pages show them.</summary>
    public static IReadOnlyList<(Change Change, string Title)> InReportOrder { get; } = In(MessageText.Vietnamese);

    /// <summary><see cref="InReportOrder"/> with the headings in <paramref name="language"/>.</summary>
    public static IReadOnlyList<(Change Change, string Title)> In(CultureInfo language) =>
    [
        (Change.Regressed, Text(nameof(RecordMessages.ChangeRegressed), language)),
        (Change.Improved, Text(nameof(RecordMessages.ChangeImproved), language)),
        (Change.Changed, Text(nameof(RecordMessages.ChangeChanged), language)),
        (Change.New, Text(nameof(RecordMessages.ChangeNew), language)),
        (Change.Dropped, Text(nameof(RecordMessages.ChangeDropped), language)),
        (Change.Unchanged, Text(nameof(RecordMessages.ChangeUnchanged), language)),
    ];

    private static string Text(string key, CultureInfo language) =>
        RecordMessages.ResourceManager.GetString(key, language) ?? throw new InvalidOperationException($"no resource {key}");
}

/// <summary>One criterion or indicator compared.</summary>
/// <param name="Kind">"criterion" or "indicator".</param>
/// <param name="Code">Criterion number or indicator code.</param>
/// <param name="Name">Name (from the second record when it has one).</param>
/// <param name="Change">What happened.</param>
/// <param name="Before">Its status and figure in the first record, or null.</param>
/// <param name="After">Its status and figure in the second record, or null.</param>
public sealed record ComparedItem(string Kind, string Code, string Name, Change Change, StoredStanding? Before, StoredStanding? After)
{
    /// <summary>Status label in the first record, in Vietnamese as the JSON and the pages give it, or null.</summary>
    public string? StatusBefore => Before?.StatusIn(MessageText.Vietnamese);

    /// <summary>Status label in the second record, in Vietnamese, or null.</summary>
    public string? StatusAfter => After?.StatusIn(MessageText.Vietnamese);

    /// <summary>Value and threshold in the first record, e.g. "12,33% (≤ 6,5%)".</summary>
    public string? FigureBefore => Before?.FigureIn(MessageText.Vietnamese);

    /// <summary>Value and threshold in the second record.</summary>
    public string? FigureAfter => After?.FigureIn(MessageText.Vietnamese);
}

/// <summary>
/// Two saved evaluations side by side — two years of one commune, or one data set under two
/// criteria sets (the national and a provincial one). Works from the stored results alone, so
/// it needs no plugin installed.
/// </summary>
public sealed record RecordComparison(EvaluationRecord Before, EvaluationRecord After, IReadOnlyList<ComparedItem> Criteria, IReadOnlyList<ComparedItem> Indicators)
{
    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static RecordComparison Of(EvaluationRecord before, EvaluationRecord after)
    {
        var a = JObject.Parse(before.EvaluationJson);
        var b = JObject.Parse(after.EvaluationJson);
        var criteria = Compare("criterion",
            a["criteria"]!.ToDictionary(c => ((int)c["number"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            b["criteria"]!.ToDictionary(c => ((int)c["number"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            withFigure: false);
        var indicators = Compare("indicator", StoredResult.Indicators(a), StoredResult.Indicators(b), withFigure: true);
        return new RecordComparison(before, after, criteria, indicators);
    }

    private static List<ComparedItem> Compare(string kind, Dictionary<string, JToken> a, Dictionary<string, JToken> b, bool withFigure)
    {
        var items = new List<ComparedItem>();
        var codes = a.Keys.Concat(b.Keys.Where(k => !a.ContainsKey(k)));
        foreach (var code in codes)
        {
            a.TryGetValue(code, out var x);
            b.TryGetValue(code, out var y);
            var change = (x, y) switch
            {
                (null, _) => Change.New,
                (_, null) => Change.Dropped,
                _ when StoredResult.Met(x) && !StoredResult.Met(y) => Change.Regressed,
                _ when !StoredResult.Met(x) && StoredResult.Met(y) => Change.Improved,
                _ when (string)x["status"]! == (string)y["status"]! => Change.Unchanged,
                _ => Change.Changed,
            };
            items.Add(new ComparedItem(kind, code, (string)(y ?? x)!["name"]!, change,
                x is null ? null : StoredResult.Standing(x, withFigure), y is null ? null : StoredResult.Standing(y, withFigure)));
        }
        return items;
    }
}

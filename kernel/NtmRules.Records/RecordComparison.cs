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

/// <summary>The kinds of <see cref="Change"/> as a comparison report lists them, with their Vietnamese headings.</summary>
public static class ChangeSections
{
    /// <summary>Regressions first (what an officer must act on), unchanged last.</summary>
    public static IReadOnlyList<(Change Change, string Title)> InReportOrder { get; } =
    [
        (Change.Regressed, "Bị tụt (đạt trước, nay chưa đạt)"),
        (Change.Improved, "Cải thiện (chưa đạt trước, nay đạt)"),
        (Change.Changed, "Vẫn chưa đạt, lý do thay đổi"),
        (Change.New, "Mới (chỉ có ở bản ghi sau)"),
        (Change.Dropped, "Bỏ (chỉ có ở bản ghi trước)"),
        (Change.Unchanged, "Không đổi"),
    ];
}

/// <summary>One criterion or indicator compared.</summary>
/// <param name="Kind">"criterion" or "indicator".</param>
/// <param name="Code">Criterion number or indicator code.</param>
/// <param name="Name">Name (from the second record when it has one).</param>
/// <param name="Change">What happened.</param>
/// <param name="StatusBefore">Status label in the first record, or null.</param>
/// <param name="StatusAfter">Status label in the second record, or null.</param>
/// <param name="FigureBefore">Value and threshold in the first record, e.g. "12,33% (≤ 6,5%)".</param>
/// <param name="FigureAfter">Value and threshold in the second record.</param>
public sealed record ComparedItem(string Kind, string Code, string Name, Change Change, string? StatusBefore, string? StatusAfter, string? FigureBefore, string? FigureAfter);

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
            _ => null);
        var indicators = Compare("indicator", StoredResult.Indicators(a), StoredResult.Indicators(b), StoredResult.Figure);
        return new RecordComparison(before, after, criteria, indicators);
    }

    private static List<ComparedItem> Compare(string kind, Dictionary<string, JToken> a, Dictionary<string, JToken> b, Func<JToken, string?> figure)
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
                x is null ? null : StoredResult.StatusLabel(x), y is null ? null : StoredResult.StatusLabel(y), x is null ? null : figure(x), y is null ? null : figure(y)));
        }
        return items;
    }
}

using System.CommandLine;
using NtmRules.Records;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm compare A B [--format text|json] [--store PATH]</c>: what regressed, improved or changed between two records.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var a = new Argument<long>("record-a") { Description = "The earlier record (or the national set's)" };
        var b = new Argument<long>("record-b") { Description = "The later record (or the provincial set's)" };
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var store = StoreOption.Create();
        var command = new Command("compare", "So sánh hai bản ghi: tiêu chí, chỉ tiêu bị tụt, cải thiện, không đổi, mới, bỏ") { a, b, format, store };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            using var records = RecordStore.Open(StoreOption.Resolve(parse.GetValue(store)), create: false);
            var comparison = RecordComparison.Of(records.Get(parse.GetValue(a)), records.Get(parse.GetValue(b)));
            if (parse.GetValue(format) == "json") WriteJson(comparison);
            else WriteText(comparison);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static void WriteText(RecordComparison c)
    {
        Console.WriteLine($"So sánh bản ghi {c.Before.Id} ({c.Before.CommuneName} {c.Before.Year}, {c.Before.SetId}: {c.Before.Summary})");
        Console.WriteLine($"      với bản ghi {c.After.Id} ({c.After.CommuneName} {c.After.Year}, {c.After.SetId}: {c.After.Summary})");
        foreach (var (kind, items) in new[] { ("Tiêu chí", c.Criteria), ("Chỉ tiêu", c.Indicators) })
        {
            Console.WriteLine();
            Console.WriteLine($"{kind}:");
            foreach (var (change, title) in ChangeSections.InReportOrder)
            {
                var selected = items.Where(i => i.Change == change).ToArray();
                if (selected.Length == 0) continue;
                Console.WriteLine($"  {title}: {selected.Length}");
                if (change == Change.Unchanged) continue;
                foreach (var i in selected)
                {
                    var figures = i.FigureBefore is null && i.FigureAfter is null ? "" : $" — {i.FigureBefore ?? "—"} → {i.FigureAfter ?? "—"}";
                    Console.WriteLine($"    {i.Code}. {i.Name}: {i.StatusBefore ?? "—"} → {i.StatusAfter ?? "—"}{figures}");
                }
            }
        }
    }

    private static void WriteJson(RecordComparison c) => RecordComparisonJson.Write(c, Console.Out);
}

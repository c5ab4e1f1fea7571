using System.Globalization;
using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Records;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm compare A B [--format text|json] [--store PATH]</c>: what regressed, improved or changed between two records;
/// <c>ntm compare A --predecessors</c>: a merged commune's record beside the records of the communes merged into it.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var a = new Argument<long>("record-a") { Description = RunMessages.CompareADescription };
        var b = new Argument<long?>("record-b") { Description = RunMessages.CompareBDescription, Arity = ArgumentArity.ZeroOrOne };
        var predecessors = new Option<bool>("--predecessors") { Description = RunMessages.ComparePredecessorsDescription };
        var format = new Option<string>("--format") { Description = RunMessages.CompareFormatDescription, DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var store = StoreOption.Create();
        var command = new Command("compare", RunMessages.CompareDescription) { a, b, predecessors, format, store };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            using var records = RecordStore.Open(StoreOption.Resolve(parse.GetValue(store)), create: false);
            if (parse.GetValue(predecessors)) return Task.FromResult(ComparePredecessors(records, parse.GetValue(a), parse.GetValue(b), parse.GetValue(format) == "json"));
            if (parse.GetValue(b) is not { } second)
                throw new InputException(new Problem(Severity.Error, RunMessages.CompareSecondMissing, Field: "record-b"));
            var comparison = RecordComparison.Of(records.Get(parse.GetValue(a)), records.Get(second));
            if (parse.GetValue(format) == "json") WriteJson(comparison);
            else WriteText(comparison);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>The merged commune's record beside its predecessors'; exit 2 when its data lists none.</summary>
    private static int ComparePredecessors(RecordStore records, long id, long? second, bool json)
    {
        if (second is not null)
            throw new InputException(new Problem(Severity.Error, RunMessages.ComparePredecessorsTakesOne, Field: "record-b"));
        var merged = records.Get(id);
        var found = PredecessorComparison.Find(merged, key => records.List(key));
        if (found.Count == 0)
            throw new InputException(new Problem(Severity.Error,
                MessageText.Format(RunMessages.ComparePredecessorsNone, id, merged.CommuneName), Field: "--predecessors"));
        var comparison = PredecessorComparison.Of(merged, found);
        if (json) comparison.WriteJson(Console.Out);
        else comparison.WriteText(Console.Out);
        return ExitCodes.Ok;
    }

    private static void WriteText(RecordComparison c)
    {
        var language = CultureInfo.CurrentUICulture;
        Console.WriteLine(MessageText.Format(RunMessages.CompareHeading, c.Before.Id, c.Before.CommuneName, c.Before.Year, c.Before.SetId, c.Before.SummaryIn(language)));
        Console.WriteLine("      " + MessageText.Format(RunMessages.CompareWith, c.After.Id, c.After.CommuneName, c.After.Year, c.After.SetId, c.After.SummaryIn(language)));
        foreach (var (kind, items) in new[] { (RunMessages.CompareCriteria, c.Criteria), (RunMessages.CompareIndicators, c.Indicators) })
        {
            Console.WriteLine();
            Console.WriteLine($"{kind}:");
            foreach (var (change, title) in ChangeSections.In(language))
            {
                var selected = items.Where(i => i.Change == change).ToArray();
                if (selected.Length == 0) continue;
                Console.WriteLine($"  {title}: {selected.Length}");
                if (change == Change.Unchanged) continue;
                foreach (var i in selected)
                {
                    var (before, after) = (i.Before?.FigureIn(language), i.After?.FigureIn(language));
                    var figures = before is null && after is null ? "" : $" — {before ?? "—"} → {after ?? "—"}";
                    Console.WriteLine($"    {i.Code}. {i.Name}: {i.Before?.StatusIn(language) ?? "—"} → {i.After?.StatusIn(language) ?? "—"}{figures}");
                }
            }
        }
    }

    private static void WriteJson(RecordComparison c) => RecordComparisonJson.Write(c, Console.Out);
}

using System.Globalization;
using NtmRules.Cli.Localization;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Localization;
using Spectre.Console;

namespace NtmRules.Cli.Rendering;

/// <summary>
/// The evaluation as a person reads it, in the session's language: one row per indicator, grouped by criterion,
/// coloured by status. Names, units and citations from the set and the data stay as written there.
/// </summary>
internal static class EvaluationTable
{
    private static CultureInfo Language => CultureInfo.CurrentUICulture;

    public static void Write(IAnsiConsole console, EvaluationResult result)
    {
        WriteHeading(console, result);
        console.Write(Rows(result));
        WriteSummary(console, result);
    }

    /// <summary>The commune, the set and its decision, the plugins and their signatures, the region and group.</summary>
    private static void WriteHeading(IAnsiConsole console, EvaluationResult result)
    {
        var set = result.Set;
        var data = result.Data;
        var place = string.Join(", ", new[]
        {
            MessageText.Format(RunMessages.TableCommune, data.Commune.Name),
            data.Commune.District is { } d ? MessageText.Format(RunMessages.TableDistrict, d) : null,
            data.Commune.Province is { } p ? MessageText.Format(RunMessages.TableProvince, p) : null,
        }.Where(s => s is not null));
        console.MarkupLine(MessageText.Format(RunMessages.TableHeading, $"[bold]{Markup.Escape(place)}[/]", data.Year, MessageText.Date(result.EvaluationDate)));
        console.MarkupLine(MessageText.Format(RunMessages.TableSet, $"[bold]{Markup.Escape(set.Name)}[/]", Markup.Escape(set.Id)));
        console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.TableBasis, set.Decision.ReferenceIn(Language), set.Plugin.Id, set.Plugin.Version, set.Plugin.ContentHash[..16])));
        console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.TableSignature, set.Plugin.Signature.LabelIn(Language))));
        var regionText = data.SpecialDifficulty
            ? MessageText.Format(RunMessages.TableSpecialDifficulty, data.Region.Name(Language), NtmRules.Kernel.Domain.Region.TDMNPB.Name(Language))
            : data.Region.Name(Language);
        foreach (var b in set.Bases)
            console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.TableBase, b.SetId, b.Decision.Number, b.Plugin.Id, b.Plugin.Version, b.Plugin.ContentHash[..16])));
        var group = data.Group is { } g ? MessageText.Format(RunMessages.TableGroup, g.Name(Language)) : "";
        console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.TableRegion, regionText) + group));
    }

    /// <summary>The table: a bold row per criterion, then a row per indicator with its figures, value, threshold and status.</summary>
    private static Table Rows(EvaluationResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(RunMessages.TableCode).AddColumn(RunMessages.TableIndicator).AddColumn(RunMessages.TableFigures)
            .AddColumn(new TableColumn(RunMessages.TableValue).RightAligned()).AddColumn(RunMessages.TableThreshold).AddColumn(RunMessages.TableResult);
        foreach (var c in result.Criteria)
        {
            table.AddRow(new Markup($"[bold]{c.Criterion.Number}[/]"), new Markup($"[bold]{Markup.Escape(c.Criterion.Name)}[/]"),
                Text.Empty, Text.Empty, Text.Empty, Status(c.Status, bold: true));
            foreach (var i in c.Indicators)
            {
                var actual = i.Actual is { } a ? DisplayFormat.Value(a, i.Indicator.ValueUnit) : "-";
                var status = i.Outcome == Outcome.ExpressionError ? new Markup($"[red]{Markup.Escape(RunMessages.TableRuleError)}[/]") : Status(i.Status);
                table.AddRow(new Text(i.Indicator.Code), new Text(i.Indicator.Name), new Text(Inputs(i)), new Text(actual), new Text(Threshold(i)), status);
            }
        }
        return table;
    }

    /// <summary>One line per measure the rule read: its value, the default used, or why there is none.</summary>
    private static string Inputs(IndicatorResult i) => string.Join("\n", i.Inputs.Select(r => $"{r.Measure.Label}: {(
        r.Value is { } v ? DisplayFormat.Value(v, r.Measure.Unit)
        : r.DefaultUsed is { } d ? MessageText.Format(RunMessages.TableDefault, DisplayFormat.Value(d, r.Measure.Unit))
        : r.Invalid ? RunMessages.TableInvalid : RunMessages.TableMissing)}"));

    /// <summary>The threshold, its group, its provenance when not confirmed, and whose decision it is in a set that extends another.</summary>
    private static string Threshold(IndicatorResult i)
    {
        var state = i.Threshold.Provenance.State;
        var threshold = DisplayFormat.Threshold(i.Threshold, i.Indicator.ValueUnit)
            + (i.Threshold.Group is { } g ? $" ({g.Name(Language)})" : "") + (state == ProvenanceState.Confirmed ? "" : $"\n({state.Name(Language)})");
        // In a set that extends another, say whose decision each threshold is (and what it replaced).
        if (i.Indicator.Origin is not null) threshold += "\n" + i.Indicator.ThresholdBasis(i.Threshold, Language);
        return threshold;
    }

    /// <summary>The counts met, the indicators not met or without figures, the criteria not met, the thresholds' provenance.</summary>
    private static void WriteSummary(IAnsiConsole console, EvaluationResult result)
    {
        var s = result.Summary;
        console.MarkupLine($"[bold]{Markup.Escape(MessageText.Format(RunMessages.TableSummary, s.CriteriaMet, s.CriteriaTotal, s.IndicatorsMet, s.IndicatorsTotal))}[/]");
        var details = new List<string>();
        if (s.IndicatorsNotMet > 0) details.Add(MessageText.Format(RunMessages.TableNotMet, s.IndicatorsNotMet));
        if (s.IndicatorsMissingData > 0) details.Add(MessageText.Format(RunMessages.TableMissingData, s.IndicatorsMissingData));
        if (s.IndicatorsNotApplicable > 0) details.Add(MessageText.Format(RunMessages.TableNotApplicable, s.IndicatorsNotApplicable));
        if (details.Count > 0) console.MarkupLine(Markup.Escape(string.Join("; ", details) + "."));
        var unmet = result.Criteria.Where(c => c.Status != IndicatorStatus.Dat && c.Status != IndicatorStatus.KhongApDung)
            .Select(c => $"{c.Criterion.Number}. {c.Criterion.Name} ({c.Status.Label(Language)})");
        if (unmet.Any()) console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.TableUnmetCriteria, string.Join("; ", unmet))));
        var byState = ProvenanceStates.All.Select(st => (State: st, Count: result.Indicators.Count(i => i.Threshold.Provenance.State == st))).ToArray();
        console.MarkupLine(Markup.Escape(MessageText.Format(RunMessages.TableThresholdsUsed, string.Join(", ", byState.Select(x => $"{x.Count} {x.State.Name(Language)}")))));
        if (byState.Any(x => x.State != ProvenanceState.Confirmed && x.Count > 0))
            console.MarkupLine(Markup.Escape(RunMessages.TableUnconfirmed));
    }

    private static Markup Status(IndicatorStatus status, bool bold = false)
    {
        var color = status switch
        {
            IndicatorStatus.Dat => "green",
            IndicatorStatus.ChuaDat => "red",
            IndicatorStatus.ThieuSoLieu => "yellow",
            _ => "grey",
        };
        return new Markup($"[{(bold ? "bold " : "")}{color}]{Markup.Escape(status.Label(Language))}[/]");
    }
}

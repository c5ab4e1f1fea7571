using NtmRules.Kernel.Localization;
using System.CommandLine;
using NtmRules.Cli.Rendering;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Loading;
using Spectre.Console;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary><c>ntm plugins [--on yyyy-mm-dd] [--unverified]</c>: what is installed, whether it loaded, each set's period and whether it is in force on a date, and which legal figures are unconfirmed.</summary>
internal static class PluginsCommand
{
    /// <summary>"19 tiêu chí, 57 chỉ tiêu; ngưỡng: 0 đã xác nhận, 1 theo văn bản áp dụng, 70 giả định; kế thừa vn.qd318.xa-ntm (1 điều chỉnh, 0 bổ sung)", in the session's language.</summary>
    private static string SetFacts(CriteriaSet set)
    {
        var facts = MessageText.Format(PluginMessages.PluginsSetFacts, set.Criteria.Count, set.Indicators.Count, SessionText.ProvenanceSummary(set));
        if (set.Bases.Count == 0) return facts;
        var overridden = set.Indicators.Count(i => i.Origin?.Kind == IndicatorOriginKind.Overridden);
        var added = set.Indicators.Count(i => i.Origin?.Kind == IndicatorOriginKind.Added);
        return MessageText.Format(PluginMessages.PluginsSetInherits, facts, string.Join(" ← ", set.Bases.Select(b => b.SetId)), overridden, added);
    }

    /// <summary>The date of <c>--on</c>, today (UTC) when left out; a malformed date is a usage error naming the option.</summary>
    internal static DateOnly OnDate(string? text)
    {
        if (text is null) return DateOnly.FromDateTime(DateTime.UtcNow);
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)) return date;
        throw new InputException(new Problem(Severity.Error, MessageText.Format(PluginMessages.NotADate, text.Length > 100 ? text[..100] + "…" : text), Field: "--on"));
    }

    public static Command Create(Option<string?> pluginsOption)
    {
        var unverified = new Option<bool>("--unverified") { Description = PluginMessages.PluginsUnverifiedDescription };
        var on = new Option<string?>("--on") { Description = PluginMessages.PluginsOnDescription };
        var command = new Command("plugins", PluginMessages.PluginsDescription) { on, unverified };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var date = OnDate(parse.GetValue(on));
            var host = CommandRunner.LoadPlugins(parse, pluginsOption, quiet: true, templates: CommandRunner.LoadTemplates());
            var console = ConsoleFactory.Create();
            console.MarkupLine(MessageText.Format(PluginMessages.PluginsFolder, Markup.Escape(host.Folder)));
            WritePlugins(console, host, date);
            WriteSignaturesAndRefusals(console, host);
            if (parse.GetValue(unverified)) WriteUnverified(console, host);
            return Task.FromResult(host.Reports.All(r => r.Loaded) ? ExitCodes.Ok : ExitCodes.PluginProblem);
        }));
        return command;
    }

    /// <summary>
    /// One row per set, so that each set's decision stays beside it however its name wraps; the plugin's
    /// own cells are on its first row. A plugin without sets (refused) gets one row of its own.
    /// </summary>
    private static void WritePlugins(IAnsiConsole console, PluginHost host, DateOnly date)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Plugin").AddColumn(PluginMessages.PluginsSetColumn).AddColumn(PluginMessages.PluginsDecisionColumn)
            .AddColumn(PluginMessages.PluginsVersionColumn).AddColumn(PluginMessages.PluginsHashColumn).AddColumn(PluginMessages.PluginsStatusColumn);
        foreach (var r in host.Reports)
        {
            var sets = host.Sets.Where(s => r.SetIds.Contains(s.Set.Id)).ToArray();
            var status = (r.Loaded ? $"[green]{PluginMessages.PluginsLoaded}[/]" : $"[red]{PluginMessages.PluginsRefused}[/]") + (r.DataOnly ? "\n" + PluginMessages.PluginsDataOnly : "");
            if (sets.Length == 0)
            {
                table.AddRow(new Markup(Markup.Escape(r.Plugin?.Id ?? Path.GetFileName(r.Folder))), new Markup("-"), new Markup("-"),
                    new Markup(Markup.Escape(r.Plugin?.Version ?? "-")), new Markup(Markup.Escape(r.Plugin?.ContentHash[..16] ?? "-")), new Markup(status));
                continue;
            }
            for (var n = 0; n < sets.Length; n++)
            {
                var set = sets[n].Set;
                var first = n == 0;
                table.AddRow(
                    new Markup(first ? Markup.Escape(r.Plugin?.Id ?? Path.GetFileName(r.Folder)) : ""),
                    new Markup($"[bold]{Markup.Escape(set.Id)}[/]\n{Markup.Escape(set.Name)}\n{Markup.Escape(SetFacts(set))}"),
                    new Markup(Markup.Escape(MessageText.Format(PluginMessages.PluginsSetDecision, set.Decision.Number, MessageText.Date(set.Decision.Date), SessionText.Period(set.Effective))) + "\n"
                        + (set.Effective.Contains(date)
                            ? $"[green]{MessageText.Format(PluginMessages.PluginsSetInForce, MessageText.Date(date))}[/]"
                            : $"[grey]{MessageText.Format(PluginMessages.PluginsSetNotInForce, MessageText.Date(date))}[/]")),
                    new Markup(first ? Markup.Escape(r.Plugin?.Version ?? "-") : ""),
                    new Markup(first ? Markup.Escape(r.Plugin?.ContentHash[..16] ?? "-") : ""),
                    new Markup(first ? status : ""));
            }
        }
        console.Write(table);
    }

    /// <summary>Who signed each loaded plugin (under the table: the signer's name is long and the set ids must not wrap), then why each refused one was refused.</summary>
    private static void WriteSignaturesAndRefusals(IAnsiConsole console, PluginHost host)
    {
        var signed = host.Reports.Where(r => r is { Loaded: true, Plugin: not null }).ToArray();
        if (signed.Length > 0)
        {
            console.MarkupLine(PluginMessages.PluginsSignatures);
            foreach (var r in signed) console.WriteLine($"  {r.Plugin!.Id}: {SessionText.Signature(r.Plugin.Signature)}");
        }
        foreach (var r in host.Reports.Where(r => !r.Loaded))
        {
            console.MarkupLine($"[red]{MessageText.Format(PluginMessages.PluginsRefusedTitle, Markup.Escape(Path.GetFileName(r.Folder)))}[/]");
            foreach (var p in r.Problems.Where(p => p.Severity == Severity.Error)) console.WriteLine("  " + p);
        }
    }

    /// <summary>Every threshold figure not confirmed by a quotation, with its source or the reason it is assumed.</summary>
    private static void WriteUnverified(IAnsiConsole console, PluginHost host)
    {
        var t = new Table().Border(TableBorder.Rounded).Title(PluginMessages.UnverifiedTitle)
            .AddColumn(PluginMessages.PluginsSetColumn).AddColumn(PluginMessages.UnverifiedIndicatorColumn).AddColumn(PluginMessages.UnverifiedRegionColumn)
            .AddColumn(PluginMessages.UnverifiedThresholdColumn).AddColumn(PluginMessages.UnverifiedFromColumn).AddColumn(PluginMessages.PluginsStatusColumn)
            .AddColumn(PluginMessages.UnverifiedSourceColumn);
        var count = 0;
        foreach (var s in host.Sets)
        {
            foreach (var (indicator, value, region, figure) in s.Set.ThresholdFigures.Where(x => x.Figure.Provenance.State != ProvenanceState.Confirmed))
            {
                count++;
                t.AddRow(Markup.Escape(s.Set.Id), Markup.Escape($"{indicator.Code} {indicator.Name}"), Markup.Escape(region?.Code() ?? PluginMessages.UnverifiedGeneral),
                    Markup.Escape($"{indicator.Threshold.Operator.Symbol()} {DisplayFormat.Value(figure.Value, indicator.ValueUnit)}"),
                    value.From.ToString("yyyy-MM-dd"), Markup.Escape(SessionText.Provenance(figure.Provenance.State)),
                    Markup.Escape(figure.Provenance.State == ProvenanceState.Reported ? figure.Provenance.Document ?? "" : figure.Provenance.Reason ?? ""));
            }
        }
        console.Write(t);
        console.MarkupLine(MessageText.Format(PluginMessages.UnverifiedCount, MessageText.Count(count)));
    }
}

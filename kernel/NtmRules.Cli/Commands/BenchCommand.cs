using NtmRules.Cli.Localization;
using System.CommandLine;
using System.Diagnostics;
using NtmRules.Bench;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm bench --communes N [--set ID] [--runs K] [--seed S] [--stream | --draft | --all]</c>: parses the
/// options, loads the plugins and hands over to the bench library (<see cref="ComparisonBench"/>,
/// <see cref="StreamBench"/>, <see cref="DraftBench"/>, <see cref="AllBench"/>), which writes what it
/// measures to standard output; the exit code says whether the paths agreed.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var communes = new Option<int>("--communes") { Description = Texts.BenchCommunesDescription, DefaultValueFactory = _ => 10_000 };
        var set = new Option<string>("--set") { Description = Texts.BenchSetDescription, DefaultValueFactory = _ => "vn.qd318.xa-ntm" };
        var runs = new Option<int>("--runs") { Description = Texts.BenchRunsDescription, DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = Texts.BenchSeedDescription, DefaultValueFactory = _ => 1 };
        var stream = new Option<bool>("--stream") { Description = Texts.BenchStreamDescription };
        var output = new Option<string?>("--out") { Description = Texts.BenchOutDescription };
        var draft = new Option<bool>("--draft") { Description = Texts.BenchDraftDescription };
        var all = new Option<bool>("--all")
        {
            Description = Texts.BenchAllDescription,
        };
        var webSeconds = new Option<int>("--web-seconds") { Description = Texts.BenchWebSecondsDescription, DefaultValueFactory = _ => 30 };
        var command = new Command("bench", Texts.BenchDescription)
        {
            communes, set, runs, seed, stream, output, draft, all, webSeconds,
        };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var (n, k, s) = (parse.GetValue(communes), parse.GetValue(runs), parse.GetValue(seed));
            Check(n, k, parse.GetValue(stream), parse.GetValue(draft), parse.GetValue(all), parse.GetValue(webSeconds));
            var cold = Stopwatch.StartNew();
            var templates = parse.GetValue(draft) || parse.GetValue(all) ? CommandRunner.LoadTemplates() : null;
            var host = CommandRunner.LoadPlugins(parse, pluginsOption, templates: templates, setId: parse.GetValue(set));
            cold.Stop();
            var compiled = host.GetSet(parse.GetValue(set)!);
            var report = Console.Out;
            BenchReport.WriteHeader(report, compiled, n, parse.GetValue(stream) ? null : k, s, host, cold.Elapsed);
            if (parse.GetValue(all))
            {
                var passThrough = new List<string> { "--plugins", host.Folder };
                if (parse.GetValue(SigningOptions.AllowUnsigned)) passThrough.Add("--allow-unsigned");
                var settings = new AllBenchSettings(passThrough, SigningOptions.Verifier(parse), code => code is ExitCodes.Ok or ExitCodes.BadInput,
                    TimeSpan.FromSeconds(parse.GetValue(webSeconds)));
                return Agreed(await AllBench.RunAsync(host, templates!, compiled, n, k, s, settings, report, cancel));
            }
            if (templates is not null)
            {
                await DraftBench.RunAsync(host, templates, compiled, n, k, s, report, cancel);
                return ExitCodes.Ok;
            }
            if (parse.GetValue(stream))
                return await StreamBench.RunAsync(host, compiled, n, s, parse.GetValue(output), report, cancel) ? ExitCodes.Ok : ExitCodes.InternalError;
            return Agreed((await ComparisonBench.RunAsync(host, compiled, n, k, s, report, cancel)).VerdictsIdentical);
        }));
        return command;
    }

    /// <summary>Refuses options that cannot be measured, naming the option.</summary>
    private static void Check(int communes, int runs, bool stream, bool draft, bool all, int webSeconds)
    {
        if (communes < 1 || runs < 1)
            throw new InputException(new Problem(Severity.Error, Texts.BenchCountsAtLeastOne, Field: communes < 1 ? "--communes" : "--runs"));
        if (new[] { stream, draft, all }.Count(x => x) > 1)
            throw new InputException(new Problem(Severity.Error, Texts.BenchOneMode, Field: all ? "--all" : "--draft"));
        if (webSeconds is < 1 or > 600)
            throw new InputException(new Problem(Severity.Error, Texts.BenchWebSecondsRange, Field: "--web-seconds"));
    }

    private static int Agreed(bool verdictsIdentical) => verdictsIdentical ? ExitCodes.Ok : ExitCodes.VerificationFailed;
}

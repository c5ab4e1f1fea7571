using NtmRules.Kernel.Localization;
using System.CommandLine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Formatting;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Testing;
using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin test DIR|PACKAGE [--min-coverage N] [--format text|json]</c>: runs the test cases a
/// plugin carries (<c>tests/*.test.json</c>) through the normal host and evaluator, with the installed
/// plugins as the bases its sets extend, and reports rule coverage.
/// </summary>
internal static class PluginTestCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var target = new Argument<string>("plugin") { Description = PluginMessages.TestPluginDescription };
        var minCoverage = new Option<double>("--min-coverage")
        {
            Description = PluginMessages.MinCoverageDescription,
            DefaultValueFactory = _ => 0,
        };
        minCoverage.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!double.IsFinite(v) || v < 0 || v > 100) r.AddError(MessageText.Format(PluginMessages.MinCoverageRange, v));
        });
        var format = new Option<string>("--format") { Description = PluginMessages.TestFormatDescription, DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("test", PluginMessages.TestDescription) { target, minCoverage, format };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            using var opened = PluginTarget.Open(parse, parse.GetValue(target)!);
            var path = opened.Folder;
            if (!Directory.Exists(path))
                throw new InputException(new Problem(Severity.Error, PluginMessages.TestPluginFolderNotFound, path));
            var host = CommandRunner.LoadCandidate(parse, pluginsOption, path);
            var report = await PluginTestRunner.RunAsync(host, cancel);
            var min = parse.GetValue(minCoverage);
            CommandRunner.WriteProblems(report.Warnings);
            if (parse.GetValue(format) == "json") WriteJson(report, min, Console.Out);
            else WriteText(report, min, Console.Out);
            var coverageOk = report.Coverage.Reaches(min);
            if (!coverageOk)
                Console.Error.WriteLine(MessageText.Format(PluginMessages.CoverageBelowMinimum, Percent(report.Coverage.Percent), MessageText.Number(min, 1)));
            if (report.FailedCount > 0)
                Console.Error.WriteLine(MessageText.Format(PluginMessages.CasesFailed, report.FailedCount));
            return report.FailedCount == 0 && coverageOk ? ExitCodes.Ok : ExitCodes.PluginTestsFailed;
        }));
        return command;
    }

    /// <summary>A coverage percentage with one decimal, rounded down so that only full coverage reads 100,0%.</summary>
    private static string Percent(double percent) => MessageText.Fixed(Math.Floor(percent * 10) / 10, 1) + "%";

    private static string Show(IndicatorResult r)
    {
        var unit = r.Indicator.ValueUnit;
        var value = r.Actual is { } a ? DisplayFormat.Value(a, unit)
            : r.MissingMeasures.Count > 0 ? MessageText.Format(PluginMessages.TestNotComputedMissing, string.Join(", ", r.MissingMeasures))
            : PluginMessages.TestNotComputed;
        var detail = MessageText.Format(PluginMessages.TestDetail, value, DisplayFormat.Threshold(r.Threshold, unit));
        return r.Outcome == Outcome.ExpressionError ? MessageText.Format(PluginMessages.TestRuleFailed, detail, r.Error) : detail;
    }

    private static void WriteText(PluginTestReport report, double min, TextWriter o)
    {
        o.WriteLine($"Plugin {report.Plugin.Id} {report.Plugin.Version} ({report.Plugin.Folder})");
        foreach (var c in report.Cases)
        {
            var mismatches = c.Mismatches.ToArray();
            var mark = c.Passed ? "✓" : "✗";
            o.WriteLine(MessageText.Format(PluginMessages.TestCaseLine, mark, c.Case.Name, c.Case.DisplayFile, c.Case.SetId, c.Checks.Count - mismatches.Length, c.Checks.Count));
            foreach (var p in c.DataErrors) o.WriteLine("    " + MessageText.Format(PluginMessages.TestDataError, p));
            foreach (var m in mismatches)
            {
                var where = m.Expected.Line is { } line ? $"{c.Case.DisplayFile}({line},{m.Expected.Column ?? 1})" : c.Case.DisplayFile;
                o.WriteLine("    " + MessageText.Format(PluginMessages.TestMismatch, m.Expected.Code, m.Actual.Indicator.Name,
                    SessionText.Status(m.Expected.Status), SessionText.Status(m.Actual.Status), Show(m.Actual), where));
            }
        }
        o.WriteLine();
        o.WriteLine(PluginMessages.TestCoverageTitle);
        var width = report.Coverage.Sets.Select(s => s.SetId.Length).DefaultIfEmpty(0).Max();
        foreach (var s in report.Coverage.Sets)
        {
            o.WriteLine($"  {s.SetId.PadRight(width)}  {s.Covered,3}/{s.Total,-3} {Percent(s.Percent),7}");
            foreach (var g in s.Uncovered.GroupBy(SessionText.Missing))
                o.WriteLine("      " + MessageText.Format(PluginMessages.TestUncovered, g.Key, string.Join(", ", g.Select(u => u.Code))));
        }
        var summary = MessageText.Format(PluginMessages.TestSummary, report.Cases.Count, report.PassedCount, report.FailedCount,
            Percent(report.Coverage.Percent), report.Coverage.Covered, report.Coverage.Total);
        o.WriteLine(min > 0 ? MessageText.Format(PluginMessages.TestMinimum, summary, MessageText.Number(min, 1)) : summary);
    }

    private static void WriteJson(PluginTestReport report, double min, TextWriter o)
    {
        static JToken Scalar(Scalar? s) => s is { } v ? v.Kind == ScalarKind.Boolean ? new JValue(v.Flag) : new JValue(v.Number) : JValue.CreateNull();
        var doc = new JObject
        {
            ["format"] = "ntm.plugin-test-report/1",
            ["plugin"] = new JObject { ["id"] = report.Plugin.Id, ["version"] = report.Plugin.Version, ["contentSha256"] = report.Plugin.ContentHash },
            ["cases"] = new JArray(report.Cases.Select(c => new JObject
            {
                ["file"] = c.Case.DisplayFile,
                ["name"] = c.Case.Name,
                ["set"] = c.Case.SetId,
                ["passed"] = c.Passed,
                ["checked"] = c.Checks.Count,
                ["dataErrors"] = new JArray(c.DataErrors.Select(p => p.ToString())),
                ["mismatches"] = new JArray(c.Mismatches.Select(m => new JObject
                {
                    ["code"] = m.Expected.Code,
                    ["line"] = m.Expected.Line,
                    ["expected"] = m.Expected.Status.Code(),
                    ["actual"] = m.Actual.Status.Code(),
                    ["outcome"] = m.Actual.Outcome.ToString(),
                    ["value"] = Scalar(m.Actual.Actual),
                    ["threshold"] = new JObject { ["operator"] = m.Actual.Threshold.Operator.Symbol(), ["value"] = Scalar(m.Actual.Threshold.Value) },
                    ["missingMeasures"] = new JArray(m.Actual.MissingMeasures),
                })),
            })),
            ["coverage"] = new JObject
            {
                ["covered"] = report.Coverage.Covered,
                ["total"] = report.Coverage.Total,
                ["percent"] = Math.Round(report.Coverage.Percent, 2),
                ["minimum"] = min,
                ["reached"] = report.Coverage.Reaches(min),
                ["sets"] = new JArray(report.Coverage.Sets.Select(s => new JObject
                {
                    ["set"] = s.SetId,
                    ["covered"] = s.Covered,
                    ["total"] = s.Total,
                    ["uncovered"] = new JArray(s.Uncovered.Select(u => new JObject
                    {
                        ["code"] = u.Code,
                        ["hasPassingCase"] = u.HasPassingCase,
                        ["hasFailingCase"] = u.HasFailingCase,
                    })),
                })),
            },
            ["summary"] = new JObject { ["cases"] = report.Cases.Count, ["passed"] = report.PassedCount, ["failed"] = report.FailedCount },
        };
        using var w = new JsonTextWriter(o) { Formatting = Formatting.Indented, CloseOutput = false };
        doc.WriteTo(w);
        w.Flush();
        o.WriteLine();
    }
}

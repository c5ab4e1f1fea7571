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
                Console.Error.WriteLine(MessageText.Format(PluginMessages.CoverageBelowMinimum, Percent(report.Coverage.Percent), VietnameseFormat.Number(min, 1)));
            if (report.FailedCount > 0)
                Console.Error.WriteLine(MessageText.Format(PluginMessages.CasesFailed, report.FailedCount));
            return report.FailedCount == 0 && coverageOk ? ExitCodes.Ok : ExitCodes.PluginTestsFailed;
        }));
        return command;
    }

    /// <summary>A coverage percentage with one decimal, rounded down so that only full coverage reads 100,0%.</summary>
    private static string Percent(double percent) => VietnameseFormat.Fixed(Math.Floor(percent * 10) / 10, 1) + "%";

    private static string Show(IndicatorResult r)
    {
        var unit = r.Indicator.ValueUnit;
        var value = r.Actual is { } a ? VietnameseFormat.Value(a, unit)
            : r.MissingMeasures.Count > 0 ? "không tính được, thiếu " + string.Join(", ", r.MissingMeasures)
            : "không tính được";
        var detail = $"giá trị {value}, ngưỡng {VietnameseFormat.Threshold(r.Threshold, unit)}";
        if (r.Outcome == Outcome.ExpressionError) detail += $"; quy tắc lỗi khi chạy: {r.Error}";
        return detail;
    }

    private static void WriteText(PluginTestReport report, double min, TextWriter o)
    {
        o.WriteLine($"Plugin {report.Plugin.Id} {report.Plugin.Version} ({report.Plugin.Folder})");
        foreach (var c in report.Cases)
        {
            var mismatches = c.Mismatches.ToArray();
            var mark = c.Passed ? "✓" : "✗";
            o.WriteLine($"{mark} {c.Case.Name} [{c.Case.DisplayFile}, {c.Case.SetId}]: {c.Checks.Count - mismatches.Length}/{c.Checks.Count} chỉ tiêu đúng như mong đợi");
            foreach (var p in c.DataErrors) o.WriteLine($"    số liệu không hợp lệ: {p}");
            foreach (var m in mismatches)
            {
                var where = m.Expected.Line is { } line ? $"{c.Case.DisplayFile}({line},{m.Expected.Column ?? 1})" : c.Case.DisplayFile;
                o.WriteLine($"    {m.Expected.Code} {m.Actual.Indicator.Name}: mong đợi {m.Expected.Status.Label()}, thực tế {m.Actual.Status.Label()} ({Show(m.Actual)}) — {where}");
            }
        }
        o.WriteLine();
        o.WriteLine("Độ phủ quy tắc (chỉ tiêu có cả ca đạt và ca chưa đạt, trong các ca đạt):");
        var width = report.Coverage.Sets.Select(s => s.SetId.Length).DefaultIfEmpty(0).Max();
        foreach (var s in report.Coverage.Sets)
        {
            o.WriteLine($"  {s.SetId.PadRight(width)}  {s.Covered,3}/{s.Total,-3} {Percent(s.Percent),7}");
            foreach (var g in s.Uncovered.GroupBy(u => u.Missing))
                o.WriteLine($"      chưa phủ ({g.Key}): {string.Join(", ", g.Select(u => u.Code))}");
        }
        o.WriteLine($"{report.Cases.Count} ca kiểm thử: {report.PassedCount} đạt, {report.FailedCount} lỗi; độ phủ {Percent(report.Coverage.Percent)} ({report.Coverage.Covered}/{report.Coverage.Total} chỉ tiêu)"
            + (min > 0 ? $"; tối thiểu {VietnameseFormat.Number(min, 1)}%" : ""));
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

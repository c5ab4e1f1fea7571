using NtmRules.Kernel.Localization;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Application;
using NtmRules.Intake.Readers;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Evaluation;
using NtmRules.Kernel.Loading;
using RulesEngine.Models;

using NtmRules.Cli.Localization;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin new --id ID --province "Tên tỉnh" --decision "QĐ xx/2026/QĐ-UBND" [--extends SETID|none] [--date yyyy-MM-dd] [--out DIR]</c>:
/// scaffolds a data-only plugin folder (no assembly, no code): <c>plugin.json</c>, one set (by
/// default extending <c>vn.qd318.xa-ntm</c> with one threshold override citing the decision, or
/// standalone with one criterion and indicator), its RulesEngine workflow, one Scriban template,
/// a sample commune, one test case, and the JSON Schemas the files name in <c>$schema</c> (so an
/// editor completes and checks them). It then loads the new folder the way the host will and
/// evaluates the sample, so what it writes is known to validate, load and pass its test.
/// </summary>
internal static partial class PluginNewCommand
{
    /// <summary>The national set a provincial scaffold extends unless told otherwise.</summary>
    public const string DefaultBase = "vn.qd318.xa-ntm";

    [GeneratedRegex(@"^(Quyết định số|Quyết định|QĐ số|QĐ)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex DecisionPrefix();

    /// <summary>What <c>ntm plugin new</c> was asked for, checked: the id, province, decision and its date, the folder to create.</summary>
    private sealed record Request(string PluginId, string Province, string Decision, DateOnly DecisionDate, string Folder, string BaseId);

    /// <summary>The command's options, declared once and read by <see cref="Read"/>.</summary>
    private sealed class Options
    {
        public Option<string> Id { get; } = new("--id") { Description = PluginMessages.NewIdDescription, Required = true };
        public Option<string> Province { get; } = new("--province") { Description = PluginMessages.NewProvinceDescription, Required = true };
        public Option<string> Decision { get; } = new("--decision") { Description = PluginMessages.NewDecisionDescription, Required = true };
        public Option<string> Extends { get; } = new("--extends") { Description = MessageText.Format(PluginMessages.NewExtendsDescription, DefaultBase), DefaultValueFactory = _ => DefaultBase };
        public Option<string?> Date { get; } = new("--date") { Description = PluginMessages.NewDateDescription };
        public Option<string?> Output { get; } = new("--out") { Description = PluginMessages.NewOutDescription };

        /// <summary>The request the options make; a bad id, an empty name or number, a bad date or an occupied folder is the user's input error.</summary>
        public Request Read(ParseResult parse)
        {
            var pluginId = parse.GetValue(Id)!.Trim();
            if (!PluginId.IsValid(pluginId))
                throw new InputException(new Problem(Severity.Error, MessageText.Format(PluginMessages.NewInvalidId, pluginId, PluginId.Rule), Field: "--id"));
            var provinceName = parse.GetValue(Province)!.Trim().Normalize(NormalizationForm.FormC);
            if (provinceName.Length == 0) throw new InputException(new Problem(Severity.Error, PluginMessages.NewProvinceRequired, Field: "--province"));
            var decisionNumber = DecisionPrefix().Replace(parse.GetValue(Decision)!.Trim().Normalize(NormalizationForm.FormC), "");
            if (decisionNumber.Length == 0) throw new InputException(new Problem(Severity.Error, PluginMessages.NewDecisionRequired, Field: "--decision"));
            var decisionDate = DateOnly.FromDateTime(DateTime.UtcNow);
            if (parse.GetValue(Date) is { } dateText && !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out decisionDate))
                throw new InputException(new Problem(Severity.Error, MessageText.Format(PluginMessages.NewNotADate, dateText), Field: "--date"));
            var folder = Path.GetFullPath(parse.GetValue(Output) ?? pluginId);
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
                throw new InputException(new Problem(Severity.Error, PluginMessages.NewFolderNotEmpty, folder));
            if (File.Exists(folder)) throw new InputException(new Problem(Severity.Error, PluginMessages.NewFileExists, folder));
            return new Request(pluginId, provinceName, decisionNumber, decisionDate, folder, parse.GetValue(Extends)!.Trim());
        }
    }

    public static Command Create(Option<string?> pluginsOption)
    {
        var options = new Options();
        var command = new Command("new", PluginMessages.NewDescription)
        {
            options.Id, options.Province, options.Decision, options.Extends, options.Date, options.Output,
        };
        command.SetAction((parse, cancel) => CommandRunner.RunAsync(async () =>
        {
            var request = options.Read(parse);
            var baseSet = BaseSet(parse, pluginsOption, request.BaseId);
            var s = new Scaffold(request.PluginId, request.Province, request.Decision, request.DecisionDate, baseSet);
            Directory.CreateDirectory(request.Folder);
            s.Write(request.Folder);
            return await CheckAndReportAsync(parse, pluginsOption, request, s, baseSet, cancel);
        }));
        return command;
    }

    /// <summary>The installed set the scaffold extends (null for 'none'); an unknown one is refused as --extends.</summary>
    private static CompiledCriteriaSet? BaseSet(ParseResult parse, Option<string?> pluginsOption, string baseId)
    {
        if (baseId.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        var installedHost = CommandRunner.LoadPlugins(parse, pluginsOption, quiet: true);
        try
        {
            return installedHost.GetSet(baseId);
        }
        catch (NtmException e)
        {
            throw new InputException(e.Problems.Select(p => p.Field == "--set" ? p with { Field = "--extends" } : p).ToArray());
        }
    }

    /// <summary>
    /// Loads the new folder as the host will and evaluates its sample (the test case records the verdict),
    /// then lists what was written and what to do next.
    /// </summary>
    private static async Task<int> CheckAndReportAsync(ParseResult parse, Option<string?> pluginsOption, Request request, Scaffold s,
        CompiledCriteriaSet? baseSet, CancellationToken cancel)
    {
        var folder = request.Folder;
        var host = CommandRunner.LoadCandidate(parse, pluginsOption, folder);
        var report = host.Candidate!;
        if (!report.Loaded)
        {
            CommandRunner.WriteProblems(report.Problems);
            Console.Error.WriteLine(MessageText.Format(PluginMessages.NewScaffoldDoesNotLoad, folder));
            return ExitCodes.InternalError;
        }
        var compiled = host.GetSet(s.SetId);
        var samplePath = Path.Combine(folder, Scaffold.SamplePath);
        var data = CommuneFileReader.ReadOne(samplePath, samplePath, compiled.Set, []);
        var result = await host.Evaluator.EvaluateAsync(compiled, data, cancel);
        var verdict = result.Criteria.SelectMany(c => c.Indicators).Single(i => i.Indicator.Code == s.IndicatorCode);
        s.WriteTestCase(folder, verdict.Status);

        Console.WriteLine(MessageText.Format(PluginMessages.NewCreated, request.PluginId, folder));
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            Console.WriteLine("  " + Path.GetRelativePath(folder, file).Replace('\\', '/'));
        var status = SessionText.Status(verdict.Status);
        Console.WriteLine(baseSet is null
            ? MessageText.Format(PluginMessages.NewSetStandalone, s.SetId, s.IndicatorCode, status)
            : MessageText.Format(PluginMessages.NewSetExtends, s.SetId, baseSet.Set.Id, s.IndicatorCode, status));
        Console.WriteLine(PluginMessages.NewNextSteps);
        Console.WriteLine($"  ntm plugin validate {Path.GetRelativePath(Environment.CurrentDirectory, folder)}");
        return ExitCodes.Ok;
    }

    /// <summary>The files of a new plugin, built in memory and written once.</summary>
    private sealed class Scaffold
    {
        public const string SamplePath = "samples/xa-mau.json";
        private const string TestPath = "tests/xa-mau.test.json";
        private const string Schemas = "schemas";

        private readonly string _id;
        private readonly string _province;
        private readonly string _decision;
        private readonly DateOnly _date;
        private readonly CompiledCriteriaSet? _base;
        private readonly string _suffix;
        private readonly Indicator? _baseIndicator;

        public Scaffold(string id, string province, string decision, DateOnly date, CompiledCriteriaSet? baseSet)
        {
            _id = id;
            _province = province;
            _decision = decision;
            _date = date;
            _base = baseSet;
            _suffix = baseSet is null ? "xa-ntm" : baseSet.Set.Id[(baseSet.Set.Id.LastIndexOf('.') + 1)..];
            if (baseSet is not null)
            {
                // The indicator whose threshold the scaffold overrides: 11 (nghèo đa chiều) where the base
                // has it, a province's most usual change; otherwise the first numeric one.
                _baseIndicator = baseSet.Set.Indicators.FirstOrDefault(i => i.Code == "11" && i.Threshold.Kind == ScalarKind.Number)
                    ?? baseSet.Set.Indicators.FirstOrDefault(i => i.Threshold.Kind == ScalarKind.Number)
                    ?? baseSet.Set.Indicators[0];
            }
        }

        public string SetId => $"{_id}.{_suffix}";

        public string IndicatorCode => _baseIndicator?.Code ?? "1";

        private string Date => _date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private string Authority => $"UBND tỉnh {_province}";

        public void Write(string folder)
        {
            WriteJson(folder, "plugin.json", new JObject
            {
                ["$schema"] = $"{Schemas}/plugin-manifest.schema.json",
                ["id"] = _id,
                ["name"] = $"Bộ tiêu chí nông thôn mới tỉnh {_province} (QĐ {_decision})",
                ["version"] = "0.1.0",
                ["publisher"] = Authority,
                ["sets"] = new JArray($"sets/{_suffix}.json"),
            });
            WriteJson(folder, $"sets/{_suffix}.json", _base is null ? StandaloneSet() : ExtendingSet(_base));
            WriteJson(folder, $"rules/{_suffix}.json", Workflow());
            WriteTemplate(folder);
            WriteJson(folder, SamplePath, Sample());
            var schemaSource = Path.Combine(AppContext.BaseDirectory, "schemas");
            foreach (var name in new[] { "plugin-manifest", "criteria-set", "workflow", "plugin-test", "commune-data" })
                CopyFile(Path.Combine(schemaSource, name + ".schema.json"), Path.Combine(folder, Schemas, name + ".schema.json"));
        }

        public void WriteTestCase(string folder, IndicatorStatus status) => WriteJson(folder, TestPath, new JObject
        {
            ["$schema"] = $"../{Schemas}/plugin-test.schema.json",
            ["format"] = PluginTestCases.Format,
            ["name"] = $"Xã mẫu: chỉ tiêu {IndicatorCode} {status.Label()}",
            ["set"] = SetId,
            ["data"] = "../" + SamplePath,
            ["expect"] = new JObject { [IndicatorCode] = status.Code() },
        });

        private JObject Decision() => new()
        {
            ["number"] = _decision,
            ["date"] = Date,
            ["authority"] = Authority,
            ["title"] = $"Quyết định ban hành Bộ tiêu chí xã nông thôn mới tỉnh {_province} (ghi đúng trích yếu của quyết định)",
        };

        private JObject Header(string name, string level, JObject? effectiveTo) => new()
        {
            ["$schema"] = $"../{Schemas}/criteria-set.schema.json",
            ["id"] = SetId,
            ["name"] = name,
            ["level"] = level,
            ["decision"] = Decision(),
            ["effective"] = effectiveTo ?? new JObject { ["from"] = Date },
            ["legalBases"] = new JArray($"Quyết định số {_decision} ngày {_date:dd/MM/yyyy} của {Authority}"),
            ["workflow"] = $"rules/{_suffix}.json",
        };

        private JObject ExtendingSet(CompiledCriteriaSet b)
        {
            var bi = _baseIndicator!;
            var baseValue = bi.Threshold.Values[^1];
            var value = new JObject
            {
                ["from"] = Date,
                ["value"] = ScalarToken(baseValue.AllFigures.First().Value),
                ["provenance"] = new JObject
                {
                    ["state"] = "assumed",
                    ["reason"] = $"Giá trị chép từ bộ {b.Set.Id}; chưa đối chiếu với QĐ {_decision}. Sửa 'value' theo quyết định của tỉnh rồi ghi 'provenance' (confirmed: document, location, quote), hoặc dùng ntm plugin thresholds.",
                },
            };
            if (baseValue.ByRegion.Count > 0)
                value["regions"] = new JObject(baseValue.ByRegion.OrderBy(kv => kv.Key).Select(kv => new JProperty(kv.Key.ToString(), ScalarToken(kv.Value.Value))));
            value["citation"] = new JObject
            {
                ["decision"] = _decision,
                ["item"] = $"Tiêu chí số {bi.CriterionNumber}, chỉ tiêu {bi.Code}",
            };
            var effective = new JObject { ["from"] = Date };
            // The base's end date, when the new decision falls inside the base's period (a province's set of the same period).
            if (b.Set.Effective.To is { } to && to >= _date) effective["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var set = Header($"Bộ tiêu chí {Levels(b.Set.Level)} tỉnh {_province}", LevelCode(b.Set.Level), effective);
            set["extends"] = new JObject
            {
                ["set"] = b.Set.Id,
                ["inheritedValues"] = "assumed",
                ["reason"] = $"Các ngưỡng kế thừa là của {b.Set.Id}; chưa đối chiếu với QĐ {_decision}.",
            };
            set["override"] = new JObject
            {
                [bi.Code] = new JObject
                {
                    ["threshold"] = new JObject
                    {
                        ["operator"] = bi.Threshold.Operator.Symbol(),
                        ["values"] = new JArray(value),
                    },
                },
            };
            return Reorder(set);
        }

        private JObject StandaloneSet()
        {
            var set = Header($"Bộ tiêu chí xã nông thôn mới tỉnh {_province}", "xa-ntm", null);
            set["measures"] = new JArray(
                new JObject { ["key"] = "tongSoHo", ["label"] = "Tổng số hộ", ["unit"] = "hộ", ["type"] = "integer", ["min"] = 1 },
                new JObject { ["key"] = "soHoDatChuan", ["label"] = "Số hộ đạt chuẩn theo chỉ tiêu 1 (thay bằng số liệu của quyết định)", ["unit"] = "hộ", ["type"] = "integer", ["min"] = 0 });
            set["criteria"] = new JArray(new JObject
            {
                ["number"] = 1,
                ["name"] = "Tiêu chí mẫu (đổi tên theo quyết định)",
                ["indicators"] = new JArray(new JObject
                {
                    ["code"] = "1",
                    ["name"] = "Tỷ lệ hộ đạt chuẩn (đổi theo quyết định)",
                    ["value"] = new JObject { ["label"] = "Tỷ lệ hộ đạt chuẩn", ["unit"] = "%" },
                    ["responsibleOffice"] = "Phòng Kinh tế",
                    ["threshold"] = new JObject
                    {
                        ["operator"] = ">=",
                        ["values"] = new JArray(new JObject
                        {
                            ["from"] = Date,
                            ["value"] = 80,
                            ["provenance"] = new JObject
                            {
                                ["state"] = "assumed",
                                ["reason"] = $"Giá trị mẫu do ntm plugin new tạo; thay bằng ngưỡng của QĐ {_decision} và ghi 'provenance' (confirmed: document, location, quote).",
                            },
                            ["citation"] = new JObject { ["decision"] = _decision, ["item"] = "Tiêu chí số 1" },
                        }),
                    },
                }),
            });
            return set;
        }

        private JObject Workflow()
        {
            JArray rules;
            if (_base is null)
            {
                rules = new JArray(new JObject
                {
                    ["RuleName"] = "1",
                    ["LocalParams"] = new JArray(new JObject { ["Name"] = "actual", ["Expression"] = "Ntm.Rate(m.soHoDatChuan, m.tongSoHo)" }),
                    ["Expression"] = "actual >= threshold",
                });
            }
            else
            {
                // An extending set's workflow holds only added rules and rules replacing inherited ones:
                // the scaffold's is a copy of the base's rule for the overridden indicator, to edit if the
                // province computes it differently.
                var rule = _base.SourceWorkflow.Rules.Single(r => r.RuleName == _baseIndicator!.RuleName);
                rules = new JArray(RuleToken(rule));
            }
            return new JObject
            {
                ["$schema"] = $"../{Schemas}/workflow.schema.json",
                ["WorkflowName"] = SetId,
                ["Rules"] = rules,
            };
        }

        private static JObject RuleToken(Rule rule)
        {
            var o = new JObject { ["RuleName"] = rule.RuleName };
            if (rule.LocalParams?.Any() == true)
                o["LocalParams"] = new JArray(rule.LocalParams.Select(p => new JObject { ["Name"] = p.Name, ["Expression"] = p.Expression }));
            if (!string.IsNullOrEmpty(rule.Expression)) o["Expression"] = rule.Expression;
            if (rule.Rules?.Any() == true)
            {
                o["Operator"] = rule.Operator;
                o["Rules"] = new JArray(rule.Rules.Select(RuleToken));
            }
            return o;
        }

        private JObject Sample()
        {
            var measures = new JObject();
            if (_base is null)
            {
                measures["tongSoHo"] = 1000;
                measures["soHoDatChuan"] = 900;
            }
            else
            {
                // A measure with a default is a figure most communes do not have: the sample leaves it out.
                foreach (var key in _base.MeasuresReadBy(_baseIndicator!.Code).Where(k => _base.Set.MeasuresByKey[k].Default is null))
                    measures[key] = SampleValue(_base.Set.MeasuresByKey[key]);
            }
            return new JObject
            {
                ["$schema"] = $"../{Schemas}/commune-data.schema.json",
                ["format"] = "ntm.commune-data/1",
                ["commune"] = new JObject { ["name"] = "Xã mẫu", ["province"] = _province },
                ["region"] = "BTB",
                ["specialDifficulty"] = false,
                ["year"] = _date.Year,
                ["assessmentDate"] = Date,
                ["measures"] = measures,
                ["sources"] = new JObject(measures.Properties().Select(p => new JProperty(p.Name, "minh họa (illustrative): số liệu do ntm plugin new tạo, không phải của một xã thật"))),
            };
        }

        /// <summary>A plausible figure inside the measure's range: yes, 95%, 1.000 for a denominator, 10 otherwise.</summary>
        private static JToken SampleValue(Measure m)
        {
            if (m.Type == MeasureType.Boolean) return true;
            double v = m.Type == MeasureType.Percent ? 95 : m.Min is >= 1 ? 1000 : 10;
            if (m.Min is { } lo && v < lo) v = lo;
            if (m.Max is { } hi && v > hi) v = hi;
            return v == Math.Floor(v) ? new JValue((long)v) : new JValue(v);
        }

        private static JToken ScalarToken(Scalar s) => s.Kind == ScalarKind.Boolean ? new JValue(s.Flag)
            : s.Number == Math.Floor(s.Number) && Math.Abs(s.Number) < 1e15 ? new JValue((long)s.Number) : new JValue(s.Number);

        private void WriteTemplate(string folder)
        {
            var source = Path.Combine(AppContext.BaseDirectory, "templates", "indicator.md.scriban");
            var text = "{{~ # Mẫu riêng của plugin " + _id + " (bản sao mẫu mặc định indicator.md): sửa câu chữ tại đây. ~}}\n"
                       + File.ReadAllText(source, Encoding.UTF8);
            WriteText(folder, "templates/indicator.md.scriban", text);
        }

        private static JObject Reorder(JObject set)
        {
            // $schema, id, extends first: the way the shipped provincial sets read.
            var order = new[] { "$schema", "id", "extends" };
            var result = new JObject();
            foreach (var name in order) if (set[name] is { } t) result[name] = t;
            foreach (var p in set.Properties().Where(p => !order.Contains(p.Name))) result[p.Name] = p.Value;
            return result;
        }

        private static string LevelCode(Level level) => level.Code();

        private static string Levels(Level level) => level.VietnameseName();

        private static void WriteJson(string folder, string relative, JObject o) =>
            WriteText(folder, relative, o.ToString(Formatting.Indented) + "\n");

        private static void WriteText(string folder, string relative, string text)
        {
            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }

        private static void CopyFile(string from, string to)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;

namespace NtmRules.Cli.Commands;

/// <summary>
/// <c>ntm plugin validate DIR|PACKAGE [--format text|json]</c>: loads one plugin folder the way
/// the host loads an installed plugin (<see cref="PluginHost.LoadCandidate"/>, with the installed
/// plugins as the bases its sets extend and the plan-template check), and reports every problem at
/// once as <c>file(line,col): error: json.path: message</c>. The host refuses exactly the plugins
/// this command reports errors for. It also checks the plugin's test cases (<c>tests/*.test.json</c>),
/// which only <c>ntm plugin test</c> reads. Exit 0 when there is no error (warnings allowed), 3 otherwise.
/// </summary>
internal static class PluginValidateCommand
{
    public static Command Create(Option<string?> pluginsOption)
    {
        var path = new Argument<string>("path") { Description = "A plugin folder (built, or data-only: plugin.json, sets, rules, templates) or a .ntmplugin package" };
        var format = new Option<string>("--format") { Description = "text (default): one line per problem, as compilers write them; json: ntm.plugin-validation/1", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("validate", "Kiểm tra một plugin trước khi phát hành: mọi lỗi cùng lúc, kèm tệp, dòng, cột, đường dẫn JSON (validate a plugin)") { path, format };
        command.SetAction(parse => CommandRunner.RunAsync(() =>
        {
            var given = parse.GetValue(path)!;
            using var opened = PluginTarget.Open(parse, given);
            var target = opened.Folder;
            if (!Directory.Exists(target))
                throw new InputException(new Problem(Severity.Error, File.Exists(target)
                    ? "not a plugin folder: give the folder that holds plugin.json (or a .ntmplugin package)"
                    : "no such plugin folder", target));
            var installed = PluginFolder.Resolve(parse.GetValue(pluginsOption));
            var host = CommandRunner.LoadCandidate(parse, pluginsOption, target);
            var report = host.Candidate!;
            var problems = report.Problems.ToList();
            if (report.Plugin is { } candidate) problems.AddRange(SameIdInstalled(candidate, installed));
            problems.AddRange(PluginTestCases.Check(report, host));
            var errors = problems.Count(p => p.Severity == Severity.Error);
            var warnings = problems.Count - errors;
            var valid = errors == 0;
            if (parse.GetValue(format) == "json") WriteJson(report, problems, valid);
            else
            {
                foreach (var p in problems) Console.WriteLine(Display(p).ToString());
                var who = report.Plugin is { } info ? $"plugin {info.Id} {info.Version}" : "plugin";
                Console.WriteLine(valid
                    ? $"{who} ({Display(report.Folder)}): hợp lệ (valid) — {report.SetIds.Count} bộ tiêu chí: {string.Join(", ", report.SetIds)}; {errors} errors, {warnings} warnings"
                    : $"{who} ({Display(report.Folder)}): KHÔNG hợp lệ (invalid) — {errors} errors, {warnings} warnings; the host refuses this plugin until they are fixed");
            }
            return Task.FromResult(valid ? ExitCodes.Ok : ExitCodes.PluginProblem);
        }));
        return command;
    }

    /// <summary>
    /// The candidate is checked in place of an installed plugin with its id (so its sets are not
    /// reported as clashing with themselves); say so, since installing it beside that folder rather
    /// than over it would make the host refuse both.
    /// </summary>
    private static IEnumerable<Problem> SameIdInstalled(Kernel.Domain.PluginInfo candidate, string installed)
    {
        if (!Directory.Exists(installed)) yield break;
        foreach (var dir in Directory.GetDirectories(installed).Order(StringComparer.Ordinal))
        {
            if (string.Equals(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar), candidate.Folder, StringComparison.Ordinal)) continue;
            var manifest = Path.Combine(dir, "plugin.json");
            string? id = null, version = null;
            try
            {
                if (File.Exists(manifest) && JObject.Parse(File.ReadAllText(manifest)) is var o)
                {
                    id = o["id"]?.Type == JTokenType.String ? (string)o["id"]! : null;
                    version = o["version"]?.ToString();
                }
            }
            catch (Newtonsoft.Json.JsonException)
            {
                continue;
            }
            if (id == candidate.Id)
                yield return new Problem(Severity.Warning,
                    $"an installed plugin has the same id \"{id}\": {dir} (version {version}); it was left out so that this folder stands in for it. Install this one in its place: two folders with one id are both refused",
                    Path.Combine(candidate.Folder, "plugin.json"), Field: "id");
        }
    }

    /// <summary>A path relative to the current folder when it is below it, so that the lines stay short and clickable.</summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static Problem Display(Problem p) => p.File is null ? p : p with { File = Display(p.File) };

    private static void WriteJson(PluginLoadReport report, IReadOnlyList<Problem> problems, bool valid)
    {
        using var stream = Console.OpenStandardOutput();
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", "ntm.plugin-validation/1");
        w.WriteString("folder", report.Folder);
        if (report.Plugin is { } info)
        {
            w.WriteStartObject("plugin");
            w.WriteString("id", info.Id);
            w.WriteString("version", info.Version);
            w.WriteString("contentSha256", info.ContentHash);
            w.WriteBoolean("dataOnly", report.DataOnly);
            w.WriteEndObject();
        }
        else w.WriteNull("plugin");
        w.WriteBoolean("valid", valid);
        w.WriteStartArray("sets");
        foreach (var s in report.SetIds) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteNumber("errors", problems.Count(p => p.Severity == Severity.Error));
        w.WriteNumber("warnings", problems.Count(p => p.Severity == Severity.Warning));
        w.WriteStartArray("problems");
        foreach (var p in problems)
        {
            w.WriteStartObject();
            w.WriteString("severity", p.Severity == Severity.Error ? "error" : "warning");
            if (p.File is null) w.WriteNull("file"); else w.WriteString("file", p.File);
            if (p.Line is { } l) w.WriteNumber("line", l); else w.WriteNull("line");
            if (p.Column is { } c) w.WriteNumber("column", c); else w.WriteNull("column");
            if (p.Field is null) w.WriteNull("path"); else w.WriteString("path", p.Field);
            w.WriteString("message", p.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }
}

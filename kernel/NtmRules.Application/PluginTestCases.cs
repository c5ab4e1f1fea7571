using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Application.Localization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;

namespace NtmRules.Application;

/// <summary>
/// Checks the shape of a plugin's test cases (<c>tests/*.test.json</c>, format <c>ntm.plugin-test/1</c>,
/// schema <c>docs/schemas/plugin-test.schema.json</c>) against the sets the host loaded: the set
/// exists, every expected indicator code is in it, every status is a known code, a data path stays
/// in the plugin folder. Running the cases is <c>ntm plugin test</c>'s job.
/// </summary>
public static class PluginTestCases
{
    /// <summary>The test-case format.</summary>
    public const string Format = "ntm.plugin-test/1";

    /// <summary>The folder of the plugin that holds its test cases.</summary>
    public const string Folder = "tests";

    /// <summary>The file name ending of a test case.</summary>
    public const string Suffix = ".test.json";

    private static readonly string[] Statuses = Enum.GetValues<IndicatorStatus>().Select(s => s.Code()).ToArray();

    /// <summary>Every problem of the test cases of the plugin of <paramref name="report"/>, against the sets <paramref name="host"/> loaded.</summary>
    public static IEnumerable<Problem> Check(PluginLoadReport report, PluginHost host)
    {
        var problems = new List<Problem>();
        var dir = Path.Combine(report.Folder, Folder);
        if (!Directory.Exists(dir)) return problems;
        foreach (var file in Directory.GetFiles(dir, "*" + Suffix).Order(StringComparer.Ordinal))
        {
            if (Parse(file, problems) is not { } o) continue;
            if (o["format"]?.Type != JTokenType.String || (string)o["format"]! != Format)
                problems.Add(At(o["format"] ?? o, file, MessageText.Format(ApplicationMessages.CaseFormatRequired, Format), "format"));
            if (o["name"]?.Type != JTokenType.String || string.IsNullOrWhiteSpace((string)o["name"]!))
                problems.Add(At(o["name"] ?? o, file, ApplicationMessages.CaseNameRequired, "name"));
            var set = CheckSet(o, file, report, host, problems);
            CheckData(o, file, dir, report, problems);
            CheckExpect(o, file, set, problems);
        }
        return problems;
    }

    /// <summary>The case file as a JSON object, or null with the problem added.</summary>
    private static JObject? Parse(string file, List<Problem> problems)
    {
        JToken root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(File.ReadAllText(file)));
            root = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
        }
        catch (JsonReaderException e)
        {
            problems.Add(new Problem(Severity.Error, MessageText.Format(ApplicationMessages.CaseMalformedJson, e.Message), file, e.LineNumber == 0 ? null : e.LineNumber, e.LinePosition == 0 ? null : e.LinePosition));
            return null;
        }
        if (root is JObject o) return o;
        problems.Add(At(root, file, ApplicationMessages.CaseNotAnObject));
        return null;
    }

    /// <summary>The set the case names, when it is loaded.</summary>
    private static CriteriaSet? CheckSet(JObject o, string file, PluginLoadReport report, PluginHost host, List<Problem> problems)
    {
        if (o["set"]?.Type != JTokenType.String)
        {
            problems.Add(At(o["set"] ?? o, file, ApplicationMessages.CaseSetRequired, "set"));
            return null;
        }
        var id = (string)o["set"]!;
        var set = host.Sets.FirstOrDefault(s => s.Set.Id == id)?.Set;
        // A refused plugin has no sets to look in: its own errors come first, the rest of the case is still checked.
        if (set is null && report.Loaded) problems.Add(At(o["set"]!, file, MessageText.Format(ApplicationMessages.CaseSetUnknown, id, string.Join(", ", report.SetIds))));
        return set;
    }

    private static void CheckData(JObject o, string file, string dir, PluginLoadReport report, List<Problem> problems)
    {
        switch (o["data"])
        {
            case JObject:
                break;
            case { Type: JTokenType.String } d:
                var data = Path.GetFullPath(Path.Combine(dir, (string)d!));
                if (!data.StartsWith(report.Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    problems.Add(At(d, file, MessageText.Format(ApplicationMessages.CaseDataOutside, (string)d!)));
                else if (!File.Exists(data)) problems.Add(At(d, file, MessageText.Format(ApplicationMessages.CaseDataMissing, (string)d!)));
                break;
            default:
                problems.Add(At(o["data"] ?? o, file, ApplicationMessages.CaseDataShape, "data"));
                break;
        }
    }

    private static void CheckExpect(JObject o, string file, CriteriaSet? set, List<Problem> problems)
    {
        if (o["expect"] is not JObject expect || !expect.HasValues)
        {
            problems.Add(At(o["expect"] ?? o, file, ApplicationMessages.CaseExpectShape, "expect"));
            return;
        }
        foreach (var p in expect.Properties())
        {
            if (set is not null && set.Indicators.All(i => i.Code != p.Name))
                problems.Add(At(p, file, MessageText.Format(ApplicationMessages.CaseIndicatorUnknown, p.Name, set.Id)));
            if (p.Value.Type != JTokenType.String || !Statuses.Contains((string)p.Value!))
                problems.Add(At(p.Value, file, MessageText.Format(ApplicationMessages.CaseStatusUnknown, string.Join(", ", Statuses))));
        }
    }

    private static Problem At(JToken token, string file, string message, string? field = null)
    {
        var info = (IJsonLineInfo)token;
        return new Problem(Severity.Error, message, file, info.HasLineInfo() ? info.LineNumber : null, info.HasLineInfo() ? info.LinePosition : null,
            field ?? (token.Path.Length == 0 ? null : token.Path));
    }
}

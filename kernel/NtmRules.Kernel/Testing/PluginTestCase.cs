using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Data;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Testing;

/// <summary>One expectation of a test case: the status an indicator must get.</summary>
/// <param name="Code">Indicator code, as the set numbers it.</param>
/// <param name="Status">The status expected.</param>
/// <param name="Line">Line of the expectation in the case file, when known.</param>
/// <param name="Column">Column of the expectation in the case file, when known.</param>
public sealed record ExpectedStatus(string Code, IndicatorStatus Status, int? Line, int? Column);

/// <summary>
/// A test case that travels with a plugin (<c>tests/*.test.json</c>, format <c>ntm.plugin-test/1</c>):
/// a commune's data and the status some of its indicators must get under one of the plugin's sets.
/// </summary>
/// <param name="File">Absolute path of the case file.</param>
/// <param name="DisplayFile">The file as messages name it (relative to the plugin folder).</param>
/// <param name="Name">What the case is about, for people.</param>
/// <param name="SetId">The set the data is evaluated against.</param>
/// <param name="Data">The commune data (inline or from a data file inside the plugin folder).</param>
/// <param name="Expect">The expectations, in file order.</param>
public sealed record PluginTestCase(string File, string DisplayFile, string Name, string SetId, CommuneData Data, IReadOnlyList<ExpectedStatus> Expect);

/// <summary>Reads plugin test cases, reporting every problem with file, line and JSON path.</summary>
public static class PluginTestCaseReader
{
    /// <summary>The format tag every case file carries.</summary>
    public const string Format = "ntm.plugin-test/1";

    /// <summary>The folder of a plugin that holds its cases.</summary>
    public const string Folder = "tests";

    /// <summary>How case files are named inside <see cref="Folder"/>.</summary>
    public const string Pattern = "*.test.json";

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal) { "$schema", "format", "name", "set", "data", "expect" };

    private static readonly Dictionary<string, IndicatorStatus> Statuses =
        Enum.GetValues<IndicatorStatus>().ToDictionary(s => s.Code(), s => s, StringComparer.Ordinal);

    /// <summary>The case files of a plugin folder, in ordinal order of their relative paths.</summary>
    public static IReadOnlyList<string> Find(string pluginDir)
    {
        var dir = Path.Combine(pluginDir, Folder);
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir, Pattern, SearchOption.AllDirectories)
            .OrderBy(f => Path.GetRelativePath(pluginDir, f).Replace('\\', '/'), StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Reads every case of <paramref name="pluginDir"/> against the plugin's <paramref name="sets"/>.
    /// Throws <see cref="InputException"/> listing every problem of every file when any is wrong, or
    /// when the plugin has no case at all.
    /// </summary>
    /// <param name="pluginDir">The plugin folder.</param>
    /// <param name="sets">The sets the plugin provides, by id.</param>
    /// <param name="warnings">Where warnings go (unknown fields, unknown measure keys).</param>
    public static IReadOnlyList<PluginTestCase> ReadAll(string pluginDir, IReadOnlyDictionary<string, CriteriaSet> sets, List<Problem> warnings)
    {
        var root = Path.GetFullPath(pluginDir).TrimEnd(Path.DirectorySeparatorChar);
        var files = Find(root);
        if (files.Count == 0)
            throw new InputException(new Problem(Severity.Error, MessageText.Format(TestingMessages.NoTestCases, Folder, Pattern, Format), root));
        var problems = new List<Problem>();
        var cases = new List<PluginTestCase>();
        foreach (var file in files)
        {
            var c = Read(file, root, sets, problems);
            if (c is not null) cases.Add(c);
        }
        warnings.AddRange(problems.Where(p => p.Severity == Severity.Warning));
        var errors = problems.Where(p => p.Severity == Severity.Error).ToArray();
        if (errors.Length > 0) throw new InputException(errors);
        return cases;
    }

    /// <summary>Reads one case file; problems (errors and warnings) go to <paramref name="problems"/>; null when it has errors.</summary>
    /// <param name="path">The case file.</param>
    /// <param name="pluginDir">The plugin folder: a data file must be inside it.</param>
    /// <param name="sets">The plugin's sets by id.</param>
    /// <param name="problems">Where problems go.</param>
    public static PluginTestCase? Read(string path, string pluginDir, IReadOnlyDictionary<string, CriteriaSet> sets, List<Problem> problems)
    {
        var root = Path.GetFullPath(pluginDir).TrimEnd(Path.DirectorySeparatorChar);
        var full = Path.GetFullPath(path);
        var display = Path.GetRelativePath(root, full).Replace('\\', '/');
        var start = problems.Count;
        var before = problems.Count(p => p.Severity == Severity.Error);
        bool Failed() => problems.Count(p => p.Severity == Severity.Error) > before;

        var token = JsonDocumentReader.Load(full, display, problems);
        if (token is null) return null;
        var f = new JsonFields(display, problems);
        var o = f.Object(token, TestingMessages.TestCaseWhat);
        if (o is null) return null;
        foreach (var p in o.Properties())
        {
            if (!KnownFields.Contains(p.Name)) f.Warn(p, MessageText.Format(TestingMessages.UnknownFieldIgnored, p.Name));
        }
        var format = f.String(o, "format");
        if (format is not null && format != Format)
            f.Error(o["format"], MessageText.Format(TestingMessages.UnsupportedFormat, format, Format));
        var name = f.String(o, "name");
        var setId = f.String(o, "set");
        CriteriaSet? set = null;
        if (setId is not null && !sets.TryGetValue(setId, out set))
            f.Error(o["set"], MessageText.Format(TestingMessages.NoSuchSet, setId, string.Join(", ", sets.Keys.Order(StringComparer.Ordinal))));

        var data = ReadData(o, root, full, display, f);
        var expect = ReadExpect(o, set, f);
        // The shipped schema states the format; what the reader above already reported at a place is not said twice.
        FormatSchemas.Merge(FormatSchemas.Validate(FormatSchema.PluginTest, o, display), problems, display, start);
        if (Failed() || name is null || setId is null || data is null || expect is null) return null;
        return new PluginTestCase(full, display, name, setId, data, expect);
    }

    private static CommuneData? ReadData(JObject o, string root, string caseFile, string display, JsonFields f)
    {
        var token = o["data"];
        if (token is null || token.Type == JTokenType.Null)
        {
            f.Error(o, TestingMessages.MissingData);
            return null;
        }
        var warnings = new List<Problem>();
        try
        {
            if (token.Type == JTokenType.Object)
            {
                var text = token.ToString(Newtonsoft.Json.Formatting.None);
                var data = CommuneDataReader.FromToken(token, display, warnings, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
                f.Problems.AddRange(warnings);
                return data;
            }
            if (token.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)token))
            {
                f.Error(token, MessageText.Format(TestingMessages.DataWrongType, JsonFields.Describe(token)));
                return null;
            }
            var rel = (string)token!;
            var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caseFile)!, rel));
            if (Path.IsPathRooted(rel) || !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                f.Error(token, MessageText.Format(TestingMessages.DataOutsidePlugin, rel));
                return null;
            }
            if (!File.Exists(path))
            {
                f.Error(token, MessageText.Format(TestingMessages.DataNotFound, rel, Path.GetRelativePath(root, path).Replace('\\', '/')));
                return null;
            }
            var result = CommuneDataReader.Read(path, Path.GetRelativePath(root, path).Replace('\\', '/'), warnings);
            f.Problems.AddRange(warnings);
            return result;
        }
        catch (InputException e)
        {
            f.Problems.AddRange(warnings);
            f.Problems.AddRange(e.Problems);
            return null;
        }
    }

    private static List<ExpectedStatus>? ReadExpect(JObject o, CriteriaSet? set, JsonFields f)
    {
        var token = o["expect"];
        if (token is null || token.Type == JTokenType.Null)
        {
            f.Error(o, TestingMessages.MissingExpect);
            return null;
        }
        if (token is not JObject e)
        {
            f.Error(token, MessageText.Format(TestingMessages.ExpectWrongType, JsonFields.Describe(token)));
            return null;
        }
        if (!e.HasValues)
        {
            f.Error(e, TestingMessages.ExpectEmpty);
            return null;
        }
        var list = new List<ExpectedStatus>();
        var codes = set?.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var p in e.Properties())
        {
            var ok = true;
            if (set is not null && !codes!.Contains(p.Name))
            {
                f.Error(p, MessageText.Format(TestingMessages.NoSuchIndicator, set.Id, p.Name, string.Join(", ", set.Indicators.Select(i => i.Code))));
                ok = false;
            }
            IndicatorStatus status = default;
            if (p.Value.Type != JTokenType.String || !Statuses.TryGetValue((string)p.Value!, out status))
            {
                var what = p.Value.Type == JTokenType.String ? $"\"{(string)p.Value!}\"" : JsonFields.Describe(p.Value);
                f.Error(p.Value, MessageText.Format(TestingMessages.UnknownStatus, what, string.Join(", ", Statuses.Keys)));
                ok = false;
            }
            if (!ok) continue;
            var info = (Newtonsoft.Json.IJsonLineInfo)p;
            list.Add(new ExpectedStatus(p.Name, status, info.HasLineInfo() ? info.LineNumber : null, info.HasLineInfo() ? info.LinePosition : null));
        }
        return list;
    }
}

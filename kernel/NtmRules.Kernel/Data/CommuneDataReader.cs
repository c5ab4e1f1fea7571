using System.Globalization;
using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Data;

/// <summary>Reads commune data files (<c>ntm.commune-data/1</c>, JSON; schema in <c>docs/schemas/commune-data.schema.json</c>).</summary>
public static class CommuneDataReader
{
    /// <summary>The format tag every data file carries.</summary>
    public const string Format = "ntm.commune-data/1";

    private static readonly HashSet<string> KnownFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "$schema", "format", "commune", "region", "communeGroup", "specialDifficulty", "year", "assessmentDate", "measures", "sources", "narrative", "plan", "formerUnits",
    };

    private static readonly HashSet<string> FormerUnitFields = new(StringComparer.Ordinal) { "code", "name", "mergedOn", "district" };

    /// <summary>The most former units one commune may list (a merger joins a handful of communes).</summary>
    public const int MaxFormerUnits = 100;

    /// <summary>
    /// Reads and checks the file's structure. Throws <see cref="InputException"/> listing every
    /// structural problem; warnings (unknown fields) go to <paramref name="warnings"/>.
    /// </summary>
    public static CommuneData Read(string path, string displayPath, List<Problem> warnings)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new InputException(new Problem(Severity.Error, DataMessages.FileNotFound, displayPath));
        }
        catch (DirectoryNotFoundException)
        {
            throw new InputException(new Problem(Severity.Error, DataMessages.FileFolderNotFound, displayPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new Problem(Severity.Error, MessageText.Format(DataMessages.CannotReadFile, e.Message), displayPath));
        }
        return Parse(bytes, displayPath, warnings);
    }

    /// <summary>Parses the bytes of a data file.</summary>
    public static CommuneData Parse(byte[] bytes, string displayPath, List<Problem> warnings)
    {
        var problems = new List<Problem>();
        var token = JsonDocumentReader.Parse(bytes, displayPath, problems, strict: true);
        if (token is null) throw new InputException(problems);
        return FromToken(token, displayPath, warnings, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>
    /// Reads commune data already parsed as part of another JSON file (a plugin test case's inline
    /// <c>data</c>): problems point at the lines of that file and at JSON paths from its root.
    /// </summary>
    /// <param name="token">The data object, with line information.</param>
    /// <param name="displayPath">The file that holds it.</param>
    /// <param name="warnings">Where warnings go.</param>
    /// <param name="contentSha256">What identifies the data (for an inline object, a hash of its compact JSON text).</param>
    internal static CommuneData FromToken(JToken token, string displayPath, List<Problem> warnings, string contentSha256)
    {
        var problems = new List<Problem>();
        var f = new JsonFields(displayPath, problems);
        var root = f.Object(token, DataMessages.WhatCommuneDataFile);
        if (root is null) throw new InputException(problems);

        CheckFields(root, f);
        var commune = ReadCommune(root, f);
        var region = ReadRegion(root, f);
        var group = ReadGroup(root, f);
        var special = f.Bool(root, "specialDifficulty", required: false) ?? false;
        var year = ReadYear(root, f);
        var date = ReadAssessmentDate(root, f, year);
        var measures = ReadMeasures(root, f);
        var sources = ReadSources(root, f);
        var narratives = JsonFields.Get(root, "narrative") is { Type: not JTokenType.Null } nt ? NarrativeReader.ReadNarratives(nt, f) : [];
        var plan = JsonFields.Get(root, "plan") is { Type: not JTokenType.Null } pt ? NarrativeReader.ReadPlan(pt, f) : null;
        var assessed = date ?? new DateOnly(Math.Clamp(year, 2000, 2100), 12, 31);
        var formerUnits = ReadFormerUnits(root, f, assessed);

        // The schema states the format's structure; a departure no check above already reports at its place is added.
        FormatSchemas.Merge(FormatSchemas.Validate(FormatSchema.CommuneData, root, displayPath), problems, displayPath);
        warnings.AddRange(problems.Where(p => p.Severity == Severity.Warning));
        var errors = problems.Where(p => p.Severity == Severity.Error).ToList();
        if (errors.Count > 0 || commune is null) throw new InputException(errors);

        return new CommuneData(commune, region, special, year, assessed, measures, sources,
            displayPath, contentSha256, narratives, plan) { Group = group, FormerUnits = formerUnits };
    }

    /// <summary>Unknown fields (a warning), unsafe characters anywhere, and the format tag.</summary>
    private static void CheckFields(JObject root, JsonFields f)
    {
        foreach (var p in root.Properties())
        {
            if (!KnownFields.Contains(p.Name)) f.Warn(p, MessageText.Format(DataMessages.UnknownField, p.Name));
        }
        CheckText(root, f);
        var format = f.String(root, "format");
        if (format is not null && format != Format)
            f.Error(JsonFields.Get(root, "format"), MessageText.Format(DataMessages.UnsupportedFormat, format, Format));
    }

    /// <summary><c>commune</c>: an object with at least a name, each text within its length; null when it cannot be read.</summary>
    private static CommuneIdentity? ReadCommune(JObject root, JsonFields f)
    {
        var communeToken = JsonFields.Get(root, "commune");
        if (communeToken is null)
        {
            f.Error(root, DataMessages.MissingCommune);
            return null;
        }
        if (f.Object(communeToken, "'commune'") is not { } c || f.String(c, "name") is not { } name) return null;
        var commune = new CommuneIdentity(name, f.String(c, "code", false), f.String(c, "district", false), f.String(c, "province", false));
        foreach (var field in new[] { "name", "code", "district", "province" })
        {
            if (JsonFields.Get(c, field) is JValue { Type: JTokenType.String } v && CommuneIdentity.LengthProblem(field, (string)v!) is { } tooLong) f.Error(v, tooLong);
        }
        return commune;
    }

    /// <summary><c>region</c>: one of the region codes; the default when missing or unknown (the problem is said).</summary>
    private static Region ReadRegion(JObject root, JsonFields f)
    {
        Region region = default;
        var regionText = f.String(root, "region");
        if (regionText is not null && !Regions.TryParse(regionText, out region))
            f.Error(JsonFields.Get(root, "region"), MessageText.Format(DataMessages.UnknownRegion, regionText, Regions.Listing(CultureInfo.CurrentUICulture)));
        return region;
    }

    /// <summary><c>year</c>: a whole number from 2000 to 2100; 0 when missing or out of range (the problem is said).</summary>
    private static int ReadYear(JObject root, JsonFields f)
    {
        var yearToken = JsonFields.Get(root, "year");
        if (yearToken is null) f.Error(root, DataMessages.MissingYear);
        else if (JsonFields.AsLong(yearToken) is >= 2000 and <= 2100) return yearToken.Value<int>();
        else f.Error(yearToken, MessageText.Format(DataMessages.YearRange, JsonFields.Describe(yearToken)));
        return 0;
    }

    /// <summary><c>assessmentDate</c>, optional: a date within the assessment year.</summary>
    private static DateOnly? ReadAssessmentDate(JObject root, JsonFields f, int year)
    {
        var date = f.Date(root, "assessmentDate", required: false);
        if (date is { } d && year != 0 && d.Year != year)
            f.Error(JsonFields.Get(root, "assessmentDate"), MessageText.Format(DataMessages.DateOutsideYear, d, year));
        return date;
    }

    /// <summary><c>measures</c>: each value as written, with its position; checked against a set later.</summary>
    private static List<RawMeasureValue> ReadMeasures(JObject root, JsonFields f)
    {
        var measures = new List<RawMeasureValue>();
        var measuresToken = JsonFields.Get(root, "measures");
        if (measuresToken is null) f.Error(root, DataMessages.MissingMeasures);
        else if (f.Object(measuresToken, "'measures'") is { } mo)
        {
            foreach (var p in mo.Properties()) measures.Add(ToRaw(p));
        }
        return measures;
    }

    /// <summary><c>sources</c>, optional: measure key → where its figure comes from, in key order.</summary>
    private static Dictionary<string, string> ReadSources(JObject root, JsonFields f)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonFields.Get(root, "sources") is not { } st || f.Object(st, "'sources'") is not { } so) return sources;
        foreach (var p in so.Properties())
        {
            if (p.Value.Type == JTokenType.String) sources[p.Name] = ((string)p.Value!).Normalize(System.Text.NormalizationForm.FormC);
            else f.Error(p.Value, MessageText.Format(DataMessages.SourceMustBeString, p.Name, JsonFields.Describe(p.Value)));
        }
        return InKeyOrder(sources);
    }

    /// <summary>
    /// The same entries inserted in ordinal key order, which a dictionary never added to again enumerates in. Not a
    /// <c>SortedDictionary</c>: its tree of key-value pairs is generic code over a value type, which ReadyToRun cannot
    /// precompile, so it was JIT-compiled (about 30 methods) on every cold start (issue #19).
    /// </summary>
    private static Dictionary<string, string> InKeyOrder(Dictionary<string, string> entries)
    {
        var keys = new string[entries.Count];
        entries.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        var sorted = new Dictionary<string, string>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys) sorted.Add(key, entries[key]);
        return sorted;
    }

    /// <summary><c>communeGroup</c>: 1, 2 or 3 (a number, or text such as "nhóm 2"); null when absent.</summary>
    private static CommuneGroup? ReadGroup(JObject root, JsonFields f)
    {
        if (JsonFields.Get(root, "communeGroup") is not { Type: not JTokenType.Null } token) return null;
        var text = token.Type is JTokenType.Integer or JTokenType.String ? token.ToString() : null;
        if (CommuneGroups.TryParse(text, out var group)) return group;
        f.Error(token, MessageText.Format(DataMessages.UnknownCommuneGroup, JsonFields.Describe(token), CommuneGroups.Accepted));
        return null;
    }

    /// <summary>
    /// <c>formerUnits</c>: an array of <c>{ "code", "name", "mergedOn", "district"? }</c>, every field
    /// checked at its place: unknown fields, missing or over-long code and name, a date that is not
    /// yyyy-mm-dd or falls after the assessment date, a code listed twice.
    /// </summary>
    private static FormerUnit[] ReadFormerUnits(JObject root, JsonFields f, DateOnly assessed)
    {
        if (JsonFields.Get(root, "formerUnits") is not { Type: not JTokenType.Null } token) return [];
        if (token is not JArray array)
        {
            f.Error(token, MessageText.Format(DataMessages.FormerUnitsArray, JsonFields.Describe(token)));
            return [];
        }
        if (array.Count > MaxFormerUnits) { f.Error(array, MessageText.Format(DataMessages.FormerUnitsTooMany, array.Count, MaxFormerUnits)); return []; }
        var units = new List<FormerUnit>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array)
        {
            if (f.Object(item, DataMessages.WhatFormerUnit) is not { } o) continue;
            var before = f.Problems.Count(p => p.Severity == Severity.Error);
            foreach (var p in o.Properties().Where(p => !FormerUnitFields.Contains(p.Name)))
                f.Error(p, MessageText.Format(DataMessages.FormerUnitUnknownField, p.Name));
            var code = f.String(o, "code");
            var name = f.String(o, "name");
            var district = f.String(o, "district", required: false);
            var mergedOn = f.Date(o, "mergedOn");
            foreach (var (field, text) in new[] { ("code", code), ("name", name), ("district", district) })
            {
                if (text is not null && CommuneIdentity.LengthProblem(field, text) is { } tooLong) f.Error(JsonFields.Get(o, field), tooLong);
                else if (text is not null && text.Trim().Length == 0) f.Error(JsonFields.Get(o, field), MessageText.Format(DataMessages.FormerUnitEmpty, field));
            }
            if (mergedOn is { } m && m > assessed)
                f.Error(JsonFields.Get(o, "mergedOn"), MessageText.Format(DataMessages.MergedAfterAssessment, m, assessed));
            if (code is not null && !codes.Add(code)) f.Error(JsonFields.Get(o, "code"), MessageText.Format(DataMessages.FormerUnitTwice, code));
            if (f.Problems.Count(p => p.Severity == Severity.Error) == before && code is not null && name is not null && mergedOn is not null)
                units.Add(new FormerUnit(code, name, mergedOn.Value, district));
        }
        return units.ToArray();
    }

    private static RawMeasureValue ToRaw(JProperty p)
    {
        var v = p.Value;
        var info = (IJsonLineInfo)v;
        int? line = info.HasLineInfo() ? info.LineNumber : null;
        int? col = info.HasLineInfo() ? info.LinePosition : null;
        return v.Type switch
        {
            // A whole number too large for a long arrives as a BigInteger; 1e400 as infinity. Both go to the range check.
            JTokenType.Integer or JTokenType.Float => new RawMeasureValue(p.Name, RawValueKind.Number, JsonFields.AsDouble(v), false, v.ToString(Newtonsoft.Json.Formatting.None), line, col),
            JTokenType.Boolean => new RawMeasureValue(p.Name, RawValueKind.Boolean, 0, v.Value<bool>(), v.ToString(Newtonsoft.Json.Formatting.None), line, col),
            JTokenType.String => new RawMeasureValue(p.Name, RawValueKind.Text, 0, false, ((string)v!).Normalize(System.Text.NormalizationForm.FormC), line, col),
            JTokenType.Null => new RawMeasureValue(p.Name, RawValueKind.Null, 0, false, "null", line, col),
            _ => new RawMeasureValue(p.Name, RawValueKind.Other, 0, false, JsonFields.Describe(v), line, col),
        };
    }

    /// <summary>
    /// Refuses control and direction-override characters in every text of the file, names and keys
    /// included, at their place: they would reach terminals, CSV and DOCX files. Only narratives and
    /// plan texts may break lines.
    /// </summary>
    private static void CheckText(JObject root, JsonFields f)
    {
        foreach (var t in root.Descendants())
        {
            var top = t;
            while (top.Parent is { } parent && !ReferenceEquals(parent, root)) top = parent;
            var multiLine = top is JProperty { Name: not ("commune" or "measures") };
            if (t is JProperty p && SafeText.Problem(p.Name, multiLine: false) is { } keyProblem)
                f.Error(p, MessageText.Format(DataMessages.KeyProblem, SafeText.Visible(p.Name), keyProblem));
            else if (t is JValue { Type: JTokenType.String } v && SafeText.Problem((string)v!, multiLine) is { } problem)
                f.Error(v, problem);
        }
    }

    /// <summary>Formats a number invariantly for messages.</summary>
    internal static string Invariant(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}

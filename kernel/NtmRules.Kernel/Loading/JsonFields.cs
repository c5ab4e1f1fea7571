using System.Globalization;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Typed reads of JSON fields that report, rather than throw, what is missing or mistyped,
/// so that one pass over a file lists every problem in it.
/// </summary>
internal sealed class JsonFields(string file, List<Problem> problems)
{
    public string File { get; } = file;

    public List<Problem> Problems { get; } = problems;

    public void Error(JToken? at, string message) => Problems.Add(JsonDocumentReader.At(at, File, message));

    public void Warn(JToken? at, string message) => Problems.Add(JsonDocumentReader.At(at, File, message, Severity.Warning));

    /// <summary>A required field is absent: located at its object, with the field's would-be JSON path.</summary>
    public void Missing(JObject o, string name)
    {
        var p = JsonDocumentReader.At(o, File, MessageText.Format(LoadingMessages.MissingField, name));
        Problems.Add(p with { Field = string.IsNullOrEmpty(o.Path) ? name : $"{o.Path}.{name}" });
    }

    /// <summary>Property by name, ignoring case (authors write "ruleName" and "RuleName").</summary>
    public static JToken? Get(JObject o, string name) => o.GetValue(name, StringComparison.OrdinalIgnoreCase);

    public JObject? Object(JToken? token, string what)
    {
        if (token is JObject o) return o;
        Error(token, MessageText.Format(LoadingMessages.MustBeObject, what));
        return null;
    }

    public string? String(JObject o, string name, bool required = true)
    {
        var t = Get(o, name);
        if (t is null || t.Type == JTokenType.Null)
        {
            if (required) Missing(o, name);
            return null;
        }
        if (t.Type != JTokenType.String)
        {
            Error(t, MessageText.Format(LoadingMessages.MustBeString, name, Describe(t)));
            return null;
        }
        var s = ((string)t!).Normalize(System.Text.NormalizationForm.FormC);
        if (required && string.IsNullOrWhiteSpace(s))
        {
            Error(t, MessageText.Format(LoadingMessages.MustNotBeEmpty, name));
            return null;
        }
        return s;
    }

    /// <summary>
    /// A JSON number as a double, never a cast exception: a whole number beyond <c>long</c> arrives
    /// from Newtonsoft as a BigInteger (and <c>1e400</c> as infinity), which callers then refuse.
    /// </summary>
    public static double AsDouble(JToken t) => t is JValue { Value: System.Numerics.BigInteger big } ? (double)big : t.Value<double>();

    /// <summary>A whole JSON number that fits a <c>long</c>; null for anything else (a BigInteger included).</summary>
    public static long? AsLong(JToken t) => t is JValue { Type: JTokenType.Integer, Value: long l } ? l : null;

    public double? Number(JObject o, string name, bool required = true)
    {
        var t = Get(o, name);
        if (t is null || t.Type == JTokenType.Null)
        {
            if (required) Missing(o, name);
            return null;
        }
        if (t.Type is JTokenType.Integer or JTokenType.Float)
        {
            var d = AsDouble(t);
            if (double.IsFinite(d)) return d;
        }
        Error(t, MessageText.Format(LoadingMessages.MustBeNumber, name, Describe(t)));
        return null;
    }

    public bool? Bool(JObject o, string name, bool required = true)
    {
        var t = Get(o, name);
        if (t is null || t.Type == JTokenType.Null)
        {
            if (required) Missing(o, name);
            return null;
        }
        if (t.Type == JTokenType.Boolean) return t.Value<bool>();
        Error(t, MessageText.Format(LoadingMessages.MustBeBoolean, name, Describe(t)));
        return null;
    }

    public DateOnly? Date(JObject o, string name, bool required = true)
    {
        var s = String(o, name, required);
        if (s is null) return null;
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(Get(o, name), MessageText.Format(LoadingMessages.MustBeDate, name, s));
        return null;
    }

    public JArray? Array(JObject o, string name, bool required = true)
    {
        var t = Get(o, name);
        if (t is null || t.Type == JTokenType.Null)
        {
            if (required) Missing(o, name);
            return null;
        }
        if (t is JArray a) return a;
        Error(t, MessageText.Format(LoadingMessages.MustBeArray, name, Describe(t)));
        return null;
    }

    public static string Describe(JToken t) => t.Type switch
    {
        JTokenType.String => MessageText.Format(LoadingMessages.DescribeString, (string)t!),
        JTokenType.Integer or JTokenType.Float => MessageText.Format(LoadingMessages.DescribeNumber, t.ToString(Newtonsoft.Json.Formatting.None)),
        JTokenType.Boolean => MessageText.Format(LoadingMessages.DescribeBoolean, t.ToString(Newtonsoft.Json.Formatting.None)),
        JTokenType.Array => LoadingMessages.DescribeArray,
        JTokenType.Object => LoadingMessages.DescribeObject,
        JTokenType.Null => "null",
        _ => t.Type.ToString().ToLowerInvariant(),
    };
}

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// A document read with Newtonsoft as the schema validator sees it: System.Text.Json bytes, fields set
/// to null left out (the readers take them for absent), and property names in the schema's spelling
/// when a name map is given (the readers ignore the case of names).
/// </summary>
internal static class SchemaInstance
{
    /// <summary>The bytes of <paramref name="document"/>; with <paramref name="names"/> (lowercase form → schema's spelling), names spelled the schema's way.</summary>
    public static ReadOnlyMemory<byte> Bytes(JToken document, IReadOnlyDictionary<string, string>? names)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = 256 }))
            Write(document, writer, names);
        return buffer.WrittenMemory;
    }

    private static void Write(JToken token, Utf8JsonWriter w, IReadOnlyDictionary<string, string>? names)
    {
        switch (token)
        {
            case JObject o:
                w.WriteStartObject();
                var written = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in o.Properties())
                {
                    // The readers take a field set to null for an absent one; so does the validation.
                    if (p.Value.Type == JTokenType.Null) continue;
                    var name = names is not null && names.TryGetValue(p.Name, out var canonical) && !written.Contains(canonical) ? canonical : p.Name;
                    if (!written.Add(name)) continue;
                    w.WritePropertyName(name);
                    Write(p.Value, w, names);
                }
                w.WriteEndObject();
                break;
            case JArray a:
                w.WriteStartArray();
                foreach (var item in a) Write(item, w, names);
                w.WriteEndArray();
                break;
            case JValue v:
                WriteValue(v, w);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    private static void WriteValue(JValue v, Utf8JsonWriter w)
    {
        switch (v.Type)
        {
            case JTokenType.String: w.WriteStringValue((string)v!); break;
            case JTokenType.Boolean: w.WriteBooleanValue((bool)v); break;
            case JTokenType.Integer when v.Value is long l: w.WriteNumberValue(l); break;
            case JTokenType.Integer or JTokenType.Float:
                var d = JsonFields.AsDouble(v);
                // A figure beyond double (1e400) is still a number to the schema; the readers refuse it with their own words.
                if (double.IsFinite(d)) w.WriteNumberValue(d); else w.WriteRawValue("1e308", skipInputValidation: true);
                break;
            case JTokenType.Null or JTokenType.Undefined: w.WriteNullValue(); break;
            default: w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture)); break;
        }
    }
}

using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Writes to <paramref name="output"/> an unambiguous encoding of <paramref name="document"/> that tells
    /// apart every two documents whose <see cref="Bytes"/> differ (and some whose bytes are the same):
    /// what a schema pass is recorded under, made without System.Text.Json, whose start a cold process
    /// that finds the pass recorded does not need to pay.
    /// </summary>
    public static void Fingerprint(JToken document, IBufferWriter<byte> output)
    {
        switch (document)
        {
            case JObject o:
                Tag(output, '{');
                foreach (var p in o.Properties())
                {
                    Text(output, ':', p.Name);
                    Fingerprint(p.Value, output);
                }
                Tag(output, '}');
                break;
            case JArray a:
                Tag(output, '[');
                foreach (var item in a) Fingerprint(item, output);
                Tag(output, ']');
                break;
            case JValue v:
                FingerprintValue(v, output);
                break;
            default:
                Tag(output, '?');
                break;
        }
    }

    /// <summary>A value by the branch <see cref="WriteValue"/> takes and what that branch writes from.</summary>
    private static void FingerprintValue(JValue v, IBufferWriter<byte> output)
    {
        switch (v.Type)
        {
            case JTokenType.String: Text(output, 's', (string)v!); break;
            case JTokenType.Boolean: Tag(output, (bool)v ? 't' : 'f'); break;
            case JTokenType.Integer when v.Value is long l: Text(output, 'l', l.ToString(CultureInfo.InvariantCulture)); break;
            case JTokenType.Integer or JTokenType.Float: Text(output, 'd', JsonFields.AsDouble(v).ToString("R", CultureInfo.InvariantCulture)); break;
            case JTokenType.Null or JTokenType.Undefined: Tag(output, 'n'); break;
            default: Text(output, 'o', v.ToString(CultureInfo.InvariantCulture)); break;
        }
    }

    private static void Tag(IBufferWriter<byte> output, char tag) => output.Write([(byte)tag]);

    /// <summary>A tag, the text's length and its UTF-16 code units as they are (two texts never share an encoding, lone surrogates included).</summary>
    private static void Text(IBufferWriter<byte> output, char tag, string text)
    {
        Tag(output, tag);
        output.Write(BitConverter.GetBytes(text.Length));
        output.Write(MemoryMarshal.AsBytes(text.AsSpan()));
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

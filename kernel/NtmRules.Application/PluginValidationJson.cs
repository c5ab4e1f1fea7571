using System.Text.Json;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Application;

/// <summary><c>ntm.plugin-validation/2</c>: a <see cref="PluginValidation"/> for programs, its problems in the one shape of <see cref="ProblemSerializer"/>.</summary>
public static class PluginValidationJson
{
    /// <summary>The format name.</summary>
    public const string Format = "ntm.plugin-validation/2";

    /// <summary>Writes <paramref name="validation"/>, indented, and a final newline.</summary>
    public static void Write(PluginValidation validation, Stream output)
    {
        var report = validation.Report;
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", Format);
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
        w.WriteBoolean("valid", validation.Valid);
        w.WriteStartArray("sets");
        foreach (var s in report.SetIds) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteNumber("errors", validation.Errors);
        w.WriteNumber("warnings", validation.Warnings);
        w.WritePropertyName("problems");
        ProblemSerializer.ToJson(validation.Problems).WriteTo(w);
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }
}

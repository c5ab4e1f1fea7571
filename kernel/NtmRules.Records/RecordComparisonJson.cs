using Newtonsoft.Json;

namespace NtmRules.Records;

/// <summary>A comparison as JSON (<c>ntm.comparison/1</c>), for <c>ntm compare --format json</c> and the web API.</summary>
public static class RecordComparisonJson
{
    /// <summary>The format tag.</summary>
    public const string Format = "ntm.comparison/1";

    /// <summary>Writes <paramref name="c"/>, indented, followed by a newline.</summary>
    public static void Write(RecordComparison c, TextWriter output)
    {
        using (var w = new JsonTextWriter(output) { Formatting = Formatting.Indented, CloseOutput = false })
        {
            w.WriteStartObject();
            w.WritePropertyName("format"); w.WriteValue(Format);
            w.WritePropertyName("before"); w.WriteValue(c.Before.Id);
            w.WritePropertyName("after"); w.WriteValue(c.After.Id);
            foreach (var (name, items) in new[] { ("criteria", c.Criteria), ("indicators", c.Indicators) })
            {
                w.WritePropertyName(name);
                w.WriteStartArray();
                foreach (var i in items)
                {
                    w.WriteStartObject();
                    w.WritePropertyName("code"); w.WriteValue(i.Code);
                    w.WritePropertyName("name"); w.WriteValue(i.Name);
                    w.WritePropertyName("change"); w.WriteValue(i.Change.ToString().ToLowerInvariant());
                    w.WritePropertyName("statusBefore"); w.WriteValue(i.StatusBefore);
                    w.WritePropertyName("statusAfter"); w.WriteValue(i.StatusAfter);
                    w.WritePropertyName("figureBefore"); w.WriteValue(i.FigureBefore);
                    w.WritePropertyName("figureAfter"); w.WriteValue(i.FigureAfter);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.Flush();
        }
        output.WriteLine();
    }
}

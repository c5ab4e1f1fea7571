using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Json.Schema;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Kernel.Loading;

/// <summary>The file formats whose JSON Schema ships in <c>docs/schemas</c> and in the kernel assembly.</summary>
public enum FormatSchema
{
    /// <summary><c>plugin.json</c>.</summary>
    PluginManifest,
    /// <summary>A criteria-set file (<c>sets/*.json</c>).</summary>
    CriteriaSet,
    /// <summary>A RulesEngine workflow (<c>rules/*.json</c>).</summary>
    Workflow,
    /// <summary>A commune data file (<c>ntm.commune-data/1</c>).</summary>
    CommuneData,
    /// <summary>A plugin test case (<c>tests/*.test.json</c>).</summary>
    PluginTest,
    /// <summary>A plugin's drafting library.</summary>
    DraftingLibrary,
    /// <summary>The output of <c>ntm evaluate --json</c>.</summary>
    Evaluation,
    /// <summary>The output of <c>ntm trace --json</c>.</summary>
    Trace,
}

/// <summary>
/// The formats' JSON Schemas, the one statement of each format's structure: the files of
/// <c>docs/schemas</c> are embedded in this assembly (not copied) and the loaders validate plugin
/// files and commune data against them. Each schema is compiled once per process, on first use, so a
/// command that reads no commune data never pays for its schema.
/// </summary>
public static class FormatSchemas
{
    private static readonly Lazy<CompiledSchema>[] Compiled = Enum.GetValues<FormatSchema>()
        .Select(f => new Lazy<CompiledSchema>(() => CompiledSchema.Of(f), LazyThreadSafetyMode.ExecutionAndPublication)).ToArray();

    /// <summary>The schema's file name in <c>docs/schemas</c>, e.g. <c>plugin-manifest.schema.json</c>.</summary>
    public static string FileName(FormatSchema format) => format switch
    {
        FormatSchema.PluginManifest => "plugin-manifest.schema.json",
        FormatSchema.CriteriaSet => "criteria-set.schema.json",
        FormatSchema.Workflow => "workflow.schema.json",
        FormatSchema.CommuneData => "commune-data.schema.json",
        FormatSchema.PluginTest => "plugin-test.schema.json",
        FormatSchema.DraftingLibrary => "drafting-library.schema.json",
        FormatSchema.Evaluation => "evaluation.schema.json",
        FormatSchema.Trace => "trace.schema.json",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The schema's text, exactly as in <c>docs/schemas</c> (for writing next to a generated plugin).</summary>
    public static string Text(FormatSchema format)
    {
        using var stream = typeof(FormatSchemas).Assembly.GetManifestResourceStream("NtmRules.Schemas." + FileName(format))
            ?? throw new InvalidOperationException($"the kernel assembly does not embed {FileName(format)}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Validates <paramref name="document"/> (read with line information) against the schema of
    /// <paramref name="format"/>: each departure becomes a problem located at its token in
    /// <paramref name="file"/>, worded as the hand-written readers word the same mistake.
    /// </summary>
    /// <param name="format">Which schema.</param>
    /// <param name="document">The document, or the part of a larger file that holds it (problems then give paths from that file's root).</param>
    /// <param name="file">How to name the file in problems.</param>
    public static IReadOnlyList<Problem> Validate(FormatSchema format, JToken document, string file)
    {
        var compiled = Compiled[(int)format].Value;
        using var instance = compiled.Instance(document);
        // Most files are valid: a pass that only answers yes or no is far cheaper than the detailed one,
        // which runs only to explain a failure.
        if (compiled.Schema.Evaluate(instance.RootElement, QuickCheck).IsValid) return [];
        var results = compiled.Schema.Evaluate(instance.RootElement, Detailed);
        return new SchemaProblems(compiled.Source, document, file).From(results);
    }

    private static readonly EvaluationOptions QuickCheck = Options(OutputFormat.Flag);

    private static readonly EvaluationOptions Detailed = Options(OutputFormat.Hierarchical);

    private static EvaluationOptions Options(OutputFormat output)
    {
        var options = new EvaluationOptions { OutputFormat = output };
        options.IgnoreAllAnnotations();
        return options;
    }

    /// <summary>
    /// Adds to <paramref name="problems"/> the schema's problems that no hand-written problem of the same
    /// file already reports at the same place (a reader's message carries more of the domain: the
    /// indicator's code, how to fix it). Returns whether an error was added.
    /// </summary>
    internal static bool Merge(IReadOnlyList<Problem> fromSchema, List<Problem> problems, string file, int from = 0)
    {
        // Only a reader's error stands for a schema error: a reader's warning ("unknown field … is ignored") must not let through what the schema refuses.
        var handWritten = problems.Skip(from).Where(p => p.File == file && p.Severity == Severity.Error).ToList();
        var added = false;
        foreach (var p in fromSchema)
        {
            if (handWritten.Any(h => SamePlace(h, p))) continue;
            problems.Add(p);
            added |= p.Severity == Severity.Error;
        }
        return added;
    }

    /// <summary>Whether two problems point at one place: the same token, or one's field within the other's.</summary>
    private static bool SamePlace(Problem handWritten, Problem schema)
    {
        if (handWritten.Line is not null && handWritten.Line == schema.Line && handWritten.Column == schema.Column) return true;
        var a = handWritten.Field ?? "";
        var b = schema.Field ?? "";
        if (a == b) return true;
        return (a.Length > 0 && Within(b, a)) || (b.Length > 0 && Within(a, b));
    }

    private static bool Within(string path, string ancestor) =>
        path.StartsWith(ancestor, StringComparison.Ordinal) && path.Length > ancestor.Length && path[ancestor.Length] is '.' or '[';

    /// <summary>A schema compiled for evaluation, with its source (to read what a failed keyword asked for) and its property names.</summary>
    private sealed class CompiledSchema
    {
        private CompiledSchema(JsonSchema schema, JObject source, Dictionary<string, string> names)
        {
            Schema = schema;
            Source = source;
            CanonicalNames = names;
        }

        public JsonSchema Schema { get; }

        public JObject Source { get; }

        /// <summary>Every property name the schema declares, by its lowercase form: the readers ignore the case of names, so the instance is validated with the schema's spelling.</summary>
        public Dictionary<string, string> CanonicalNames { get; }

        public static CompiledSchema Of(FormatSchema format)
        {
            var text = Text(format);
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            // A schema that refers to another shipped one by its file name (a plugin test's data is commune data) finds it in
            // the same registry, and the names that one declares are spelled its way too.
            var referred = Enum.GetValues<FormatSchema>().Where(o => o != format && text.Contains($"\"{FileName(o)}\"", StringComparison.Ordinal)).Select(Text).ToArray();
            foreach (var other in referred) JsonSchema.FromText(other, options);
            var schema = JsonSchema.FromText(text, options);
            var source = JObject.Parse(text);
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var declared in referred.Select(JObject.Parse).Prepend(source).SelectMany(s => s.Descendants()).OfType<JProperty>().Where(p => p.Name == "properties" && p.Value is JObject).SelectMany(p => ((JObject)p.Value).Properties()))
                names.TryAdd(declared.Name, declared.Name);
            return new CompiledSchema(schema, source, names);
        }

        /// <summary>The document as System.Text.Json sees it, with property names in the schema's spelling.</summary>
        public JsonDocument Instance(JToken document)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = 256 }))
                Write(document, writer);
            return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 256 });
        }

        private void Write(JToken token, Utf8JsonWriter w)
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
                        var name = CanonicalNames.TryGetValue(p.Name, out var canonical) && !written.Contains(canonical) ? canonical : p.Name;
                        if (!written.Add(name)) continue;
                        w.WritePropertyName(name);
                        Write(p.Value, w);
                    }
                    w.WriteEndObject();
                    break;
                case JArray a:
                    w.WriteStartArray();
                    foreach (var item in a) Write(item, w);
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
                default: w.WriteStringValue(v.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
    }
}

using System.Text.Json;
using Json.Schema;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// The validation itself, with JsonSchema.Net. Kept apart from <see cref="FormatSchemas"/> so that a
/// document whose pass is already recorded (<see cref="PassCache"/>) never loads the library: it
/// is a large share of a cold start. Each schema is compiled once per process, on first use.
/// </summary>
internal static class SchemaValidator
{
    private static readonly Lazy<CompiledSchema>[] Compiled = FormatSchemas.Lazily(CompiledSchema.Of);

    private static readonly EvaluationOptions QuickCheck = Options(OutputFormat.Flag);

    private static readonly EvaluationOptions Detailed = Options(OutputFormat.Hierarchical);

    /// <summary>The problems of <paramref name="document"/> against the schema of <paramref name="format"/>; <paramref name="passed"/> when the schema accepts it.</summary>
    public static IReadOnlyList<Problem> Validate(FormatSchema format, JToken document, string file, out bool passed)
    {
        var compiled = Compiled[(int)format].Value;
        using var instance = JsonDocument.Parse(SchemaInstance.Bytes(document, compiled.CanonicalNames), new JsonDocumentOptions { MaxDepth = 256 });
        // Most files are valid: a pass that only answers yes or no is far cheaper than the detailed one,
        // which runs only to explain a failure.
        passed = compiled.Schema.Evaluate(instance.RootElement, QuickCheck).IsValid;
        if (passed) return [];
        var results = compiled.Schema.Evaluate(instance.RootElement, Detailed);
        return new SchemaProblems(compiled.Source, document, file).From(results);
    }

    private static EvaluationOptions Options(OutputFormat output)
    {
        var options = new EvaluationOptions { OutputFormat = output };
        options.IgnoreAllAnnotations();
        return options;
    }

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
            var text = FormatSchemas.Text(format);
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            // A schema that refers to another shipped one by its file name (a plugin test's data is commune data) finds it in
            // the same registry, and the names that one declares are spelled its way too.
            var referred = FormatSchemas.Referred(format).Select(FormatSchemas.Text).ToArray();
            foreach (var other in referred) JsonSchema.FromText(other, options);
            var schema = JsonSchema.FromText(text, options);
            var source = JObject.Parse(text);
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var declared in referred.Select(JObject.Parse).Prepend(source).SelectMany(s => s.Descendants()).OfType<JProperty>().Where(p => p.Name == "properties" && p.Value is JObject).SelectMany(p => ((JObject)p.Value).Properties()))
                names.TryAdd(declared.Name, declared.Name);
            return new CompiledSchema(schema, source, names);
        }
    }
}

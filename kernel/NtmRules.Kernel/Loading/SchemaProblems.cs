using Json.Schema;
using Newtonsoft.Json.Linq;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Localization;

namespace NtmRules.Kernel.Loading;

/// <summary>
/// Turns a schema library's failed evaluation into problems a person can act on: each located at
/// its token (file, line, column, JSON path from the file's root) and worded as the readers word the
/// same mistake ("missing required field 'name'", "'year' must be a whole number, not the string …").
/// A failed <c>anyOf</c>/<c>oneOf</c> is one problem at its place, not one per branch tried.
/// </summary>
internal sealed class SchemaProblems(JObject schema, JToken document, string file)
{
    private readonly List<Problem> _problems = [];

    /// <summary>The problems of <paramref name="root"/>, an evaluation in hierarchical form.</summary>
    public IReadOnlyList<Problem> From(EvaluationResults root)
    {
        Visit(root);
        return _problems.DistinctBy(p => (p.Line, p.Column, p.Field, p.Message)).ToList();
    }

    private void Visit(EvaluationResults node)
    {
        if (node.IsValid) return;
        if (node.Errors is { Count: > 0 } errors)
        {
            foreach (var (keyword, message) in errors) Report(node, keyword, message);
        }
        var children = node.Details ?? [];
        var parent = Segments(node.EvaluationPath.ToString()).Length;
        foreach (var group in children.GroupBy(c => Segments(c.EvaluationPath.ToString()) is var s && s.Length > parent ? s[parent] : ""))
        {
            switch (group.Key)
            {
                case "anyOf" when !group.Any(c => c.IsValid):
                case "oneOf" when group.Count(c => c.IsValid) != 1:
                    Alternatives(node, group.Key);
                    break;
                case "anyOf" or "oneOf" or "if":
                    break;
                case "not":
                    if (group.Any(c => c.IsValid)) Forbidden(node);
                    break;
                default:
                    foreach (var child in group) Visit(child);
                    break;
            }
        }
    }

    private void Report(EvaluationResults node, string keyword, string libraryMessage)
    {
        var at = Token(node.InstanceLocation.ToString());
        var rule = SubSchema(node.EvaluationPath.ToString());
        var name = Name(at);
        switch (keyword)
        {
            case "required":
                foreach (var missing in rule?["required"]?.Values<string>() ?? [])
                {
                    if (at is JObject o && JsonFields.Get(o, missing!) is null)
                        _problems.Add(JsonDocumentReader.At(o, file, MessageText.Format(LoadingMessages.MissingField, missing)) with { Field = string.IsNullOrEmpty(o.Path) ? missing : $"{o.Path}.{missing}" });
                }
                return;
            case "type":
                Add(at, MessageText.Format(LoadingMessages.SchemaMustBe, name, Types(rule?["type"]), Describe(at)));
                return;
            case "enum" or "const":
                Add(at, MessageText.Format(LoadingMessages.SchemaMustBe, name, OneOf(rule), Describe(at)));
                return;
            case "pattern":
                Add(at, MessageText.Format(LoadingMessages.SchemaPattern, name, Describe(at), rule?["pattern"]));
                return;
            case "minLength":
                Add(at, MessageText.Format(LoadingMessages.MustNotBeEmpty, name));
                return;
            case "minItems":
                Add(at, MessageText.Format(LoadingMessages.SchemaMinItems, name, rule?["minItems"]));
                return;
            case "maxItems":
                Add(at, MessageText.Format(LoadingMessages.SchemaMaxItems, name, rule?["maxItems"]));
                return;
            case "minimum" or "maximum":
                Add(at, MessageText.Format(keyword == "minimum" ? LoadingMessages.SchemaMinimum : LoadingMessages.SchemaMaximum, name, rule?[keyword], Describe(at)));
                return;
            case "":
                // The false schema of additionalProperties: a field the format does not have.
                Add(at?.Parent as JProperty ?? at, MessageText.Format(LoadingMessages.SchemaUnknownField, name));
                return;
            default:
                Add(at, $"'{name}': {libraryMessage}");
                return;
        }
    }

    private void Alternatives(EvaluationResults node, string keyword)
    {
        var at = Token(node.InstanceLocation.ToString());
        var branches = SubSchema(node.EvaluationPath.ToString())?[keyword] as JArray;
        var forms = branches is null ? LoadingMessages.SchemaAnyForm : string.Join(LoadingMessages.SchemaOrForms, branches.Select(b => Form(Resolve(b))));
        Add(at, MessageText.Format(LoadingMessages.SchemaMustBeForm, Name(at), forms));
    }

    private void Forbidden(EvaluationResults node)
    {
        var at = Token(node.InstanceLocation.ToString());
        var not = SubSchema(node.EvaluationPath.ToString())?["not"] as JObject;
        if (not?["required"] is JArray names && names.Count > 0)
            Add(at, MessageText.Format(LoadingMessages.SchemaMustNotHave, Name(at), string.Join(", ", names.Select(n => $"'{n}'"))));
        else
            Add(at?.Parent as JProperty ?? at, MessageText.Format(LoadingMessages.SchemaUnsupportedField, Name(at)));
    }

    private void Add(JToken? at, string message) => _problems.Add(JsonDocumentReader.At(at, file, message));

    /// <summary>The instance token at a JSON pointer relative to the validated document; the nearest existing ancestor when the pointer goes further.</summary>
    private JToken? Token(string pointer)
    {
        var token = document;
        foreach (var segment in Segments(pointer))
        {
            JToken? next = token switch
            {
                JObject o => JsonFields.Get(o, segment),
                JArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (next is null) return token;
            token = next;
        }
        return token;
    }

    /// <summary>The schema object an evaluation path leads to, following <c>$ref</c> (all refs of the shipped schemas are local).</summary>
    private JObject? SubSchema(string evaluationPath)
    {
        JToken? at = schema;
        foreach (var segment in Segments(evaluationPath))
        {
            if (segment == "$ref" && at?["$ref"] is JValue reference) at = Resolve(reference);
            else at = at switch
            {
                JObject o => o[segment],
                JArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }
        return at as JObject;
    }

    private JToken? Resolve(JToken? branch)
    {
        if (branch is not JObject { } o || o["$ref"] is not JValue reference) return branch;
        var pointer = ((string?)reference ?? "").TrimStart('#');
        JToken? at = schema;
        foreach (var segment in Segments(pointer)) at = at?[segment];
        return at;
    }

    private static string[] Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('/').Split('/').Select(s => Uri.UnescapeDataString(s).Replace("~1", "/").Replace("~0", "~")).ToArray();

    /// <summary>The name a message gives the token: its property name, or its parent's with the index for an array item.</summary>
    private static string Name(JToken? at) => at switch
    {
        null => "",
        { Parent: JProperty p } => p.Name,
        JProperty p => p.Name,
        { Parent: JArray a } when a.Parent is JProperty ap => $"{ap.Name}[{a.IndexOf(at)}]",
        _ => at.Path.Length == 0 ? LoadingMessages.SchemaTheDocument : at.Path,
    };

    private static string Describe(JToken? t) => t is null ? LoadingMessages.SchemaNothing : JsonFields.Describe(t is JProperty p ? p.Value : t);

    private static string Types(JToken? type)
    {
        var names = type is JArray a ? a.Values<string>().ToList() : [(string?)type];
        return string.Join(LoadingMessages.SchemaOrTypes, names.Select(n => n switch
        {
            "string" => LoadingMessages.TypeString,
            "number" => LoadingMessages.TypeNumber,
            "integer" => LoadingMessages.TypeInteger,
            "boolean" => LoadingMessages.TypeBoolean,
            "array" => LoadingMessages.TypeArray,
            "object" => LoadingMessages.TypeObject,
            "null" => "null",
            _ => n,
        }));
    }

    private static string OneOf(JObject? rule)
    {
        if (rule?["const"] is { } c) return c.ToString(Newtonsoft.Json.Formatting.None);
        return rule?["enum"] is JArray values ? LoadingMessages.SchemaOneOf + string.Join(", ", values.Select(v => v.ToString(Newtonsoft.Json.Formatting.None))) : LoadingMessages.SchemaAllowedValue;
    }

    /// <summary>A branch of an anyOf/oneOf, in words: "a number or true or false", "an object with 'value', 'provenance'".</summary>
    private static string Form(JToken? branch)
    {
        if (branch is not JObject b) return LoadingMessages.SchemaAllowedForm;
        if (b["required"] is JArray required)
            return LoadingMessages.SchemaObjectWith + string.Join(LoadingMessages.SchemaAnd, required.Select(r => $"'{r}'")) + (b["not"]?["required"] is JArray not ? LoadingMessages.SchemaWithout + string.Join(", ", not.Select(n => $"'{n}'")) + ")" : "");
        if (b["enum"] is not null || b["const"] is not null) return OneOf(b);
        if (b["type"] is { } type) return Types(type) + (b["pattern"] is { } pattern ? MessageText.Format(LoadingMessages.SchemaOfForm, pattern) : "");
        return LoadingMessages.SchemaAllowedForm;
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text;
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
/// files and commune data against them (<see cref="SchemaValidator"/>).
/// </summary>
public static class FormatSchemas
{
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
    /// Where the passes of documents are recorded between processes, or null (the default) to validate
    /// every document. Set by the host at start (the CLI: <see cref="PassCache.FromEnvironment"/>).
    /// </summary>
    public static PassCache? PassCache { get; set; }

    /// <summary>
    /// Validates <paramref name="document"/> (read with line information) against the schema of
    /// <paramref name="format"/>: each departure becomes a problem located at its token in
    /// <paramref name="file"/>, worded as the hand-written readers word the same mistake. A document
    /// whose exact content already passed this schema in this kernel (<see cref="PassCache"/>) is not
    /// validated again.
    /// </summary>
    /// <param name="format">Which schema.</param>
    /// <param name="document">The document, or the part of a larger file that holds it (problems then give paths from that file's root).</param>
    /// <param name="file">How to name the file in problems.</param>
    public static IReadOnlyList<Problem> Validate(FormatSchema format, JToken document, string file) =>
        Validate(format, document, file, PassCache);

    /// <summary>As <see cref="Validate(FormatSchema, JToken, string)"/>, with the passes recorded in <paramref name="cache"/> (none when null).</summary>
    internal static IReadOnlyList<Problem> Validate(FormatSchema format, JToken document, string file, PassCache? cache)
    {
        var key = cache is null ? null : PassKey(format, document);
        if (key is not null && cache!.Passed(key)) return [];
        var problems = SchemaValidator.Validate(format, document, file, out var passed);
        if (key is not null && passed) cache!.Record(key);
        return problems;
    }

    /// <summary>
    /// What a pass is recorded under: the SHA-256 of the kernel assembly's identity, the schema's text
    /// (and those it refers to) and the document's content as the validator sees it. The validation is
    /// a function of exactly these, so a record can only stand for a validation that passed.
    /// </summary>
    internal static string PassKey(FormatSchema format, JToken document)
    {
        var content = new ArrayBufferWriter<byte>();
        content.Write(SchemaIdentity[(int)format].Value);
        // Names in the document's own spelling: the schema's spelling is a function of the schema's text, already hashed.
        SchemaInstance.Fingerprint(document, content);
        return Convert.ToHexStringLower(SHA256.HashData(content.WrittenSpan));
    }

    // Loops over a FormatSchema[], not LINQ: LINQ over an enum is JIT-compiled on every cold start.
    private static readonly FormatSchema[] AllFormats = (FormatSchema[])Enum.GetValues(typeof(FormatSchema));

    private static readonly Lazy<byte[]>[] SchemaIdentity = Lazily(f => IdentityOf(f));

    /// <summary>One lazily made value per schema, indexed by <see cref="FormatSchema"/>.</summary>
    internal static Lazy<T>[] Lazily<T>(Func<FormatSchema, T> make)
    {
        var values = new Lazy<T>[AllFormats.Length];
        foreach (var f in AllFormats) values[(int)f] = new Lazy<T>(() => make(f), LazyThreadSafetyMode.ExecutionAndPublication);
        return values;
    }

    private static byte[] IdentityOf(FormatSchema format)
    {
        // The module version id changes with any change to the kernel's code, the validation's included (builds are deterministic).
        var text = new StringBuilder("ntm schema pass\0").Append(typeof(FormatSchemas).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        text.Append('\0').Append(FileName(format)).Append('\0').Append(Text(format));
        foreach (var f in Referred(format)) text.Append('\0').Append(FileName(f)).Append('\0').Append(Text(f));
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The other shipped schemas <paramref name="format"/>'s schema refers to by file name (a plugin test's data is commune data).</summary>
    internal static IReadOnlyList<FormatSchema> Referred(FormatSchema format)
    {
        var text = Text(format);
        var referred = new List<FormatSchema>();
        foreach (var o in AllFormats)
        {
            if (o != format && text.Contains($"\"{FileName(o)}\"", StringComparison.Ordinal)) referred.Add(o);
        }
        return referred;
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
}

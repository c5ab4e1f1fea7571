using System.Text;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Domain;
using NtmRules.Kernel.Loading;
using Scriban;

namespace NtmRules.Drafting;

/// <summary>
/// The plan templates: the defaults shipped in <c>templates/</c> and each plugin's overrides in its
/// own <c>templates/</c> folder (a province's own wording). Every template is parsed once, when
/// the library or the plugin loads; a parse error names the file, line and column. Parsed templates
/// are immutable and shared by all renders.
/// </summary>
/// <remarks>As an <see cref="IPluginCheck"/>, it makes the host refuse a plugin whose templates do not parse.</remarks>
public sealed class TemplateLibrary : IPluginCheck
{
    /// <summary>Extension of template files.</summary>
    public const string Extension = ".scriban";

    /// <summary>The template rendered for a whole plan; it includes the others.</summary>
    public const string Root = "plan.md";

    private readonly Dictionary<string, Template> _defaults;
    private readonly Dictionary<string, Dictionary<string, Template>> _overrides = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    private TemplateLibrary(string folder, Dictionary<string, Template> defaults)
    {
        Folder = folder;
        _defaults = defaults;
    }

    /// <summary>The folder of the default templates.</summary>
    public string Folder { get; }

    /// <summary>Names of the templates a plugin may override, e.g. <c>plan.md</c>, <c>indicator.md</c>.</summary>
    public IReadOnlyCollection<string> Names => _defaults.Keys;

    /// <summary>Loads and parses the default templates.</summary>
    /// <exception cref="PluginException">A default template is missing or does not parse.</exception>
    public static TemplateLibrary Load(string folder)
    {
        var problems = new List<Problem>();
        if (!Directory.Exists(folder))
            throw new PluginException(new Problem(Severity.Error, "the default plan templates are missing (build the solution)", folder));
        var templates = ParseFolder(folder, problems);
        if (!File.Exists(Path.Combine(folder, Root + Extension))) problems.Add(new Problem(Severity.Error, $"the default template {Root}{Extension} is missing", folder));
        if (problems.Count > 0) throw new PluginException(problems);
        return new TemplateLibrary(folder, templates);
    }

    /// <inheritdoc />
    public IEnumerable<Problem> Check(PluginInfo plugin)
    {
        var folder = Path.Combine(plugin.Folder, "templates");
        if (!Directory.Exists(folder)) return [];
        var problems = new List<Problem>();
        var parsed = ParseFolder(folder, problems);
        foreach (var name in parsed.Keys.Where(n => !_defaults.ContainsKey(n)).ToArray())
        {
            problems.Add(new Problem(Severity.Error,
                $"template \"{name}\" overrides no known template; a plugin may override: {string.Join(", ", _defaults.Keys.Order(StringComparer.Ordinal))}",
                Path.Combine(folder, name + Extension)));
            parsed.Remove(name);
        }
        lock (_gate) _overrides[plugin.Id] = parsed;
        return problems;
    }

    /// <summary>The templates for <paramref name="set"/>: its plugin's overrides over the defaults.</summary>
    public IReadOnlyDictionary<string, Template> For(CriteriaSet set)
    {
        var result = new Dictionary<string, Template>(_defaults, StringComparer.Ordinal);
        lock (_gate)
        {
            if (_overrides.TryGetValue(set.Plugin.Id, out var own))
            {
                foreach (var (name, template) in own) result[name] = template;
            }
        }
        return result;
    }

    private static Dictionary<string, Template> ParseFolder(string folder, List<Problem> problems)
    {
        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*" + Extension).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file)[..^Extension.Length];
            var text = File.ReadAllText(file, Encoding.UTF8).Normalize(NormalizationForm.FormC);
            var template = Template.Parse(text, file);
            if (template.HasErrors)
            {
                foreach (var m in template.Messages)
                    problems.Add(new Problem(Severity.Error, $"template \"{name}\" does not parse: {m.Message}", file, m.Span.Start.Line + 1, m.Span.Start.Column + 1));
                continue;
            }
            templates[name] = template;
        }
        return templates;
    }
}

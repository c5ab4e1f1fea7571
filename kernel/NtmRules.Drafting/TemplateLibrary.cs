using NtmRules.Kernel.Localization;
using NtmRules.Drafting.Localization;
using System.Text;
using NtmRules.Drafting.Library;
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
/// <remarks>
/// As an <see cref="IPluginCheck"/>, it makes the host (and <c>ntm plugin validate</c>) refuse a plugin
/// whose templates do not parse, or fail, or run past a probe's time budget when rendering a test plan,
/// or whose drafting library (<see cref="DraftingLibrary"/>, also read here) is malformed.
/// </remarks>
public sealed class TemplateLibrary : IPluginCheck
{
    /// <summary>Extension of template files.</summary>
    public const string Extension = ".scriban";

    /// <summary>The template rendered for a whole plan; it includes the others.</summary>
    public const string Root = "plan.md";

    private readonly Dictionary<string, Template> _defaults;
    private readonly Dictionary<string, Dictionary<string, Template>> _overrides = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly DraftingLibrary _library = new();

    /// <summary>How long a plugin's templates may take on the probe plan at load and validation.</summary>
    public static readonly TimeSpan ProbeTimeLimit = TimeSpan.FromSeconds(1);

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
            throw new PluginException(new Problem(Severity.Error, DraftingMessages.DefaultTemplatesMissing, folder));
        var templates = ParseFolder(folder, problems);
        if (!File.Exists(Path.Combine(folder, Root + Extension))) problems.Add(new Problem(Severity.Error, MessageText.Format(DraftingMessages.DefaultTemplateMissing, Root + Extension), folder));
        if (problems.Count > 0) throw new PluginException(problems);
        return new TemplateLibrary(folder, templates);
    }

    /// <inheritdoc />
    public IEnumerable<Problem> Check(PluginInfo plugin)
    {
        var folder = Path.Combine(plugin.Folder, "templates");
        if (!Directory.Exists(folder)) return [];
        var problems = new List<Problem>(_library.Check(plugin));
        var parsed = ParseFolder(folder, problems);
        foreach (var name in parsed.Keys.Where(n => !_defaults.ContainsKey(n)).ToArray())
        {
            problems.Add(new Problem(Severity.Error,
                MessageText.Format(DraftingMessages.TemplateOverridesNothing, name, string.Join(", ", _defaults.Keys.Order(StringComparer.Ordinal))),
                Path.Combine(folder, name + Extension)));
            parsed.Remove(name);
        }
        if (parsed.Count > 0 && problems.All(p => p.Severity != Severity.Error)) problems.AddRange(Probe(parsed));
        lock (_gate) _overrides[plugin.Id] = parsed;
        return problems;
    }

    /// <summary>
    /// Renders a test plan with the plugin's templates over the defaults, within
    /// <see cref="ProbeTimeLimit"/>, so that a template that fails or runs away (a string doubled
    /// thousands of times) is refused where its author sees it, not in a commune's draft.
    /// </summary>
    private IEnumerable<Problem> Probe(Dictionary<string, Template> own)
    {
        var templates = new Dictionary<string, Template>(_defaults, StringComparer.Ordinal);
        foreach (var (name, template) in own) templates[name] = template;
        WarmUp();
        try
        {
            PlanRenderer.Render(ProbePlan.Instance, templates, ProbeTimeLimit);
            return [];
        }
        catch (PluginException e)
        {
            // The defaults render the probe alone, so a failure elsewhere (the root template
            // including an override that ran away) is the plugin's own templates' doing.
            var files = own.Values.Select(t => t.SourceFilePath).Order(StringComparer.Ordinal).ToArray();
            return e.Problems.Select(p => (files.Contains(p.File) ? p : p with { File = files.Length == 1 ? files[0] : Path.GetDirectoryName(files[0]), Line = null, Column = null })
                with { Message = MessageText.Format(DraftingMessages.OnProbePlan, p.Message) });
        }
    }

    private bool _warm;

    /// <summary>
    /// Renders the probe once with the defaults before a plugin's templates are timed: the first render
    /// in a process compiles Scriban's code paths, which on a busy machine took longer than
    /// <see cref="ProbeTimeLimit"/> by itself and refused a sound template.
    /// </summary>
    private void WarmUp()
    {
        lock (_gate)
        {
            if (_warm) return;
            PlanRenderer.Render(ProbePlan.Instance, _defaults);
            _warm = true;
        }
    }

    /// <summary>The drafting library resolved for <paramref name="set"/>: causes, measures and roles per indicator.</summary>
    public SetGuidance Guidance(CriteriaSet set) => _library.For(set);

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
                    problems.Add(new Problem(Severity.Error, MessageText.Format(DraftingMessages.TemplateDoesNotParse, name, m.Message), file, m.Span.Start.Line + 1, m.Span.Start.Column + 1));
                continue;
            }
            templates[name] = template;
        }
        return templates;
    }
}

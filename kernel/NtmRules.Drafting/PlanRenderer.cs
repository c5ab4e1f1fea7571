using NtmRules.Drafting.Model;
using NtmRules.Kernel.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace NtmRules.Drafting;

/// <summary>
/// Renders a plan model through the templates into Markdown, with the limits an untrusted
/// template needs: strict variables (a misspelled name is an error, not empty text), no relaxed
/// member access, loop, recursion and output limits, includes only of known template names, no
/// clock. A fresh <see cref="TemplateContext"/> per render; parsed templates are shared.
/// </summary>
public static class PlanRenderer
{
    /// <summary>Most iterations any loop of a template may run.</summary>
    public const int LoopLimit = 10_000;

    /// <summary>Deepest include/function recursion.</summary>
    public const int RecursiveLimit = 16;

    /// <summary>Largest output, in characters.</summary>
    public const int OutputLimit = 2_000_000;

    /// <summary>Renders <paramref name="plan"/>. Template failures are <see cref="PluginException"/>s naming the template.</summary>
    public static string Render(PlanDocument plan, IReadOnlyDictionary<string, Template> templates)
    {
        var builtins = new Scriban.Functions.BuiltinFunctions();
        builtins.Remove("date");     // date.now would make the same data render differently tomorrow
        builtins.Remove("timespan");
        builtins.Remove("regex");    // a pathological pattern could run unbounded, outside the loop limit
        var context = new TemplateContext(builtins)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            EnableRelaxedTargetAccess = false,
            EnableRelaxedFunctionAccess = false,
            EnableRelaxedIndexerAccess = false,
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            OutputLimit = OutputLimit,
            NewLine = "\n",
            TemplateLoader = new NamedTemplateLoader(templates),
        };
        foreach (var (name, template) in templates) context.CachedTemplates[name] = template;
        var globals = new ScriptObject();
        globals.SetValue("plan", plan, readOnly: true);
        var md = new ScriptObject();
        md.Import("escape", new Func<string?, string>(MarkdownText.Escape));
        globals.SetValue("md", md, readOnly: true);
        context.PushGlobal(globals);
        var root = templates[TemplateLibrary.Root];
        try
        {
            return root.Render(context).Normalize(System.Text.NormalizationForm.FormC);
        }
        catch (ScriptRuntimeException e)
        {
            throw new PluginException(new Problem(Severity.Error, $"template failed: {e.OriginalMessage}", Where(e.Span, root), e.Span.Start.Line + 1, e.Span.Start.Column + 1));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new PluginException(new Problem(Severity.Error, $"template failed: {e.Message}", root.SourceFilePath));
        }
    }

    private static string? Where(SourceSpan span, Template root) => string.IsNullOrEmpty(span.FileName) ? root.SourceFilePath : span.FileName;

    /// <summary>Resolves includes by template name only: no paths, so nothing outside the template folders.</summary>
    private sealed class NamedTemplateLoader(IReadOnlyDictionary<string, Template> templates) : ITemplateLoader
    {
        public string? GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            if (templates.ContainsKey(templateName)) return templateName;
            throw new ScriptRuntimeException(callerSpan,
                $"include \"{templateName}\" is not a plan template; templates may include only these names: {string.Join(", ", templates.Keys.Order(StringComparer.Ordinal))}");
        }

        public string? Load(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            throw new ScriptRuntimeException(callerSpan, $"template \"{templatePath}\" is not loaded");

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult(Load(context, callerSpan, templatePath));
    }
}

using NtmRules.Kernel.Localization;
using System.Globalization;
using NtmRules.Application.Localization;
using NtmRules.Drafting;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Application;

/// <summary>
/// The draft formats, one table from <see cref="DraftFormat"/> to its name (the web's <c>format</c>) and
/// its file extension (the CLI's <c>--out FILE.md</c>): one choice, two spellings of it.
/// </summary>
public static class DraftFormats
{
    private static readonly (DraftFormat Format, string Name)[] Table = [(DraftFormat.Markdown, "md"), (DraftFormat.Docx, "docx"), (DraftFormat.Html, "html")];

    /// <summary>The names, as offered: md, docx, html.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The format named <paramref name="name"/> (md, docx, html; exactly).</summary>
    /// <exception cref="InputException">Another name, located at <paramref name="field"/>.</exception>
    public static DraftFormat FromName(string name, string field) =>
        Find(name) ?? throw new InputException(new Problem(Severity.Error, MessageText.Format(ApplicationMessages.UnknownDraftType, name), Field: field));

    private static DraftFormat? Find(string name)
    {
        foreach (var (format, known) in Table)
            if (known == name) return format;
        return null;
    }

    /// <summary>The format of an output file by its extension (.md, .html, .docx, any case); Markdown when there is no file.</summary>
    /// <exception cref="InputException">Another extension, located at <paramref name="field"/>.</exception>
    public static DraftFormat FromOutputPath(string? path, string field)
    {
        if (path is null) return DraftFormat.Markdown;
        var extension = Path.GetExtension(path);
        var name = extension.TrimStart('.').ToLowerInvariant();
        return Find(name) ?? throw new InputException(new Problem(Severity.Error, MessageText.Format(ApplicationMessages.UnknownDraftExtension, extension), Field: field));
    }
}

/// <summary>The draft plan of an evaluation, as <c>ntm draft</c> and the web write it.</summary>
/// <param name="templates">The default plan templates (plugins may override them).</param>
public sealed class PlanDrafting(TemplateLibrary templates)
{
    /// <summary>The draft of <paramref name="result"/> in <paramref name="format"/>.</summary>
    /// <exception cref="PluginException">A rule failed at run time (<see cref="RuleFailures"/>: no plan is written from it), or a template failed.</exception>
    public WrittenDraft Draft(EvaluationResult result, DraftFormat format)
    {
        if (result.HasExpressionErrors) throw new PluginException(RuleFailures.Of(result));
        return new PlanDrafter(templates).Draft(result, format);
    }
}

using NtmRules.Kernel.Localization;
using NtmRules.Drafting.Localization;
using System.Text;
using NtmRules.Drafting.Model;
using NtmRules.Drafting.Output;
using NtmRules.Kernel.Diagnostics;
using NtmRules.Kernel.Evaluation;

namespace NtmRules.Drafting;

/// <summary>The formats a draft is written in.</summary>
public enum DraftFormat
{
    /// <summary>Markdown (<c>.md</c>).</summary>
    Markdown,
    /// <summary>A standalone HTML page (<c>.html</c>).</summary>
    Html,
    /// <summary>A Word document (<c>.docx</c>), byte-identical for the same data and plugins.</summary>
    Docx,
}

/// <summary>A written draft: its bytes, media type and file extension.</summary>
public sealed record WrittenDraft(byte[] Content, string MediaType, string Extension, PlanDocument Plan);

/// <summary>
/// The one flow from an evaluation to a draft file, used by <c>ntm draft</c> and the web
/// application alike: the plan model (with the library of the set's plugins), the templates, the
/// output format.
/// </summary>
public sealed class PlanDrafter(TemplateLibrary templates)
{
    /// <summary>The format for a file extension or a format name ("docx", ".docx").</summary>
    /// <exception cref="InputException">Not md, html or docx.</exception>
    public static DraftFormat ParseFormat(string format, string field) => format.TrimStart('.').ToLowerInvariant() switch
    {
        "md" => DraftFormat.Markdown,
        "html" => DraftFormat.Html,
        "docx" => DraftFormat.Docx,
        _ => throw new InputException(new Problem(Severity.Error, MessageText.Format(DraftingMessages.UnknownOutputType, format), Field: field)),
    };

    /// <summary>The plan model of <paramref name="result"/>.</summary>
    public PlanDocument Model(EvaluationResult result) => PlanModelBuilder.Build(result, templates.Guidance(result.Set));

    /// <summary>The plan in Markdown, through the set's templates.</summary>
    public string Markdown(EvaluationResult result) => PlanRenderer.Render(Model(result), templates.For(result.Set));

    /// <summary>The draft of <paramref name="result"/> in <paramref name="format"/>.</summary>
    /// <exception cref="PluginException">A template failed or ran past its limits.</exception>
    public WrittenDraft Draft(EvaluationResult result, DraftFormat format)
    {
        var plan = Model(result);
        var markdown = PlanRenderer.Render(plan, templates.For(result.Set));
        switch (format)
        {
            case DraftFormat.Markdown:
                return new WrittenDraft(new UTF8Encoding(false).GetBytes(markdown), "text/markdown; charset=utf-8", ".md", plan);
            case DraftFormat.Html:
                return new WrittenDraft(new UTF8Encoding(false).GetBytes(HtmlPlanWriter.Write(markdown, plan.Subject)), "text/html; charset=utf-8", ".html", plan);
            default:
                using (var stream = new MemoryStream())
                {
                    DocxPlanWriter.Write(markdown, stream);
                    return new WrittenDraft(stream.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", plan);
                }
        }
    }
}

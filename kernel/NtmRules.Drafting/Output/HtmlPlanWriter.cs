using System.Net;
using System.Text.RegularExpressions;
using Markdig;

namespace NtmRules.Drafting.Output;

/// <summary>
/// The plan as a standalone HTML page laid out as Nghị định 30/2020/NĐ-CP lays out administrative
/// documents, with the same sizes as <see cref="DocxPlanWriter"/>: the header lines each on a line
/// of their own, rules under the issuing body, the tiêu ngữ and the trích yếu, body with a first-line
/// indent, "Nơi nhận:" bold italic 12 pt and its list 11 pt, and, when printed, A4 pages numbered
/// at the top from page 2.
/// </summary>
public static partial class HtmlPlanWriter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseFootnotes().Build();

    [GeneratedRegex(@"<!-- ntm:layout(?: (?<kind>[a-z]+))? -->\s*<table>(?<table>.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex LayoutTable();

    [GeneratedRegex(@"<(?<tag>t[dh])(?<attrs>[^>]*)>(?<content>.*?)</\k<tag>>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex(@"<br\s*/?>")]
    private static partial Regex LineBreak();

    /// <summary>Converts the rendered Markdown to a complete HTML document.</summary>
    public static string Write(string markdown, string title)
    {
        var body = LayoutTable().Replace(Markdown.ToHtml(markdown, Pipeline), m =>
        {
            var kind = m.Groups["kind"].Success ? m.Groups["kind"].Value : "plain";
            var table = Cell().Replace(m.Groups["table"].Value, c =>
                $"<{c.Groups["tag"].Value}{c.Groups["attrs"].Value}>{string.Concat(LineBreak().Split(c.Groups["content"].Value).Select(l => $"<div>{l}</div>"))}</{c.Groups["tag"].Value}>");
            return $"<table class=\"layout layout-{kind}\">{table}</table>";
        });
        return $$"""
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>
              @page { size: A4; margin: 20mm 20mm 20mm 30mm; @top-center { content: counter(page); font: 13pt "Times New Roman", Times, serif; } }
              @page :first { @top-center { content: none; } }
              body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.2; max-width: 160mm; margin: 20mm auto; }
              h1 { text-align: center; font-size: 14pt; margin: 12pt 0 0; }
              h1 + p { text-align: center; font-size: 14pt; font-weight: bold; text-indent: 0; }
              h1 + p::after { content: ""; display: block; width: 60mm; margin: 3pt auto 0; border-top: 1px solid #000; }
              h1 + p + p { text-align: center; text-indent: 0; }
              h2, h3, h4, h5 { font-size: 13pt; text-indent: 1cm; margin: 6pt 0; }
              p, li { text-align: justify; text-indent: 1cm; margin: 0 0 6pt; }
              ul, ol { list-style: none; padding: 0; margin: 0; }
              ul > li::before { content: "- "; }
              table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 12pt; }
              th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
              table.layout th, table.layout td { border: none; text-indent: 0; font-weight: normal; }
              .layout-header td, .layout-header th { font-size: 12pt; }
              .layout-header th:first-child { width: 40%; }
              .layout-header th:first-child div:nth-child(n+2), .layout-header th:last-child div { font-weight: bold; }
              .layout-header th:first-child div:last-child::after { content: ""; display: block; width: 22mm; margin: 2pt auto 0; border-top: 1px solid #000; }
              .layout-header th:last-child div:nth-child(2) { font-size: 13pt; }
              .layout-header th:last-child div:nth-child(2)::after { content: ""; display: block; width: 61mm; margin: 2pt auto 0; border-top: 1px solid #000; }
              .layout-header td { font-size: 13pt; }
              .layout-signature th, .layout-signature td { width: 50%; }
              .layout-signature th:first-child { text-align: left; font-size: 12pt; font-style: italic; font-weight: bold; }
              .layout-signature td:first-child { font-size: 11pt; }
              .layout-signature th:last-child, .layout-signature td:last-child { font-size: 13pt; font-weight: bold; }
            </style>
            </head>
            <body>
            {{body}}</body>
            </html>

            """;
    }
}

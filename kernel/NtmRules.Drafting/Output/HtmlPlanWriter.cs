using System.Net;
using System.Text.RegularExpressions;
using Markdig;

namespace NtmRules.Drafting.Output;

/// <summary>The plan as a standalone HTML page laid out like an administrative document.</summary>
public static partial class HtmlPlanWriter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    [GeneratedRegex(@"<!-- ntm:layout -->\s*<table>")]
    private static partial Regex LayoutTable();

    /// <summary>Converts the rendered Markdown to a complete HTML document.</summary>
    public static string Write(string markdown, string title)
    {
        var body = LayoutTable().Replace(Markdown.ToHtml(markdown, Pipeline), "<table class=\"layout\">");
        return $$"""
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>
              body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.4; max-width: 170mm; margin: 20mm auto; }
              h1 { text-align: center; font-size: 14pt; margin-bottom: 0; }
              h1 + p { text-align: center; }
              h2, h3, h4, h5 { font-size: 13pt; }
              p { text-align: justify; }
              table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
              th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
              table.layout th, table.layout td { border: none; width: 50%; }
            </style>
            </head>
            <body>
            {{body}}</body>
            </html>

            """;
    }
}

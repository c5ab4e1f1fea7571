using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdTable = Markdig.Extensions.Tables.Table;
using WTable = DocumentFormat.OpenXml.Wordprocessing.Table;
using MdRow = Markdig.Extensions.Tables.TableRow;
using MdCell = Markdig.Extensions.Tables.TableCell;
using TableColumnAlign = Markdig.Extensions.Tables.TableColumnAlign;

namespace NtmRules.Drafting.Output;

/// <summary>
/// The plan as a Word document laid out as Nghị định 30/2020/NĐ-CP asks of administrative
/// documents: A4, margins 20/20/30/20 mm, Times New Roman 13 pt, the two-column header with the
/// Quốc hiệu, the bold centred title, headings as Word headings. Built from the same Markdown the
/// templates produce, so a province's own wording reaches the DOCX too; tables marked
/// <c>&lt;!-- ntm:layout --&gt;</c> (header, signature) are drawn without borders.
/// </summary>
public static class DocxPlanWriter
{
    private const string Font = "Times New Roman";
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <summary>Writes the document to <paramref name="output"/>.</summary>
    public static void Write(string markdown, Stream output)
    {
        using var doc = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        AddStyles(main);
        var body = new Body();
        var layoutNext = false;
        foreach (var block in Markdown.Parse(markdown, Pipeline))
        {
            switch (block)
            {
                case HtmlBlock html:
                    layoutNext = html.Lines.ToString().Contains("ntm:layout", StringComparison.Ordinal);
                    break;
                case HeadingBlock h:
                    body.Append(Heading(h));
                    break;
                case MdTable t:
                    body.Append(Table(t, layoutNext));
                    body.Append(new Paragraph());
                    layoutNext = false;
                    break;
                case ListBlock list:
                    var n = 0;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        n++;
                        foreach (var p in item.OfType<ParagraphBlock>())
                            body.Append(Paragraph(p.Inline, list.IsOrdered ? $"{n}. " : "- ", JustificationValues.Both, indentTwips: 284));
                    }
                    break;
                case ParagraphBlock p:
                    body.Append(Paragraph(p.Inline, null, IsCentredLine(p) ? JustificationValues.Center : JustificationValues.Both));
                    break;
            }
        }
        body.Append(new SectionProperties(
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 1134U, Header = 720U, Footer = 720U }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    /// <summary>The subject line right under the title is centred, as in the seeds.</summary>
    private static bool IsCentredLine(ParagraphBlock p) =>
        p.Parent is MarkdownDocument d && d.IndexOf(p) is var i and > 0 && d[i - 1] is HeadingBlock { Level: 1 };

    private static Paragraph Heading(HeadingBlock h)
    {
        var p = Paragraph(h.Inline, null, h.Level == 1 ? JustificationValues.Center : JustificationValues.Left, bold: true);
        p.ParagraphProperties!.PrependChild(new ParagraphStyleId { Val = "Heading" + Math.Min(h.Level, 5) });
        return p;
    }

    private static Paragraph Paragraph(ContainerInline? inline, string? prefix, JustificationValues align, bool bold = false, int indentTwips = 0, int? halfPoints = null)
    {
        var props = new ParagraphProperties(new Justification { Val = align }, new SpacingBetweenLines { After = "120", Line = "288", LineRule = LineSpacingRuleValues.Auto });
        if (indentTwips > 0) props.Append(new Indentation { Left = indentTwips.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var p = new Paragraph(props);
        if (prefix is not null) p.Append(Run(prefix, bold, false));
        if (inline is not null) AppendInlines(p, inline, bold, false);
        if (halfPoints is { } size)
        {
            // Header and signature blocks are set a point smaller, as Nghị định 30/2020 lays them out.
            foreach (var runProps in p.Descendants<RunProperties>()) runProps.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        return p;
    }

    private static void AppendInlines(OpenXmlCompositeElement target, ContainerInline container, bool bold, bool italic)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline lit:
                    target.Append(Run(lit.Content.ToString(), bold, italic));
                    break;
                case EmphasisInline em:
                    AppendInlines(target, em, bold || em.DelimiterCount >= 2, italic || em.DelimiterCount == 1 || em.DelimiterCount == 3);
                    break;
                case LineBreakInline lb:
                    if (lb.IsHard) target.Append(new Run(new Break())); else target.Append(Run(" ", bold, italic));
                    break;
                case HtmlInline html when html.Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase):
                    target.Append(new Run(new Break()));
                    break;
                case CodeInline code:
                    target.Append(Run(code.Content, bold, italic));
                    break;
                case ContainerInline nested:
                    AppendInlines(target, nested, bold, italic);
                    break;
            }
        }
    }

    private static Run Run(string text, bool bold, bool italic)
    {
        var props = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font });
        if (bold) props.Append(new Bold());
        if (italic) props.Append(new Italic());
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static WTable Table(MdTable table, bool layout)
    {
        var rows = table.OfType<MdRow>().ToArray();
        var columns = rows.Max(r => r.Count);
        const int textWidth = 9071; // A4 width minus margins, in twips
        // Layout tables follow the administrative header: the Quốc hiệu column is the wider one.
        int Width(int column) => layout && columns == 2 ? (column == 0 ? textWidth * 2 / 5 : textWidth * 3 / 5) : textWidth / Math.Max(1, columns);
        var borders = layout
            ? new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })
            : new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var t = new WTable(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, borders, new TableLayout { Type = TableLayoutValues.Fixed }));
        t.Append(new TableGrid(Enumerable.Range(0, columns).Select(c => new GridColumn { Width = Width(c).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        foreach (var row in rows)
        {
            var tr = new TableRow();
            for (var c = 0; c < columns; c++)
            {
                var align = c < table.ColumnDefinitions.Count ? table.ColumnDefinitions[c].Alignment : null;
                var justification = align == TableColumnAlign.Center ? JustificationValues.Center
                    : align == TableColumnAlign.Right ? JustificationValues.Right : JustificationValues.Left;
                var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = Width(c).ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
                var content = c < row.Count ? (MdCell)row[c] : null;
                var paragraphs = content?.OfType<ParagraphBlock>().ToArray() ?? [];
                if (paragraphs.Length == 0) cell.Append(new Paragraph());
                foreach (var p in paragraphs)
                {
                    var para = Paragraph(p.Inline, null, justification, bold: row.IsHeader && !layout, halfPoints: layout ? 24 : null);
                    para.ParagraphProperties!.Append(new SpacingBetweenLines { After = "0" });
                    cell.Append(para);
                }
                tr.Append(cell);
            }
            t.Append(tr);
        }
        return t;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "26" }, new FontSizeComplexScript { Val = "26" }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" })));
        var s = new Styles(defaults,
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        for (var level = 1; level <= 5; level++)
        {
            s.Append(new Style(
                new StyleName { Val = "heading " + level },
                new BasedOn { Val = "Normal" },
                new NextParagraphStyle { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(new KeepNext(), new OutlineLevel { Val = level - 1 }, new SpacingBetweenLines { Before = "120", After = "120" }),
                new StyleRunProperties(new Bold(), new FontSize { Val = level == 1 ? "28" : "26" }, new Color { Val = "000000" }))
            { Type = StyleValues.Paragraph, StyleId = "Heading" + level });
        }
        styles.Styles = s;
        styles.Styles.Save();
    }
}

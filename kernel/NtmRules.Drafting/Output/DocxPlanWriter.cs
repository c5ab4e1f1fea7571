using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig;
using FootnoteLink = Markdig.Extensions.Footnotes.FootnoteLink;
using MdFootnote = Markdig.Extensions.Footnotes.Footnote;
using WFootnote = DocumentFormat.OpenXml.Wordprocessing.Footnote;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdTable = Markdig.Extensions.Tables.Table;
using WTable = DocumentFormat.OpenXml.Wordprocessing.Table;
using MdRow = Markdig.Extensions.Tables.TableRow;
using MdCell = Markdig.Extensions.Tables.TableCell;
using TableColumnAlign = Markdig.Extensions.Tables.TableColumnAlign;

namespace NtmRules.Drafting.Output;

/// <summary>
/// The plan as a Word document laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) asks of
/// administrative documents: A4, margins 20/20/30/20 mm, Times New Roman; the two-column header
/// (issuing body 12 pt bold with a rule under it, Quốc hiệu 12 pt bold, tiêu ngữ 13 pt bold with a
/// rule under it, số ký hiệu 13 pt, place and date 13 pt italic); the title and trích yếu 14 pt bold,
/// a rule under the trích yếu; body 13 pt justified with a 1 cm first-line indent and 6 pt between
/// paragraphs; the signature block 13 pt bold; "Nơi nhận:" 12 pt bold italic and its list 11 pt; page
/// numbers centred at the top from page 2. Built from the same Markdown the templates produce, so a
/// province's own wording reaches the DOCX too: tables marked <c>&lt;!-- ntm:layout header --&gt;</c>
/// and <c>&lt;!-- ntm:layout signature --&gt;</c> are the header and the signature block.
/// The bytes depend on the Markdown only (see <see cref="DeterministicPackage"/>).
/// </summary>
public static class DocxPlanWriter
{
    /// <summary>Body text size, in half-points (13 pt).</summary>
    public const int BodySize = 26;

    private const string Font = "Times New Roman";
    private const int TextWidth = 9071; // A4 width minus the 30 + 20 mm margins, in twips
    private const int FirstLineIndent = 567; // 1 cm
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseFootnotes().Build();

    /// <summary>
    /// Writes the document to <paramref name="output"/>. The package is written directly as a zip of its
    /// parts (see <see cref="DeterministicPackage"/>): the styles and the page-number header are the same
    /// for every plan and serialised once; only the body and the footnotes are built per plan.
    /// </summary>
    public static void Write(string markdown, Stream output)
    {
        var body = new Body();
        var document = Markdown.Parse(markdown, Pipeline);
        AppendBlocks(body, document);
        var footnotes = FootnotesOf(document);
        body.Append(new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = DeterministicPackage.HeaderId },
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 1134U, Header = 567U, Footer = 567U, Gutter = 0U },
            new TitlePage())); // the first page carries no number
        DeterministicPackage.Write(output, Xml(new Document(body)), StaticParts.Value.Styles, StaticParts.Value.Header,
            footnotes is null ? null : Xml(footnotes));
    }

    /// <summary>The parts every plan shares, serialised once per process.</summary>
    private static readonly Lazy<(byte[] Styles, byte[] Header)> StaticParts = new(() => (Xml(DocumentStyles()), Xml(PageNumberHeader())));

    /// <summary>A part's XML as the Open XML SDK saves it into a package (UTF-8 without a byte order mark, with the declaration).</summary>
    private static byte[] Xml(OpenXmlPartRootElement root)
    {
        using var stream = new MemoryStream();
        root.Save(stream);
        return stream.ToArray();
    }

    private static void AppendBlocks(Body body, MarkdownDocument document)
    {
        LayoutKind? layoutNext = null;
        foreach (var block in document)
        {
            switch (block)
            {
                case HtmlBlock html:
                    layoutNext = LayoutOf(html.Lines.ToString());
                    break;
                case HeadingBlock h:
                    body.Append(Heading(h));
                    break;
                case MdTable t:
                    body.Append(layoutNext is { } kind ? LayoutTable(t, kind) : Table(t));
                    body.Append(new Paragraph(Props(spacingAfter: 0)));
                    layoutNext = null;
                    break;
                case ListBlock list:
                    var n = 0;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        n++;
                        foreach (var p in item.OfType<ParagraphBlock>())
                            body.Append(BodyParagraph(p.Inline, list.IsOrdered ? $"{n}. " : "- "));
                    }
                    break;
                case ParagraphBlock p when IsSubjectLine(p):
                    body.Append(Centred(p.Inline, 28, bold: true, rule: true));
                    break;
                case ParagraphBlock p when IsNoteUnderTitle(p):
                    body.Append(Centred(p.Inline, BodySize, bold: false, rule: false));
                    break;
                case ParagraphBlock p:
                    body.Append(BodyParagraph(p.Inline, null));
                    break;
            }
        }
    }

    private enum LayoutKind { Header, Signature, Plain }

    private static LayoutKind? LayoutOf(string html) =>
        !html.Contains("ntm:layout", StringComparison.Ordinal) ? null
        : html.Contains("ntm:layout header", StringComparison.Ordinal) ? LayoutKind.Header
        : html.Contains("ntm:layout signature", StringComparison.Ordinal) ? LayoutKind.Signature
        : LayoutKind.Plain;

    /// <summary>The trích yếu right under the title "KẾ HOẠCH".</summary>
    private static bool IsSubjectLine(ParagraphBlock p) =>
        p.Parent is MarkdownDocument d && d.IndexOf(p) is var i and > 0 && d[i - 1] is HeadingBlock { Level: 1 };

    /// <summary>The italic note right under the trích yếu (what the draft is).</summary>
    private static bool IsNoteUnderTitle(ParagraphBlock p) =>
        p.Parent is MarkdownDocument d && d.IndexOf(p) is var i and > 1 && d[i - 2] is HeadingBlock { Level: 1 };

    private static Paragraph Heading(HeadingBlock h)
    {
        var level = Math.Min(h.Level, 5);
        var p = new Paragraph(Props(style: "Heading" + level, align: level == 1 ? JustificationValues.Center : JustificationValues.Both,
            firstLine: level == 1 ? 0 : FirstLineIndent));
        if (h.Inline is not null) AppendInlines(p, h.Inline, new RunStyle(true, false, level == 1 ? 28 : BodySize));
        return p;
    }

    private static Paragraph BodyParagraph(ContainerInline? inline, string? prefix)
    {
        var p = new Paragraph(Props(firstLine: FirstLineIndent));
        var style = new RunStyle(false, false, BodySize);
        if (prefix is not null) p.Append(Run(prefix, style));
        if (inline is not null) AppendInlines(p, inline, style);
        return p;
    }

    private static Paragraph Centred(ContainerInline? inline, int size, bool bold, bool rule)
    {
        var p = new Paragraph(Props(align: JustificationValues.Center, rule: rule ? RuleIndent(TextWidth, 3400) : null, spacingAfter: rule ? 240 : 120));
        if (inline is not null) AppendInlines(p, inline, new RunStyle(bold, false, size));
        return p;
    }

    /// <summary>
    /// Paragraph properties in the order the schema requires (pStyle, pBdr, spacing, ind, jc).
    /// <paramref name="rule"/> draws the short rule NĐ 30 puts under a line: a bottom border,
    /// shortened to the line's text by indenting both sides.
    /// </summary>
    private static ParagraphProperties Props(string? style = null, JustificationValues? align = null, int firstLine = 0,
        int? rule = null, int spacingAfter = 120)
    {
        var props = new ParagraphProperties();
        if (style is not null) props.Append(new ParagraphStyleId { Val = style });
        if (rule is not null) props.Append(new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6U, Space = 1U, Color = "000000" }));
        props.Append(new SpacingBetweenLines { Before = "0", After = Twips(spacingAfter), Line = "288", LineRule = LineSpacingRuleValues.Auto });
        if (rule is { } side) props.Append(new Indentation { Left = Twips(side), Right = Twips(side) });
        else if (firstLine > 0) props.Append(new Indentation { FirstLine = Twips(firstLine) });
        props.Append(new Justification { Val = align ?? JustificationValues.Both });
        return props;
    }

    /// <summary>The indent on each side that leaves a rule <paramref name="ruleWidth"/> twips long in a column <paramref name="columnWidth"/> wide.</summary>
    private static int RuleIndent(int columnWidth, int ruleWidth) => Math.Max(0, (columnWidth - ruleWidth) / 2);

    private readonly record struct RunStyle(bool Bold, bool Italic, int HalfPoints);

    private static void AppendInlines(OpenXmlCompositeElement target, ContainerInline container, RunStyle style, bool fixedStyle = false)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline lit:
                    target.Append(Run(lit.Content.ToString(), style));
                    break;
                case EmphasisInline em:
                    var nested = fixedStyle ? style : style with
                    {
                        Bold = style.Bold || em.DelimiterCount >= 2,
                        Italic = style.Italic || em.DelimiterCount is 1 or 3,
                    };
                    AppendInlines(target, em, nested, fixedStyle);
                    break;
                case FootnoteLink { IsBackLink: false } link:
                    target.Append(new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }),
                        new FootnoteReference { Id = link.Footnote.Order }));
                    break;
                case LineBreakInline lb:
                    target.Append(lb.IsHard ? new Run(new Break()) : Run(" ", style));
                    break;
                case HtmlInline html when html.Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase):
                    target.Append(new Run(new Break()));
                    break;
                case CodeInline code:
                    target.Append(Run(code.Content, style));
                    break;
                case ContainerInline container2:
                    AppendInlines(target, container2, style, fixedStyle);
                    break;
            }
        }
    }

    private static Run Run(string text, RunStyle style)
    {
        var props = new RunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font });
        if (style.Bold) props.Append(new Bold());
        if (style.Italic) props.Append(new Italic());
        props.Append(new FontSize { Val = Twips(style.HalfPoints) }, new FontSizeComplexScript { Val = Twips(style.HalfPoints) });
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static WTable Table(MdTable table)
    {
        var rows = table.OfType<MdRow>().ToArray();
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => TextWidth / Math.Max(1, columns)).ToArray();
        var t = NewTable(widths, borders: true);
        foreach (var row in rows)
        {
            var tr = new TableRow();
            for (var c = 0; c < columns; c++)
            {
                var cell = NewCell(widths[c]);
                var paragraphs = c < row.Count ? ((MdCell)row[c]).OfType<ParagraphBlock>().ToArray() : [];
                if (paragraphs.Length == 0) cell.Append(new Paragraph(Props(spacingAfter: 0)));
                foreach (var p in paragraphs)
                {
                    var para = new Paragraph(Props(align: Alignment(table, c), spacingAfter: 0));
                    if (p.Inline is not null) AppendInlines(para, p.Inline, new RunStyle(row.IsHeader, false, 24));
                    cell.Append(para);
                }
                tr.Append(cell);
            }
            t.Append(tr);
        }
        return t;
    }

    private static JustificationValues Alignment(MdTable table, int column)
    {
        var align = column < table.ColumnDefinitions.Count ? table.ColumnDefinitions[column].Alignment : null;
        return align == TableColumnAlign.Center ? JustificationValues.Center
            : align == TableColumnAlign.Right ? JustificationValues.Right : JustificationValues.Left;
    }

    /// <summary>
    /// The header or signature block: a borderless table whose cells are split at their line
    /// breaks, each line set as NĐ 30 sets that element (<see cref="LineStyle"/>).
    /// </summary>
    private static WTable LayoutTable(MdTable table, LayoutKind kind)
    {
        var rows = table.OfType<MdRow>().ToArray();
        var columns = rows.Max(r => r.Count);
        int[] widths = columns == 2 ? [TextWidth * 2 / 5, TextWidth * 3 / 5] : Enumerable.Repeat(TextWidth / Math.Max(1, columns), columns).ToArray();
        var t = NewTable(widths, borders: false);
        for (var r = 0; r < rows.Length; r++)
        {
            var tr = new TableRow();
            for (var c = 0; c < columns; c++)
            {
                var cell = NewCell(widths[c]);
                var inline = c < rows[r].Count ? ((MdCell)rows[r][c]).OfType<ParagraphBlock>().FirstOrDefault()?.Inline : null;
                var lines = inline is null ? [] : SplitAtBreaks(inline);
                if (lines.Count == 0) cell.Append(new Paragraph(Props(spacingAfter: 0)));
                for (var l = 0; l < lines.Count; l++)
                {
                    var line = kind == LayoutKind.Header && r == 0 && c == 0 ? IssuerLine(lines, l) : LineStyle(kind, r, c, l);
                    var align = kind == LayoutKind.Signature && c == 0 ? JustificationValues.Left : Alignment(table, c);
                    var para = new Paragraph(Props(align: align, rule: line.Rule is { } w ? RuleIndent(widths[c], w) : null, spacingAfter: 0));
                    foreach (var piece in lines[l]) AppendPiece(para, piece, line.Style);
                    cell.Append(para);
                }
                tr.Append(cell);
            }
            t.Append(tr);
        }
        return t;
    }

    private readonly record struct LayoutLine(RunStyle Style, int? Rule);

    /// <summary>
    /// The issuer cell of the header: a first line not in bold is the parent body (cơ quan chủ quản,
    /// plain); the lines in bold are the issuing body, with the short rule under its last line only
    /// (a commune People's Committee from 1 July 2025 has no parent body and two bold lines).
    /// </summary>
    private static LayoutLine IssuerLine(List<List<Inline>> lines, int line)
    {
        var parent = line == 0 && !lines[0].All(p => p is EmphasisInline { DelimiterCount: 2 });
        if (parent) return new(new RunStyle(false, false, 24), null);
        return new(new RunStyle(true, false, 24), line == lines.Count - 1 ? 1200 : null); // rule 1/3–1/2 of the line
    }

    /// <summary>How NĐ 30/2020 (Phụ lục I) sets each line of the header (but its issuer cell, <see cref="IssuerLine"/>) and the signature block.</summary>
    private static LayoutLine LineStyle(LayoutKind kind, int row, int column, int line) => (kind, row, column, line) switch
    {
        (LayoutKind.Header, 0, 1, 0) => new(new RunStyle(true, false, 24), null),       // Quốc hiệu
        (LayoutKind.Header, 0, 1, _) => new(new RunStyle(true, false, 26), 3450),       // tiêu ngữ, rule as long as the line
        (LayoutKind.Header, _, 0, _) => new(new RunStyle(false, false, 26), null),      // số, ký hiệu
        (LayoutKind.Header, _, _, _) => new(new RunStyle(false, true, 26), null),       // địa danh, ngày tháng
        (LayoutKind.Signature, 0, 0, _) => new(new RunStyle(true, true, 24), null),     // "Nơi nhận:"
        (LayoutKind.Signature, _, 0, _) => new(new RunStyle(false, false, 22), null),   // its list
        (LayoutKind.Signature, _, _, _) => new(new RunStyle(true, false, 26), null),    // quyền hạn, chức vụ, họ tên
        _ => new(new RunStyle(false, false, BodySize), null),
    };

    /// <summary>The inlines of a cell, one list per line (split at <c>&lt;br&gt;</c>).</summary>
    private static List<List<Inline>> SplitAtBreaks(ContainerInline inline)
    {
        var lines = new List<List<Inline>> { new() };
        foreach (var piece in inline)
        {
            if (piece is HtmlInline html && html.Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase)) lines.Add([]);
            else lines[^1].Add(piece);
        }
        return lines;
    }

    private static void AppendPiece(Paragraph para, Inline piece, RunStyle style)
    {
        switch (piece)
        {
            case LiteralInline lit:
                para.Append(Run(lit.Content.ToString(), style));
                break;
            case ContainerInline container:
                AppendInlines(para, container, style, fixedStyle: true);
                break;
        }
    }

    private static WTable NewTable(int[] widths, bool borders)
    {
        BorderType Border<TBorder>() where TBorder : BorderType, new() =>
            borders ? new TBorder { Val = BorderValues.Single, Size = 4U } : new TBorder { Val = BorderValues.None };
        var t = new WTable(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(Border<TopBorder>(), Border<LeftBorder>(), Border<BottomBorder>(), Border<RightBorder>(),
                Border<InsideHorizontalBorder>(), Border<InsideVerticalBorder>()),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        t.Append(new TableGrid(widths.Select(w => new GridColumn { Width = Twips(w) })));
        return t;
    }

    private static TableCell NewCell(int width) =>
        new(new TableCellProperties(new TableCellWidth { Width = Twips(width), Type = TableWidthUnitValues.Dxa }));

    /// <summary>The page number, centred at the top, 13 pt; the section's title page has none.</summary>
    private static Header PageNumberHeader()
    {
        var style = new RunStyle(false, false, BodySize);
        Run Field(OpenXmlElement content)
        {
            var run = Run("", style);
            run.RemoveAllChildren<Text>();
            run.Append(content);
            return run;
        }
        return new Header(new Paragraph(
            Props(align: JustificationValues.Center, spacingAfter: 0),
            Field(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            Field(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            Field(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            Run("2", style),
            Field(new FieldChar { FieldCharType = FieldCharValues.End })));
    }

    /// <summary>
    /// The Markdown footnotes (notes on thresholds no source confirms) as Word footnotes, 10 pt, after
    /// the separators Word expects (ids -1 and 0).
    /// </summary>
    private static Footnotes? FootnotesOf(MarkdownDocument document)
    {
        var notes = document.Descendants<MdFootnote>().OrderBy(f => f.Order).ToArray();
        if (notes.Length == 0) return null;
        var footnotes = new Footnotes(
            new WFootnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
            new WFootnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
        var style = new RunStyle(false, false, 20);
        foreach (var note in notes)
        {
            var p = new Paragraph(Props(spacingAfter: 0),
                new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReferenceMark()),
                Run(" ", style));
            foreach (var inline in note.OfType<ParagraphBlock>().Select(b => b.Inline).OfType<ContainerInline>())
                AppendInlines(p, inline, style);
            footnotes.Append(new WFootnote(p) { Id = note.Order });
        }
        return footnotes;
    }

    private static Styles DocumentStyles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = Twips(BodySize) }, new FontSizeComplexScript { Val = Twips(BodySize) }, new Languages { Val = "vi-VN" })),
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
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "120", After = "120" }, new OutlineLevel { Val = level - 1 }),
                new StyleRunProperties(new Bold(), new Color { Val = "000000" }, new FontSize { Val = level == 1 ? "28" : Twips(BodySize) }))
            { Type = StyleValues.Paragraph, StyleId = "Heading" + level });
        }
        return s;
    }
}

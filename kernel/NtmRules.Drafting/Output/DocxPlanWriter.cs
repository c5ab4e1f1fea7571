using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig;
using FootnoteLink = Markdig.Extensions.Footnotes.FootnoteLink;
using MdFootnote = Markdig.Extensions.Footnotes.Footnote;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdTable = Markdig.Extensions.Tables.Table;
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
/// <remarks>
/// The body and the footnotes are written as WordprocessingML straight from the Markdown's syntax
/// tree (<see cref="WordXml"/>), with the bytes the Open XML SDK gave for the same elements; only the
/// styles, the same for every plan, are still built with the SDK, once per process.
/// </remarks>
public static class DocxPlanWriter
{
    /// <summary>Body text size, in half-points (13 pt).</summary>
    public const int BodySize = 26;

    private const string Font = "Times New Roman";
    private const int TextWidth = 9071; // A4 width minus the 30 + 20 mm margins, in twips
    private const int FirstLineIndent = 567; // 1 cm
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseFootnotes().Build();

    private static ReadOnlySpan<byte> Declaration => "<?xml version=\"1.0\" encoding=\"utf-8\"?>"u8;
    private static ReadOnlySpan<byte> MainNamespace => " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"u8;

    /// <summary>The section: A4, the margins, the page-number header from page 2 (the first page carries no number).</summary>
    private static ReadOnlySpan<byte> SectionAndEnd =>
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdPageNumbers\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" /><w:pgSz w:w=\"11906\" w:h=\"16838\" /><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\" /><w:titlePg /></w:sectPr></w:body></w:document>"u8;

    /// <summary>
    /// Writes the document to <paramref name="output"/>. The package is written directly as a zip of its
    /// parts (see <see cref="DeterministicPackage"/>): the styles and the page-number header are the same
    /// for every plan and serialised once; only the body and the footnotes are written per plan.
    /// </summary>
    public static void Write(string markdown, Stream output)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var body = WordXml.ForThread().Raw(Declaration).Raw("<w:document"u8).Raw(MainNamespace).Raw("<w:body>"u8);
        AppendBlocks(body, document);
        body.Raw(SectionAndEnd);
        var footnotes = FootnotesOf(document);
        DeterministicPackage.Write(output, body.Written, StaticParts.Value.Styles, StaticParts.Value.Header, footnotes?.Written);
    }

    /// <summary>The parts every plan shares, serialised once per process.</summary>
    private static readonly Lazy<(byte[] Styles, byte[] Header)> StaticParts = new(() => (Xml(DocumentStyles()), PageNumberHeader()));

    /// <summary>A part's XML as the Open XML SDK saves it into a package (UTF-8 without a byte order mark, with the declaration).</summary>
    private static byte[] Xml(DocumentFormat.OpenXml.OpenXmlPartRootElement root)
    {
        using var stream = new MemoryStream();
        root.Save(stream);
        return stream.ToArray();
    }

    private static void AppendBlocks(WordXml body, MarkdownDocument document)
    {
        LayoutKind? layoutNext = null;
        for (var index = 0; index < document.Count; index++)
        {
            switch (document[index])
            {
                case HtmlBlock html:
                    layoutNext = LayoutOf(html.Lines.ToString());
                    break;
                case HeadingBlock h:
                    Heading(body, h);
                    break;
                case MdTable t:
                    if (layoutNext is { } kind) LayoutTable(body, t, kind);
                    else Table(body, t);
                    EmptyParagraph(body);
                    layoutNext = null;
                    break;
                case ListBlock list:
                    var n = 0;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        n++;
                        foreach (var p in item.OfType<ParagraphBlock>())
                            BodyParagraph(body, p.Inline, list.IsOrdered ? n.ToString(CultureInfo.InvariantCulture) + ". " : "- ");
                    }
                    break;
                case ParagraphBlock p when index > 0 && document[index - 1] is HeadingBlock { Level: 1 }:
                    // The trích yếu right under the title "KẾ HOẠCH".
                    Centred(body, p.Inline, 28, bold: true, rule: true);
                    break;
                case ParagraphBlock p when index > 1 && document[index - 2] is HeadingBlock { Level: 1 }:
                    // The italic note right under the trích yếu (what the draft is).
                    Centred(body, p.Inline, BodySize, bold: false, rule: false);
                    break;
                case ParagraphBlock p:
                    BodyParagraph(body, p.Inline, null);
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

    private static void Heading(WordXml x, HeadingBlock h)
    {
        var level = Math.Min(h.Level, 5);
        x.Raw("<w:p>"u8);
        Props(x, style: level, align: level == 1 ? Align.Center : Align.Both, firstLine: level == 1 ? 0 : FirstLineIndent);
        if (h.Inline is not null) AppendInlines(x, h.Inline, new RunStyle(true, false, level == 1 ? 28 : BodySize));
        x.Raw("</w:p>"u8);
    }

    private static void BodyParagraph(WordXml x, ContainerInline? inline, string? prefix)
    {
        x.Raw("<w:p>"u8);
        Props(x, firstLine: FirstLineIndent);
        var style = new RunStyle(false, false, BodySize);
        if (prefix is not null) Run(x, prefix, style);
        if (inline is not null) AppendInlines(x, inline, style);
        x.Raw("</w:p>"u8);
    }

    private static void Centred(WordXml x, ContainerInline? inline, int size, bool bold, bool rule)
    {
        x.Raw("<w:p>"u8);
        Props(x, align: Align.Center, rule: rule ? RuleIndent(TextWidth, 3400) : null, spacingAfter: rule ? 240 : 120);
        if (inline is not null) AppendInlines(x, inline, new RunStyle(bold, false, size));
        x.Raw("</w:p>"u8);
    }

    /// <summary>A paragraph with no text, 0 pt after it (after a table, in an empty cell).</summary>
    private static void EmptyParagraph(WordXml x)
    {
        x.Raw("<w:p>"u8);
        Props(x, spacingAfter: 0);
        x.Raw("</w:p>"u8);
    }

    /// <summary>
    /// Paragraph properties in the order the schema requires (pStyle, pBdr, spacing, ind, jc).
    /// <paramref name="style"/> is a heading level (Heading1 … Heading5), 0 for none.
    /// <paramref name="rule"/> draws the short rule NĐ 30 puts under a line: a bottom border,
    /// shortened to the line's text by indenting both sides.
    /// </summary>
    private static void Props(WordXml x, int style = 0, Align? align = null, int firstLine = 0, int? rule = null, int spacingAfter = 120)
    {
        x.Raw("<w:pPr>"u8);
        if (style > 0) x.Raw("<w:pStyle w:val=\"Heading"u8).Number(style).Raw("\" />"u8);
        if (rule is not null) x.Raw("<w:pBdr><w:bottom w:val=\"single\" w:color=\"000000\" w:sz=\"6\" w:space=\"1\" /></w:pBdr>"u8);
        x.Raw("<w:spacing w:before=\"0\" w:after=\""u8).Number(spacingAfter).Raw("\" w:line=\"288\" w:lineRule=\"auto\" />"u8);
        if (rule is { } side) x.Raw("<w:ind w:left=\""u8).Number(side).Raw("\" w:right=\""u8).Number(side).Raw("\" />"u8);
        else if (firstLine > 0) x.Raw("<w:ind w:firstLine=\""u8).Number(firstLine).Raw("\" />"u8);
        var jc = align ?? Align.Both;
        x.Raw(jc == Align.Center ? "<w:jc w:val=\"center\" /></w:pPr>"u8
            : jc == Align.Left ? "<w:jc w:val=\"left\" /></w:pPr>"u8
            : jc == Align.Right ? "<w:jc w:val=\"right\" /></w:pPr>"u8
            : "<w:jc w:val=\"both\" /></w:pPr>"u8);
    }

    /// <summary>A paragraph's alignment (w:jc).</summary>
    private enum Align { Both, Center, Left, Right }

    /// <summary>The indent on each side that leaves a rule <paramref name="ruleWidth"/> twips long in a column <paramref name="columnWidth"/> wide.</summary>
    private static int RuleIndent(int columnWidth, int ruleWidth) => Math.Max(0, (columnWidth - ruleWidth) / 2);

    private readonly record struct RunStyle(bool Bold, bool Italic, int HalfPoints);

    private static void AppendInlines(WordXml x, ContainerInline container, RunStyle style, bool fixedStyle = false)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline lit:
                    Run(x, lit.Content.ToString(), style);
                    break;
                case EmphasisInline em:
                    var nested = fixedStyle ? style : style with
                    {
                        Bold = style.Bold || em.DelimiterCount >= 2,
                        Italic = style.Italic || em.DelimiterCount is 1 or 3,
                    };
                    AppendInlines(x, em, nested, fixedStyle);
                    break;
                case FootnoteLink { IsBackLink: false } link:
                    x.Raw("<w:r><w:rPr><w:vertAlign w:val=\"superscript\" /></w:rPr><w:footnoteReference w:id=\""u8).Number(link.Footnote.Order).Raw("\" /></w:r>"u8);
                    break;
                case LineBreakInline lb:
                    if (lb.IsHard) Break(x);
                    else Run(x, " ", style);
                    break;
                case HtmlInline html when html.Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase):
                    Break(x);
                    break;
                case CodeInline code:
                    Run(x, code.Content, style);
                    break;
                case ContainerInline container2:
                    AppendInlines(x, container2, style, fixedStyle);
                    break;
            }
        }
    }

    private static void Break(WordXml x) => x.Raw("<w:r><w:br /></w:r>"u8);

    private static void Run(WordXml x, string text, RunStyle style)
    {
        RunStart(x, style);
        x.Raw("<w:t xml:space=\"preserve\">"u8).Text(text).Raw("</w:t></w:r>"u8);
    }

    /// <summary>A run's start and its properties: the font, bold, italic, the size.</summary>
    private static void RunStart(WordXml x, RunStyle style)
    {
        x.Raw("<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\" />"u8);
        if (style.Bold) x.Raw("<w:b />"u8);
        if (style.Italic) x.Raw("<w:i />"u8);
        x.Raw("<w:sz w:val=\""u8).Number(style.HalfPoints).Raw("\" /><w:szCs w:val=\""u8).Number(style.HalfPoints).Raw("\" /></w:rPr>"u8);
    }

    private static void Table(WordXml x, MdTable table)
    {
        var rows = table.OfType<MdRow>().ToArray();
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Repeat(TextWidth / Math.Max(1, columns), columns).ToArray();
        TableStart(x, widths, borders: true);
        foreach (var row in rows)
        {
            x.Raw("<w:tr>"u8);
            for (var c = 0; c < columns; c++)
            {
                CellStart(x, widths[c]);
                var paragraphs = c < row.Count ? ((MdCell)row[c]).OfType<ParagraphBlock>().ToArray() : [];
                if (paragraphs.Length == 0) EmptyParagraph(x);
                foreach (var p in paragraphs)
                {
                    x.Raw("<w:p>"u8);
                    Props(x, align: Alignment(table, c), spacingAfter: 0);
                    if (p.Inline is not null) AppendInlines(x, p.Inline, new RunStyle(row.IsHeader, false, 24));
                    x.Raw("</w:p>"u8);
                }
                x.Raw("</w:tc>"u8);
            }
            x.Raw("</w:tr>"u8);
        }
        x.Raw("</w:tbl>"u8);
    }

    private static Align Alignment(MdTable table, int column)
    {
        var align = column < table.ColumnDefinitions.Count ? table.ColumnDefinitions[column].Alignment : null;
        return align == TableColumnAlign.Center ? Align.Center
            : align == TableColumnAlign.Right ? Align.Right : Align.Left;
    }

    /// <summary>
    /// The header or signature block: a borderless table whose cells are split at their line
    /// breaks, each line set as NĐ 30 sets that element (<see cref="LineStyle"/>).
    /// </summary>
    private static void LayoutTable(WordXml x, MdTable table, LayoutKind kind)
    {
        var rows = table.OfType<MdRow>().ToArray();
        var columns = rows.Max(r => r.Count);
        int[] widths = columns == 2 ? [TextWidth * 2 / 5, TextWidth * 3 / 5] : Enumerable.Repeat(TextWidth / Math.Max(1, columns), columns).ToArray();
        TableStart(x, widths, borders: false);
        for (var r = 0; r < rows.Length; r++)
        {
            x.Raw("<w:tr>"u8);
            for (var c = 0; c < columns; c++)
            {
                CellStart(x, widths[c]);
                var inline = c < rows[r].Count ? ((MdCell)rows[r][c]).OfType<ParagraphBlock>().FirstOrDefault()?.Inline : null;
                var lines = inline is null ? [] : SplitAtBreaks(inline);
                if (lines.Count == 0) EmptyParagraph(x);
                for (var l = 0; l < lines.Count; l++)
                {
                    var line = kind == LayoutKind.Header && r == 0 && c == 0 ? IssuerLine(lines, l) : LineStyle(kind, r, c, l);
                    var align = kind == LayoutKind.Signature && c == 0 ? Align.Left : Alignment(table, c);
                    x.Raw("<w:p>"u8);
                    Props(x, align: align, rule: line.Rule is { } w ? RuleIndent(widths[c], w) : null, spacingAfter: 0);
                    foreach (var piece in lines[l]) AppendPiece(x, piece, line.Style);
                    x.Raw("</w:p>"u8);
                }
                x.Raw("</w:tc>"u8);
            }
            x.Raw("</w:tr>"u8);
        }
        x.Raw("</w:tbl>"u8);
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

    private static void AppendPiece(WordXml x, Inline piece, RunStyle style)
    {
        switch (piece)
        {
            case LiteralInline lit:
                Run(x, lit.Content.ToString(), style);
                break;
            case ContainerInline container:
                AppendInlines(x, container, style, fixedStyle: true);
                break;
        }
    }

    /// <summary>A table's properties (full width, fixed layout, single or no borders) and its grid.</summary>
    private static void TableStart(WordXml x, int[] widths, bool borders)
    {
        x.Raw("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\" /><w:tblBorders>"u8);
        x.Raw(borders
            ? "<w:top w:val=\"single\" w:sz=\"4\" /><w:left w:val=\"single\" w:sz=\"4\" /><w:bottom w:val=\"single\" w:sz=\"4\" /><w:right w:val=\"single\" w:sz=\"4\" /><w:insideH w:val=\"single\" w:sz=\"4\" /><w:insideV w:val=\"single\" w:sz=\"4\" />"u8
            : "<w:top w:val=\"none\" /><w:left w:val=\"none\" /><w:bottom w:val=\"none\" /><w:right w:val=\"none\" /><w:insideH w:val=\"none\" /><w:insideV w:val=\"none\" />"u8);
        x.Raw("</w:tblBorders><w:tblLayout w:type=\"fixed\" /></w:tblPr><w:tblGrid>"u8);
        foreach (var w in widths) x.Raw("<w:gridCol w:w=\""u8).Number(w).Raw("\" />"u8);
        x.Raw("</w:tblGrid>"u8);
    }

    private static void CellStart(WordXml x, int width) =>
        x.Raw("<w:tc><w:tcPr><w:tcW w:w=\""u8).Number(width).Raw("\" w:type=\"dxa\" /></w:tcPr>"u8);

    /// <summary>The page number, centred at the top, 13 pt; the section's title page has none.</summary>
    private static byte[] PageNumberHeader()
    {
        var style = new RunStyle(false, false, BodySize);
        var x = new WordXml(2 << 10).Raw(Declaration).Raw("<w:hdr"u8).Raw(MainNamespace).Raw("<w:p>"u8);
        Props(x, align: Align.Center, spacingAfter: 0);
        RunStart(x, style);
        x.Raw("<w:fldChar w:fldCharType=\"begin\" /></w:r>"u8);
        RunStart(x, style);
        x.Raw("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"u8);
        RunStart(x, style);
        x.Raw("<w:fldChar w:fldCharType=\"separate\" /></w:r>"u8);
        Run(x, "2", style);
        RunStart(x, style);
        x.Raw("<w:fldChar w:fldCharType=\"end\" /></w:r></w:p></w:hdr>"u8);
        return x.Written.ToArray();
    }

    /// <summary>
    /// The Markdown footnotes (notes on thresholds no source confirms) as Word footnotes, 10 pt, after
    /// the separators Word expects (ids -1 and 0).
    /// </summary>
    private static WordXml? FootnotesOf(MarkdownDocument document)
    {
        var notes = document.Descendants<MdFootnote>().OrderBy(f => f.Order).ToArray();
        if (notes.Length == 0) return null;
        var x = WordXml.ForThread(second: true).Raw(Declaration).Raw("<w:footnotes"u8).Raw(MainNamespace)
            .Raw("<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator /></w:r></w:p></w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator /></w:r></w:p></w:footnote>"u8);
        var style = new RunStyle(false, false, 20);
        foreach (var note in notes)
        {
            x.Raw("<w:footnote w:id=\""u8).Number(note.Order).Raw("\"><w:p>"u8);
            Props(x, spacingAfter: 0);
            x.Raw("<w:r><w:rPr><w:vertAlign w:val=\"superscript\" /></w:rPr><w:footnoteRef /></w:r>"u8);
            Run(x, " ", style);
            foreach (var inline in note.OfType<ParagraphBlock>().Select(b => b.Inline).OfType<ContainerInline>())
                AppendInlines(x, inline, style);
            x.Raw("</w:p></w:footnote>"u8);
        }
        return x.Raw("</w:footnotes>"u8);
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

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);
}

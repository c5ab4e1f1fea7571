using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using NtmRules.Drafting;
using static NtmRules.Kernel.Tests.Drafting.ShippedPlugins;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// The DOCX draft against Nghị định 30/2020/NĐ-CP, Phụ lục I: opened with the Open XML SDK, its
/// header, sizes, rules, body indent, signature block, "Nơi nhận", page numbers and dates checked.
/// </summary>
public class DocxLayoutTests
{
    private static readonly Lazy<byte[]> CamThanh = new(() =>
        Drafter.Draft(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json"), DraftFormat.Docx).Content);

    private static WordprocessingDocument Open() => WordprocessingDocument.Open(new MemoryStream(CamThanh.Value), false);

    private static Paragraph Line(WordprocessingDocument doc, string text) =>
        doc.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().First(p => p.InnerText == text);

    /// <summary>Size in points of every run of the paragraph (they must agree).</summary>
    private static double Points(Paragraph p) =>
        p.Descendants<Run>().Where(r => r.InnerText.Length > 0).Select(r => int.Parse(r.RunProperties!.FontSize!.Val!.Value!) / 2.0).Distinct().Single();

    private static bool Bold(Paragraph p) => p.Descendants<Run>().Where(r => r.InnerText.Trim().Length > 0).All(r => r.RunProperties?.Bold is not null);

    private static bool Italic(Paragraph p) => p.Descendants<Run>().Where(r => r.InnerText.Trim().Length > 0).All(r => r.RunProperties?.Italic is not null);

    private static bool Ruled(Paragraph p) => p.ParagraphProperties?.ParagraphBorders?.BottomBorder?.Val?.Value == BorderValues.Single;

    [Fact]
    public void Header_block_has_the_sizes_styles_and_rules_of_nd_30()
    {
        using var doc = Open();
        var parent = Line(doc, "UBND HUYỆN CẨM THỦY");
        Points(parent).Should().Be(12); Bold(parent).Should().BeFalse();
        var issuer = Line(doc, "UBND XÃ CẨM THÀNH");
        Points(issuer).Should().Be(12); Bold(issuer).Should().BeTrue(); Ruled(issuer).Should().BeTrue("a rule under the issuing body");
        var quocHieu = Line(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        Points(quocHieu).Should().Be(12); Bold(quocHieu).Should().BeTrue(); Ruled(quocHieu).Should().BeFalse();
        var tieuNgu = Line(doc, "Độc lập - Tự do - Hạnh phúc");
        Points(tieuNgu).Should().Be(13); Bold(tieuNgu).Should().BeTrue(); Ruled(tieuNgu).Should().BeTrue("a rule under the tiêu ngữ");
        Points(Line(doc, "Số:       /KH-UBND")).Should().Be(13);
        var date = Line(doc, "Cẩm Thành, ngày 15 tháng 7 năm 2023");
        Points(date).Should().Be(13); Italic(date).Should().BeTrue();
        var title = Line(doc, "KẾ HOẠCH");
        Points(title).Should().Be(14); Bold(title).Should().BeTrue();
        var subject = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().SkipWhile(p => p.InnerText != "KẾ HOẠCH").Skip(1).First();
        Points(subject).Should().Be(14); Bold(subject).Should().BeTrue(); Ruled(subject).Should().BeTrue("a rule under the trích yếu");
    }

    [Fact]
    public void Body_is_13_pt_justified_with_a_first_line_indent_and_6_pt_between_paragraphs()
    {
        using var doc = Open();
        var body = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().First(p => p.InnerText.StartsWith("Nguyên nhân:", StringComparison.Ordinal));
        Points(body).Should().Be(13);
        body.ParagraphProperties!.Indentation!.FirstLine!.Value.Should().Be("567");
        body.ParagraphProperties.Justification!.Val!.Value.Should().Be(JustificationValues.Both);
        body.ParagraphProperties.SpacingBetweenLines!.After!.Value.Should().Be("120");
        var section = doc.MainDocumentPart.Document.Body!.Elements<SectionProperties>().Single();
        var margins = section.GetFirstChild<PageMargin>()!;
        ((int)margins.Top!.Value).Should().Be(1134); ((uint)margins.Left!.Value).Should().Be(1701U); ((uint)margins.Right!.Value).Should().Be(1134U);
        section.GetFirstChild<PageSize>()!.Width!.Value.Should().Be(11906U);
    }

    [Fact]
    public void Signature_block_and_recipients_are_set_as_nd_30_asks()
    {
        using var doc = Open();
        var noiNhan = Line(doc, "Nơi nhận:");
        Points(noiNhan).Should().Be(12); Bold(noiNhan).Should().BeTrue(); Italic(noiNhan).Should().BeTrue();
        var recipient = Line(doc, "- BCĐ XD NTM huyện;");
        Points(recipient).Should().Be(11); Bold(recipient).Should().BeFalse();
        foreach (var text in new[] { "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Cao Tiến Dũng" })
        {
            var line = Line(doc, text);
            Points(line).Should().Be(13, text); Bold(line).Should().BeTrue(text);
        }
    }

    [Fact]
    public void Pages_are_numbered_at_the_top_from_page_two()
    {
        using var doc = Open();
        var section = doc.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();
        section.GetFirstChild<TitlePage>().Should().NotBeNull("the first page carries no number");
        var reference = section.Elements<HeaderReference>().Single();
        reference.Type!.Value.Should().Be(HeaderFooterValues.Default);
        var header = (HeaderPart)doc.MainDocumentPart.GetPartById(reference.Id!.Value!);
        header.Header!.Descendants<FieldCode>().Single().Text.Trim().Should().Be("PAGE");
        header.Header.Descendants<Paragraph>().Single().ParagraphProperties!.Justification!.Val!.Value.Should().Be(JustificationValues.Center);
    }

    [Fact]
    public void Unconfirmed_thresholds_are_word_footnotes()
    {
        using var doc = Open();
        var references = doc.MainDocumentPart!.Document.Body!.Descendants<FootnoteReference>().ToArray();
        references.Should().NotBeEmpty();
        var notes = doc.MainDocumentPart.FootnotesPart!.Footnotes!.Elements<Footnote>().Where(f => f.Id!.Value > 0).ToArray();
        notes.Select(n => n.Id!.Value).Should().Equal(references.Select(r => r.Id!.Value));
        notes.Should().OnlyContain(n => n.InnerText.Contains("chưa được xác nhận bằng văn bản gốc"));
    }

    [Fact]
    public void Document_is_valid_open_xml()
    {
        using var doc = Open();
        new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").Should().BeEmpty();
    }

    [Fact]
    public void Dates_write_months_below_three_with_a_leading_zero()
    {
        var docx = Drafter.Draft(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json", j => j["plan"]!["date"] = "2023-02-05"), DraftFormat.Docx).Content;
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        doc.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Should().Contain(p => p.InnerText == "Cẩm Thành, ngày 05 tháng 02 năm 2023");
    }

    [Fact]
    public void Html_draft_sets_the_same_layout()
    {
        var html = System.Text.Encoding.UTF8.GetString(Drafter.Draft(Evaluate("vn.qd318.xa-ntm", "cam-thanh-2023.json"), DraftFormat.Html).Content);
        html.Should().Contain("<table class=\"layout layout-header\">").And.Contain("<table class=\"layout layout-signature\">")
            .And.Contain("<div><strong>Độc lập - Tự do - Hạnh phúc</strong></div>").And.Contain("@top-center { content: counter(page)")
            .And.Contain("@page :first").And.Contain("text-indent: 1cm").And.Contain("font-size: 11pt").And.Contain("class=\"footnotes\"");
    }
}

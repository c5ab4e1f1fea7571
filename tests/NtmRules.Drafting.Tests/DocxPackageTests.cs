using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using NtmRules.Drafting.Output;

namespace NtmRules.Kernel.Tests.Drafting;

/// <summary>
/// The Word package of a draft is written directly, not through the Open XML SDK's packaging (issue
/// #19): it must still open and validate as a Word document, and the same Markdown must give the same
/// bytes every time.
/// </summary>
public class DocxPackageTests
{
    private const string WithFootnote = "# KẾ HOẠCH\n\nThực hiện tiêu chí\n\n*Dự thảo*\n\nNgưỡng 6 %[^1].\n\n[^1]: Ngưỡng chưa được xác nhận bằng văn bản gốc.\n";
    private const string WithoutFootnote = "# KẾ HOẠCH\n\nThực hiện tiêu chí\n\n| A | B |\n|---|---|\n| 1 | 2 |\n";

    [Theory]
    [InlineData(WithFootnote)]
    [InlineData(WithoutFootnote)]
    public void The_same_markdown_gives_the_same_bytes_every_time(string markdown)
    {
        var first = Docx(markdown);
        Docx(markdown).Should().Equal(first);
        Docx(markdown + "\nMột đoạn nữa.\n").Should().NotEqual(first, "the bytes follow the content");
    }

    [Theory]
    [InlineData(WithFootnote, true)]
    [InlineData(WithoutFootnote, false)]
    public void The_package_has_its_parts_in_a_fixed_order_stamped_with_a_fixed_time(string markdown, bool footnotes)
    {
        using var zip = new ZipArchive(new MemoryStream(Docx(markdown)));
        string[] parts = ["word/document.xml", "word/styles.xml", "word/header1.xml", .. footnotes ? new[] { "word/footnotes.xml" } : [],
            "_rels/.rels", "word/_rels/document.xml.rels", "[Content_Types].xml"];
        zip.Entries.Select(e => e.FullName).Should().Equal(parts);
        zip.Entries.Should().OnlyContain(e => e.LastWriteTime.DateTime == DeterministicPackage.EntryTime.DateTime);
    }

    [Theory]
    [InlineData(WithFootnote, 1)]
    [InlineData(WithoutFootnote, 0)]
    public void The_package_opens_and_validates_as_a_word_document(string markdown, int notes)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Docx(markdown)), false);
        new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").Should().BeEmpty();
        var main = doc.MainDocumentPart!;
        main.StyleDefinitionsPart!.Styles!.Should().NotBeNull();
        main.HeaderParts.Should().ContainSingle();
        main.GetIdOfPart(main.HeaderParts.Single()).Should().Be(DeterministicPackage.HeaderId);
        (main.FootnotesPart?.Footnotes!.Elements<DocumentFormat.OpenXml.Wordprocessing.Footnote>().Count(f => f.Id!.Value > 0) ?? 0).Should().Be(notes);
    }

    private static byte[] Docx(string markdown)
    {
        using var stream = new MemoryStream();
        DocxPlanWriter.Write(markdown, stream);
        return stream.ToArray();
    }
}

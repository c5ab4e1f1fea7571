using System.IO.Compression;
using System.Text;

namespace NtmRules.Drafting.Output;

/// <summary>
/// Writes the Word package of a plan so that the same document always has the same bytes: the parts
/// in a fixed order, every relationship with a fixed id and every zip entry stamped 1980-01-01, the
/// earliest time a zip entry can hold. The package is written directly rather than through the Open
/// XML SDK's packaging, which names the relationships it creates with random ids and stamps entries
/// with the current time (so its output had to be read back and rewritten), and which cost most of
/// a document's time; the bytes are those the rewritten SDK package had.
/// </summary>
public static class DeterministicPackage
{
    /// <summary>The time every entry is stamped with.</summary>
    public static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Id of the main document's relationship to the page-number header, as the section properties name it.</summary>
    public const string HeaderId = "rIdPageNumbers";

    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    private const string RelationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

    /// <summary>The package's relationship to the main document.</summary>
    private static readonly byte[] PackageRelationships = Part(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + Relationship("officeDocument", "/word/document.xml", "rIdNtm1") + "</Relationships>");

    private static readonly byte[] DocumentRelationships = MainRelationships(footnotes: false);
    private static readonly byte[] DocumentRelationshipsWithFootnotes = MainRelationships(footnotes: true);
    private static readonly byte[] ContentTypes = Types(footnotes: false);
    private static readonly byte[] ContentTypesWithFootnotes = Types(footnotes: true);

    /// <summary>
    /// Writes the package of a document to <paramref name="output"/>: each argument is a part's XML as
    /// the Open XML SDK saves it; <paramref name="footnotes"/> is null for a plan without footnotes.
    /// </summary>
    public static void Write(Stream output, ReadOnlyMemory<byte> document, byte[] styles, byte[] header, ReadOnlyMemory<byte>? footnotes)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Entry(zip, "word/document.xml", document.Span);
        Entry(zip, "word/styles.xml", styles);
        Entry(zip, "word/header1.xml", header);
        if (footnotes is { } notes) Entry(zip, "word/footnotes.xml", notes.Span);
        Entry(zip, "_rels/.rels", PackageRelationships);
        Entry(zip, "word/_rels/document.xml.rels", footnotes is null ? DocumentRelationships : DocumentRelationshipsWithFootnotes);
        Entry(zip, "[Content_Types].xml", footnotes is null ? ContentTypes : ContentTypesWithFootnotes);
    }

    private static void Entry(ZipArchive zip, string name, ReadOnlySpan<byte> content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static byte[] MainRelationships(bool footnotes) => Part(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + Relationship("styles", "/word/styles.xml", "rIdStyles")
        + Relationship("header", "/word/header1.xml", HeaderId)
        + (footnotes ? Relationship("footnotes", "/word/footnotes.xml", "rIdFootnotes") : "")
        + "</Relationships>");

    private static string Relationship(string type, string target, string id) =>
        $"<Relationship Type=\"{RelationshipType}{type}\" Target=\"{target}\" Id=\"{id}\" />";

    private static byte[] Types(bool footnotes) => Part(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + $"<Default Extension=\"xml\" ContentType=\"{WordType}document.main+xml\" />"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />"
        + Override("styles", "styles") + Override("header1", "header") + (footnotes ? Override("footnotes", "footnotes") : "")
        + "</Types>");

    private static string Override(string part, string type) => $"<Override PartName=\"/word/{part}.xml\" ContentType=\"{WordType}{type}+xml\" />";

    /// <summary>A package part as System.IO.Packaging writes it: UTF-8 with a byte order mark.</summary>
    private static byte[] Part(string xml) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Declaration + xml)];
}

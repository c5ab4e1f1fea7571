using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;

namespace NtmRules.Drafting.Output;

/// <summary>
/// A WordprocessingML part written straight as UTF-8, byte for byte as the Open XML SDK saves the
/// same elements (no indentation, <c>&lt;w:b /&gt;</c> for an empty element, the attributes in the
/// schema's order): building the SDK's element tree and serialising it was most of a Word document's
/// cost. Text is escaped as <see cref="XmlWriter"/> escapes it; text holding a character that writer
/// treats specially (a control character, a line break, a surrogate) is handed to an
/// <see cref="XmlWriter"/> with the SDK's settings, so that such text comes out, or is refused, exactly
/// as before. One buffer per thread is reused: a plan's body is a few hundred kilobytes.
/// </summary>
internal sealed class WordXml
{
    private const int KeptCapacity = 4 << 20; // a buffer grown past this by a huge plan is not kept

    /// <summary>What the plain path leaves to the <see cref="XmlWriter"/>: C0 controls but tab, C1 controls, surrogates, line and paragraph separators, U+FFFE and U+FFFF.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(SpecialChars());

    private static readonly XmlWriterSettings FragmentSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        ConformanceLevel = ConformanceLevel.Fragment,
        CloseOutput = false,
    };

    [ThreadStatic] private static WordXml? t_main;
    [ThreadStatic] private static WordXml? t_second;

    private byte[] _buffer;
    private int _length;

    /// <summary>A writer of its own (for a part written once).</summary>
    public WordXml(int capacity) => _buffer = new byte[capacity];

    /// <summary>The calling thread's writer for a part (<paramref name="second"/>: for a second part written at the same time), emptied.</summary>
    public static WordXml ForThread(bool second = false)
    {
        ref var slot = ref second ? ref t_second : ref t_main;
        if (slot is null || slot._buffer.Length > KeptCapacity) slot = new WordXml(second ? 16 << 10 : 512 << 10);
        slot._length = 0;
        return slot;
    }

    /// <summary>The bytes written so far (valid until the writer is used again).</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>Markup as it is.</summary>
    public WordXml Raw(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Room(utf8.Length));
        _length += utf8.Length;
        return this;
    }

    /// <summary>A number in the invariant culture, as an attribute's value.</summary>
    public WordXml Number(int value)
    {
        value.TryFormat(Room(11), out var written, provider: CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>Character data: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped, everything else as UTF-8.</summary>
    public WordXml Text(string text)
    {
        var rest = text.AsSpan();
        if (rest.ContainsAny(Special)) return ThroughXmlWriter(text);
        while (true)
        {
            var at = rest.IndexOfAny('<', '>', '&');
            var plain = at < 0 ? rest : rest[..at];
            var room = Room(Encoding.UTF8.GetMaxByteCount(plain.Length));
            _length += Encoding.UTF8.GetBytes(plain, room);
            if (at < 0) return this;
            Raw(rest[at] switch { '<' => "&lt;"u8, '>' => "&gt;"u8, _ => "&amp;"u8 });
            rest = rest[(at + 1)..];
        }
    }

    private WordXml ThroughXmlWriter(string text)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, FragmentSettings)) writer.WriteString(text);
        return Raw(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    private Span<byte> Room(int bytes)
    {
        if (_buffer.Length - _length < bytes) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        return _buffer.AsSpan(_length);
    }

    private static char[] SpecialChars()
    {
        var chars = new List<char>();
        for (var c = '\0'; c < ' '; c++) if (c != '\t') chars.Add(c);
        for (var c = '\u007f'; c <= '\u009f'; c++) chars.Add(c);
        for (var c = '\ud800'; c <= '\udfff'; c++) chars.Add(c);
        chars.AddRange(['\u2028', '\u2029', '\ufffe', '\uffff']);
        return [.. chars];
    }
}

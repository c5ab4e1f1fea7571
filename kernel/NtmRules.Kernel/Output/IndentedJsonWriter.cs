using System.Buffers;
using System.Globalization;
using System.Text;

namespace NtmRules.Kernel.Output;

/// <summary>
/// Writes JSON as UTF-8, indented by two spaces, with exactly the bytes Newtonsoft's indented
/// <c>JsonTextWriter</c> gave the kernel's documents before (issue #19): <c>"name": value</c>, empty
/// containers as <c>[]</c> and <c>{}</c>, non-ASCII text left as it is, and only <c>"</c>, <c>\</c>,
/// control characters and U+0085, U+2028, U+2029 escaped, the way Newtonsoft escapes them. Newtonsoft's
/// writer, its state machine and the UTF-16 to UTF-8 encoding after it were a quarter of the web
/// server's CPU per evaluation. The caller writes a well-formed document; nothing is checked.
/// </summary>
internal sealed class IndentedJsonWriter : IDisposable
{
    /// <summary>Bytes gathered before they are handed to the output.</summary>
    private const int ChunkSize = 16 * 1024;

    /// <summary>The most bytes one UTF-16 char becomes, escaped (<c>\u001f</c>) or encoded.</summary>
    private const int MaxBytesPerChar = 6;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>What Newtonsoft escaped in a string: control characters, <c>"</c>, <c>\</c>, U+0085, U+2028 and U+2029.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\\u0085\u2028\u2029");

    private readonly IBufferWriter<byte> _output;
    private readonly byte[] _newLine;
    private byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _length;

    /// <summary>Whether the container open at each depth has an item yet; depth 0 is the document.</summary>
    private bool[] _hasItems = new bool[16];
    private int _depth;

    /// <summary>A property name was written and its value comes next.</summary>
    private bool _afterName;

    /// <param name="output">Where the bytes go, a chunk at a time, and the rest on <see cref="Flush"/>.</param>
    /// <param name="newLine">What starts each indented line (Newtonsoft used its text writer's <c>NewLine</c>).</param>
    public IndentedJsonWriter(IBufferWriter<byte> output, string newLine)
    {
        _output = output;
        _newLine = Utf8.GetBytes(newLine);
    }

    /// <summary>Opens an object.</summary>
    public void WriteStartObject() => Open((byte)'{');

    /// <summary>Closes the open object.</summary>
    public void WriteEndObject() => Close((byte)'}');

    /// <summary>Opens an array.</summary>
    public void WriteStartArray() => Open((byte)'[');

    /// <summary>Closes the open array.</summary>
    public void WriteEndArray() => Close((byte)']');

    /// <summary>A property's name; its value is written next.</summary>
    public void WritePropertyName(string name)
    {
        NextItem();
        WriteString(name);
        WriteByte((byte)':');
        _afterName = true;
    }

    /// <summary>A string, or <c>null</c>.</summary>
    public void WriteValue(string? value)
    {
        BeforeValue();
        if (value is null) WriteBytes("null"u8);
        else WriteString(value);
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public void WriteValue(bool value)
    {
        BeforeValue();
        WriteBytes(value ? "true"u8 : "false"u8);
    }

    /// <summary><c>true</c>, <c>false</c> or <c>null</c>.</summary>
    public void WriteValue(bool? value)
    {
        if (value is { } v) WriteValue(v);
        else WriteNull();
    }

    /// <summary>An integer in invariant digits.</summary>
    public void WriteValue(int value)
    {
        BeforeValue();
        Reserve(11);
        value.TryFormat(_chunk.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>An integer, or <c>null</c>.</summary>
    public void WriteValue(int? value)
    {
        if (value is { } v) WriteValue(v);
        else WriteNull();
    }

    /// <summary>A finite number in its round-trip form (<c>"R"</c>: <c>5</c>, <c>0.1</c>, <c>1E-07</c>).</summary>
    public void WriteNumber(double value)
    {
        BeforeValue();
        Reserve(32);
        value.TryFormat(_chunk.AsSpan(_length), out var written, "R", CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary><c>null</c>.</summary>
    public void WriteNull()
    {
        BeforeValue();
        WriteBytes("null"u8);
    }

    /// <summary>Ends the document with a line feed (whatever the new line) and hands the rest to the output.</summary>
    public void EndDocument()
    {
        WriteByte((byte)'\n');
        Flush();
    }

    /// <summary>Hands every byte written so far to the output.</summary>
    public void Flush()
    {
        if (_length == 0) return;
        _output.Write(_chunk.AsSpan(0, _length));
        _length = 0;
    }

    /// <summary>Gives the chunk back to the pool; call <see cref="Flush"/> first.</summary>
    public void Dispose()
    {
        if (_chunk.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_chunk);
        _chunk = [];
    }

    private void Open(byte bracket)
    {
        BeforeValue();
        WriteByte(bracket);
        if (++_depth == _hasItems.Length) Array.Resize(ref _hasItems, 2 * _hasItems.Length);
        _hasItems[_depth] = false;
    }

    /// <summary>An empty container closes on its own line's end; a filled one on a new line at its parent's indentation.</summary>
    private void Close(byte bracket)
    {
        var filled = _hasItems[_depth];
        _depth--;
        if (filled) NewLine();
        WriteByte(bracket);
    }

    /// <summary>A value after a property name follows a space; in an array it is the next item.</summary>
    private void BeforeValue()
    {
        if (_afterName)
        {
            WriteByte((byte)' ');
            _afterName = false;
        }
        else if (_depth > 0) NextItem();
    }

    /// <summary>A comma after the previous item, then a new line at the container's indentation.</summary>
    private void NextItem()
    {
        if (_hasItems[_depth]) WriteByte((byte)',');
        else _hasItems[_depth] = true;
        NewLine();
    }

    private void NewLine()
    {
        var indent = 2 * _depth;
        Reserve(_newLine.Length + indent);
        _newLine.CopyTo(_chunk, _length);
        _length += _newLine.Length;
        _chunk.AsSpan(_length, indent).Fill((byte)' ');
        _length += indent;
    }

    /// <summary>A quoted string: ASCII copied, escapes as Newtonsoft wrote them, any other text encoded as UTF-8.</summary>
    private void WriteString(string value)
    {
        WriteByte((byte)'"');
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var plain = PlainLength(rest);
            if (plain > 0)
            {
                WriteText(rest[..plain]);
                rest = rest[plain..];
                continue;
            }
            WriteEscape(rest[0]);
            rest = rest[1..];
        }
        WriteByte((byte)'"');
    }

    /// <summary>How many chars from the start need no escape (a vectorised search: most text needs none).</summary>
    private static int PlainLength(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAny(Escaped);
        return i < 0 ? text.Length : i;
    }

    /// <summary>
    /// Text needing no escape, in pieces that fit a chunk. A lone surrogate becomes U+FFFD, as the
    /// UTF-8 encoder after Newtonsoft's writer made it; a piece never splits a surrogate pair.
    /// </summary>
    private void WriteText(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var take = Math.Min(text.Length, ChunkSize / MaxBytesPerChar);
            if (take < text.Length && char.IsHighSurrogate(text[take - 1])) take--;
            Reserve(take * 3);
            _length += Utf8.GetBytes(text[..take], _chunk.AsSpan(_length));
            text = text[take..];
        }
    }

    private void WriteEscape(char c)
    {
        ReadOnlySpan<byte> escape = c switch
        {
            '\t' => @"\t"u8,
            '\n' => @"\n"u8,
            '\r' => @"\r"u8,
            '\f' => @"\f"u8,
            '\b' => @"\b"u8,
            '\\' => @"\\"u8,
            '"' => @"\"""u8,
            _ => default,
        };
        if (!escape.IsEmpty)
        {
            WriteBytes(escape);
            return;
        }
        // Newtonsoft's \uXXXX, in lower-case hex.
        Reserve(MaxBytesPerChar);
        var span = _chunk.AsSpan(_length, MaxBytesPerChar);
        span[0] = (byte)'\\';
        span[1] = (byte)'u';
        for (var i = 0; i < 4; i++) span[2 + i] = (byte)"0123456789abcdef"[(c >> (12 - 4 * i)) & 0xF];
        _length += MaxBytesPerChar;
    }

    private void WriteByte(byte b)
    {
        Reserve(1);
        _chunk[_length++] = b;
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_chunk.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Room for <paramref name="bytes"/> (at most a chunk) in the chunk, handing the chunk on when full.</summary>
    private void Reserve(int bytes)
    {
        if (_chunk.Length - _length >= bytes) return;
        Flush();
    }
}

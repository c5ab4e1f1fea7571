using System.Buffers;
using System.Text;

namespace NtmRules.Kernel.Output;

/// <summary>
/// UTF-8 bytes handed on as text to a <see cref="TextWriter"/>: the documents are written as UTF-8
/// (what the web sends and the files hold) and decoded here for the writers that take text (the CLI's
/// standard output, tests). A character split between two chunks is kept until its last byte comes.
/// </summary>
internal sealed class TextOutput(TextWriter output) : IBufferWriter<byte>
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private byte[] _bytes = [];
    private char[] _chars = [];

    /// <inheritdoc />
    public void Advance(int count)
    {
        var needed = _decoder.GetCharCount(_bytes, 0, count, flush: false);
        if (_chars.Length < needed) _chars = new char[needed];
        var written = _decoder.GetChars(_bytes, 0, count, _chars, 0, flush: false);
        output.Write(_chars, 0, written);
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (_bytes.Length < Math.Max(sizeHint, 1)) _bytes = new byte[Math.Max(sizeHint, 4096)];
        return _bytes;
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}

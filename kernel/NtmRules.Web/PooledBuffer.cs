using System.Buffers;

namespace NtmRules.Web;

/// <summary>
/// A write-only stream into arrays rented from <see cref="ArrayPool{T}.Shared"/> and given back on dispose:
/// an answer document of 100+ KB is built in it without a new large-object-heap array per request (issue #19).
/// </summary>
internal sealed class PooledBuffer(int capacity) : Stream
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int _length;

    /// <summary>The bytes written so far; valid until the next write or dispose.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_buffer.Length - _length < buffer.Length) Grow(_length + buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 2 * _buffer.Length));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => _length;

    /// <inheritdoc />
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Flush()
    {
        // Nothing is held back: every write is in the array already.
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
}

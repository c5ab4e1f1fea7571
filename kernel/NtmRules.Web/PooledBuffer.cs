using System.Buffers;

namespace NtmRules.Web;

/// <summary>
/// A buffer writer into arrays rented from <see cref="ArrayPool{T}.Shared"/> and given back on dispose:
/// an answer document of 100+ KB is built in it without a new large-object-heap array per request (issue #19).
/// </summary>
internal sealed class PooledBuffer(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    private int _length;

    /// <summary>The bytes written so far; valid until the next write or dispose.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <inheritdoc />
    public void Advance(int count) => _length += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (_buffer.Length - _length < Math.Max(sizeHint, 1)) Grow(_length + Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 2 * _buffer.Length));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    /// <summary>Gives the array back to the pool.</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }
}

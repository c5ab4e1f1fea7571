using System.Security.Cryptography;

namespace NtmRules.Web;

/// <summary>
/// The last N items by an opaque random id (128 bits, hex): ids cannot be guessed or walked, and
/// they are only ever dictionary keys, never paths. The oldest item is dropped first and
/// <paramref name="onEvict"/> runs for it (to delete the files it owns).
/// </summary>
/// <param name="capacity">Items kept.</param>
/// <param name="onEvict">Called for each dropped item.</param>
public sealed class BoundedCache<T>(int capacity, Action<T>? onEvict = null) where T : class
{
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>A new opaque id.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Adds <paramref name="item"/> under <paramref name="id"/>, dropping the oldest beyond capacity.</summary>
    public void Add(string id, T item)
    {
        var dropped = new List<T>();
        lock (_lock)
        {
            _items[id] = item;
            _order.Enqueue(id);
            while (_order.Count > capacity)
            {
                var old = _order.Dequeue();
                if (_items.Remove(old, out var d)) dropped.Add(d);
            }
        }
        foreach (var d in dropped) onEvict?.Invoke(d);
    }

    /// <summary>The item with <paramref name="id"/>, if still kept.</summary>
    public T? Get(string id)
    {
        lock (_lock) return _items.GetValueOrDefault(id);
    }

    /// <summary>How many items are kept.</summary>
    public int Count
    {
        get { lock (_lock) return _items.Count; }
    }
}

using System.Collections.Concurrent;

namespace Layers.Common;

/// <summary>
/// A concurrent dictionary that never holds more than about <c>capacity</c> entries: once it does, it starts afresh
/// (for caches whose keys come from requests). It counts its entries itself: the dictionary's own count takes every
/// one of its locks (up to a thousand once it is large), and checking it on every add made the adds queue on them.
/// </summary>
public sealed class BoundedDictionary<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);

    /// <summary>About how many entries there are (adds racing a clear may be missed; the bound holds all the same).</summary>
    private int _count;

    /// <summary>How many entries there are now (takes every lock: for tests and diagnostics only).</summary>
    public int Count => _entries.Count;

    public bool TryGetValue(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    public void Set(TKey key, TValue value)
    {
        MakeRoom();
        if (_entries.TryAdd(key, value))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[key] = value;
        }
    }

    /// <summary>
    /// Adds the key's value, or replaces the value it has with <paramref name="update"/>'s. Counted only when the add
    /// took place (the dictionary's own AddOrUpdate may call its add function and then find the key there after all).
    /// </summary>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> add, Func<TKey, TValue, TValue> update)
    {
        MakeRoom();
        while (true)
        {
            if (_entries.TryGetValue(key, out var known))
            {
                var updated = update(key, known);
                if (_entries.TryUpdate(key, updated, known))
                {
                    return updated;
                }
            }
            else
            {
                var added = add(key);
                if (_entries.TryAdd(key, added))
                {
                    Interlocked.Increment(ref _count);
                    return added;
                }
            }
        }
    }

    /// <summary>Removes the entry if it still holds that value.</summary>
    public bool TryRemove(KeyValuePair<TKey, TValue> entry)
    {
        if (!_entries.TryRemove(entry))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    private void MakeRoom()
    {
        if (Volatile.Read(ref _count) >= capacity)
        {
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }
    }
}

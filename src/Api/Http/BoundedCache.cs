using Layers.Common;

namespace Layers.Api.Http;

/// <summary>
/// A per-process cache of values that never change for their key, bounded by starting afresh once it holds
/// <see cref="Capacity"/> entries (the keys come from requests, so nothing may grow without limit).
/// </summary>
public sealed class BoundedCache<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    public const int Capacity = 100_000;

    private readonly BoundedDictionary<TKey, TValue> _entries = new(Capacity, comparer);

    /// <summary>How many entries the cache holds now (for tests).</summary>
    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value);

    public void Add(TKey key, TValue value) => _entries.Set(key, value);

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_entries.TryGetValue(key, out var known))
        {
            return known;
        }

        var value = create(key);
        Add(key, value);
        return value;
    }
}

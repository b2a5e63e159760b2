using System.Collections.Concurrent;

namespace Layers.Api.Http;

/// <summary>
/// Grain references for the calls every request makes. Orleans resolves a grain interface's type by reading its
/// attributes on each <c>GetGrain</c>, which cost a quarter of a cached read's authentication; a reference is
/// immutable and safe to share, so the hot ones are kept (at most <see cref="Capacity"/> per kind, then started afresh).
/// </summary>
public sealed class GrainReferences(IGrainFactory grains)
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, object> _byString = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Type, Guid), object> _byGuid = new();

    public T Get<T>(string key)
        where T : IGrainWithStringKey =>
        (T)Keep(_byString, typeof(T).FullName + "|" + key, () => grains.GetGrain<T>(key));

    public T Get<T>(Guid key)
        where T : IGrainWithGuidKey =>
        (T)Keep(_byGuid, (typeof(T), key), () => grains.GetGrain<T>(key));

    private static object Keep<TKey>(ConcurrentDictionary<TKey, object> cache, TKey key, Func<object> create)
        where TKey : notnull
    {
        if (cache.TryGetValue(key, out var known))
        {
            return known;
        }

        if (cache.Count >= Capacity)
        {
            cache.Clear();
        }

        return cache.GetOrAdd(key, _ => create());
    }
}

namespace Layers.Api.Http;

/// <summary>
/// Grain references for the calls every request makes. Orleans resolves a grain interface's type by reading its
/// attributes on each <c>GetGrain</c>, which cost a quarter of a cached read's authentication; a reference is
/// immutable and safe to share, so the hot ones are kept.
/// </summary>
public sealed class GrainReferences(IGrainFactory grains)
{
    private readonly BoundedCache<(Type, string), object> _byString = new();
    private readonly BoundedCache<(Type, Guid), object> _byGuid = new();

    public T Get<T>(string key)
        where T : IGrainWithStringKey =>
        (T)_byString.GetOrAdd((typeof(T), key), k => grains.GetGrain<T>(k.Item2));

    public T Get<T>(Guid key)
        where T : IGrainWithGuidKey =>
        (T)_byGuid.GetOrAdd((typeof(T), key), k => grains.GetGrain<T>(k.Item2));
}

using Layers.Api.Http;

namespace Layers.Tests.Unit;

public sealed class BoundedCacheTests
{
    [Fact]
    public void AKeyAddedAgainTakesNoMoreRoom()
    {
        var cache = new BoundedCache<string, int>(StringComparer.Ordinal);
        cache.Add("first", 0);
        for (var i = 1; i <= 2 * BoundedCache<string, int>.Capacity; i++)
        {
            cache.Add("again", i);
        }

        Assert.True(cache.TryGet("first", out var first));
        Assert.Equal(0, first);
        Assert.True(cache.TryGet("again", out var again));
        Assert.Equal(2 * BoundedCache<string, int>.Capacity, again);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void ItStartsAfreshOnceFullAndNeverHoldsMoreThanItsCapacity()
    {
        var cache = new BoundedCache<int, int>();
        for (var i = 0; i < BoundedCache<int, int>.Capacity; i++)
        {
            Assert.Equal(i, cache.GetOrAdd(i, key => key));
        }

        Assert.Equal(BoundedCache<int, int>.Capacity, cache.Count);
        Assert.True(cache.TryGet(0, out _));

        cache.Add(-1, -1);
        Assert.Equal(1, cache.Count);
        Assert.False(cache.TryGet(0, out _));
        Assert.True(cache.TryGet(-1, out var last));
        Assert.Equal(-1, last);
    }

    [Fact]
    public async Task KeysAddedFromManyThreadsAreAllThere()
    {
        var cache = new BoundedCache<int, int>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = worker; i < 40_000; i += 8)
            {
                cache.Add(i, i);
                cache.Add(i, i);
            }
        })));

        Assert.Equal(40_000, cache.Count);
        Assert.All(Enumerable.Range(0, 40_000), i => Assert.True(cache.TryGet(i, out var value) && value == i));
    }
}

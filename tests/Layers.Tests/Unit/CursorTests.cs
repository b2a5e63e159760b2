using Layers.Common;

namespace Layers.Tests.Unit;

public sealed class CursorTests
{
    [Fact]
    public void PagesNewestFirstAndItemsAddedMeanwhileDoNotShiftThePage()
    {
        var items = Enumerable.Range(0, 10).ToList();
        var first = Cursor.PageNewestFirst(items, null, 4);
        Assert.Equal([9, 8, 7, 6], first.Items);
        items.Add(10);
        var second = Cursor.PageNewestFirst(items, first.NextCursor, 4);
        Assert.Equal([5, 4, 3, 2], second.Items);
        var last = Cursor.PageNewestFirst(items, second.NextCursor, 4);
        Assert.Equal([1, 0], last.Items);
        Assert.Null(last.NextCursor);
    }

    [Theory]
    [InlineData("bm9wZQ")]
    [InlineData("!!!")]
    [InlineData("cDE6LTE")]
    public void ForeignCursorsAreValidationErrors(string cursor)
    {
        var error = Assert.Throws<LayersException>(() => Cursor.Decode(cursor));
        Assert.Equal(ErrorKind.Validation, error.Code);
    }

    [Fact]
    public void UlidsSortByTime()
    {
        var earlier = Ulid.NewUlid(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var later = Ulid.NewUlid(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_001));
        Assert.Equal(26, earlier.Length);
        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.True(Ids.IsWellFormed("org_" + later, "org_"));
        Assert.False(Ids.IsWellFormed("org_" + later.ToLowerInvariant(), "org_"));
    }

    [Fact]
    public async Task UlidsOfOneMillisecondDifferAcrossThreadsAndBufferRefills()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var perThread = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Enumerable.Range(0, 5_000).Select(_ => Ulid.NewUlid(at)).ToList())));
        var all = perThread.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, id => Assert.True(id.Length == 26 && Ulid.IsBase32(id) && id.StartsWith(all[0][..10], StringComparison.Ordinal)));
    }
}

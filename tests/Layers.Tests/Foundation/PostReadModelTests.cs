using Layers.Publishing;
using Layers.Silo.Storage;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Foundation;

/// <summary>
/// What the wake-up of due posts reads from the post listing, in PostgreSQL and in the trial mode's memory alike.
/// </summary>
public sealed class PostReadModelTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A starting silo wakes the posts due just after it before those that fell due while it was down: a post not yet
    /// due only arms its timer, which must happen before its due time, while each overdue post is handed off within
    /// its wake-up's call.
    /// </summary>
    [Theory]
    [InlineData("postgres")]
    [InlineData("memory")]
    public async Task PostsToWakeAreTheOnesNotYetDueSoonestFirstThenTheOverdueOldestFirstThenThoseBeingHandedOffEachWithItsRowsVersion(string storage)
    {
        var listing = await ListingAsync(storage);
        var rows = new (string Id, string Status, TimeSpan FromNow)[]
        {
            ("sp_publishing", ScheduledPostStatus.Publishing, TimeSpan.FromMinutes(-10)),
            ("sp_overdue_recent", ScheduledPostStatus.Queued, TimeSpan.FromSeconds(-5)),
            ("sp_due_later", ScheduledPostStatus.Queued, TimeSpan.FromMinutes(2)),
            ("sp_overdue_long", ScheduledPostStatus.Queued, TimeSpan.FromMinutes(-3)),
            ("sp_due_now", ScheduledPostStatus.Queued, TimeSpan.Zero),
            ("sp_due_soon", ScheduledPostStatus.Queued, TimeSpan.FromSeconds(4)),
            ("sp_beyond", ScheduledPostStatus.Queued, TimeSpan.FromMinutes(4)),
            ("sp_canceled", ScheduledPostStatus.Canceled, TimeSpan.FromSeconds(10)),
            ("sp_published", ScheduledPostStatus.Published, TimeSpan.FromMinutes(-20)),
        };
        // Each row at its own version, the one a woken post compares with its stored state's.
        var versions = rows.Select((row, index) => (row.Id, Version: 10L + index)).ToDictionary(r => r.Id, r => r.Version);
        foreach (var (id, status, fromNow) in rows)
        {
            await listing.UpsertAsync(View(id, status, Now + fromNow), versions[id], null, CancellationToken.None);
        }

        var toWake = await listing.ToWakeAsync(Now, Now + TimeSpan.FromMinutes(3), 100, CancellationToken.None);

        Assert.Equal(["sp_due_now", "sp_due_soon", "sp_due_later", "sp_overdue_long", "sp_overdue_recent", "sp_publishing"], toWake.Select(p => p.Id));
        Assert.All(toWake, post => Assert.Equal(versions[post.Id], post.Version));
        Assert.Equal(["sp_due_now", "sp_due_soon"], (await listing.ToWakeAsync(Now, Now + TimeSpan.FromMinutes(3), 2, CancellationToken.None)).Select(p => p.Id));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    private async Task<IPostReadModel> ListingAsync(string storage)
    {
        if (storage == "memory")
        {
            return new MemoryPostReadModel();
        }

        var dataSource = await TestPostgres.CreateMigratedDatabaseAsync();
        _owned.Add(dataSource);
        var commits = new PostgresGroupCommit(dataSource);
        _owned.Add(commits);
        return new PostgresPostReadModel(dataSource, commits);
    }

    private static ScheduledPostView View(string id, string status, DateTimeOffset scheduledFor) => new(
        id, "ct_wake", Guid.Parse("0f7e3c2a-5b1d-4e8f-9a6c-2d4b8e1f3a70"), "sa_wake", "tiktok", PostModes.DirectPublish, status, scheduledFor,
        null, null, null, null, null, null, null, null);
}

using System.Text.Json;
using Layers.Publishing;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Layers.Tests.Publishing;

/// <summary>
/// Queued posts are woken from the listing by one reminder (<see cref="IDuePostsGrain"/>), not one reminder each: a
/// scheduled post writes no reminder row, and the wake-up hands it off once it is due. Published posts are woken the
/// same way for their metrics reads.
/// </summary>
[Collection(ClockedCollection.Name)]
public sealed class WakeUpTests(ClockedApiFixture fixture)
{
    [Fact]
    public async Task AScheduledPostWritesNoReminderAndTheWakeUpOfDuePostsHandsItOffWhenDue()
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync());
        var handle = $"woken.{Guid.NewGuid().ToString("N")[..8]}";
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var ids = await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow().AddMinutes(20), new { socialAccountId = account }, new { socialAccountId = account });

        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        foreach (var id in ids)
        {
            Assert.Equal(0, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || $1", id));
        }

        // Not due yet: the wake-up leaves them queued.
        var wakeUp = fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IDuePostsGrain>(0);
        await wakeUp.WakeAsync();
        Assert.All(await Task.WhenAll(ids.Select(id => driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}"))),
            post => Assert.Equal("queued", post.GetProperty("status").GetString()));

        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await wakeUp.WakeAsync() >= ids.Count);
        foreach (var id in ids)
        {
            Assert.Equal("published", (await driver.SettledAsync(id)).GetProperty("status").GetString());
        }

        Assert.Equal(2, (await driver.PublishedAtSandboxAsync("tiktok", handle)).Count);
    }

    [Fact]
    public async Task APublishedPostKeepsNoReminderAndTheWakeUpReadsItsMetricsWhenTheyAreDue()
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync());
        var account = await driver.ConnectAsync("instagram", $"counted.{Guid.NewGuid().ToString("N")[..8]}");
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));
        var wakeUp = fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IDuePostsGrain>(0);
        await wakeUp.WakeAsync();
        Assert.Equal("published", (await driver.SettledAsync(id)).GetProperty("status").GetString());

        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        Assert.Equal(0, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || $1", id));
        Assert.Equal(1, await StoredRows.CountAsync(dataSource,
            "SELECT count(*) FROM layers_scheduled_posts WHERE post_id = $1 AND follow_up_at IS NOT NULL", id));
        Assert.Equal(JsonValueKind.Null, (await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}")).GetProperty("metrics").ValueKind);

        // Before the first read is due the wake-up leaves the post alone; once it is due, it wakes it to read.
        await wakeUp.WakeAsync();
        Assert.Equal(JsonValueKind.Null, (await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}")).GetProperty("metrics").ValueKind);
        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        await wakeUp.WakeAsync();
        var metrics = (await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}")).GetProperty("metrics");
        Assert.Equal(JsonValueKind.Object, metrics.ValueKind);
        Assert.Equal(0, await StoredRows.CountAsync(dataSource, "SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%' || $1", id));
    }
}

using Layers.Publishing;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Publishing;

[Collection(ClockedCollection.Name)]
public sealed class PostponementTests(ClockedApiFixture fixture)
{
    [Fact]
    public async Task APlatformRateLimitPostponesThePostWhichThenPublishesOnce()
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync());
        var handle = "busy." + Guid.NewGuid().ToString("N")[..6];
        var account = await driver.ConnectAsync("tiktok", handle);
        await driver.FailNextPublishAsync("tiktok", handle, "rate_limit_exceeded");
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));
        var post = fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledPostGrain>(id);

        await post.RunAsync();
        var postponed = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
        Assert.Equal("queued", postponed.GetProperty("status").GetString());
        Assert.Equal("RATE_LIMITED_BY_PLATFORM", postponed.GetProperty("lastError").GetProperty("code").GetString());
        Assert.Empty(await driver.PublishedAtSandboxAsync("tiktok", handle));

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await post.RunAsync();
        var published = await driver.SettledAsync(id);
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Single(await driver.PublishedAtSandboxAsync("tiktok", handle));
    }

    [Fact]
    public async Task MetricsSyncChangesTheNumbersAndStopsAfterRevoke()
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync());
        var account = await driver.ConnectAsync("instagram", "viral." + Guid.NewGuid().ToString("N")[..6]);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));
        var post = fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledPostGrain>(id);
        await post.RunAsync();
        Assert.Equal("published", (await driver.SettledAsync(id)).GetProperty("status").GetString());

        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        await post.RunAsync();
        var first = (await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}")).GetProperty("metrics");
        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        await post.RunAsync();
        var second = (await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}")).GetProperty("metrics");
        Assert.True(second.GetProperty("views").GetInt64() > first.GetProperty("views").GetInt64());

        using (var revoke = await driver.Tenant.Client.DeleteAsync($"/v1/social-accounts/{account}"))
        {
            revoke.EnsureSuccessStatusCode();
        }

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await post.RunAsync();
        var after = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
        Assert.Equal("published", after.GetProperty("status").GetString());
        Assert.Equal(second.GetProperty("views").GetInt64(), after.GetProperty("metrics").GetProperty("views").GetInt64());
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Layers.Publishing;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Platforms;

/// <summary>
/// The service against sandboxes as strict as the platforms: per-token limits, scopes per feature, moderation before
/// TikTok names a post, and the revocation of tokens a failed reconnect obtained.
/// </summary>
[Collection(ClockedCollection.Name)]
public sealed class PlatformFidelityTests(ClockedApiFixture fixture)
{
    [Fact]
    public async Task EightTikTokPostsDueTogetherOnOneAccountAllPublishWithoutOneRateLimitAtThePlatform()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("eight");
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var ids = await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(),
            [.. Enumerable.Range(0, 8).Select(_ => (object)new { socialAccountId = account })]);

        // TikTok takes 6 inits a minute per token: six go now, two wait in the queue for the minute to pass.
        var waiting = await WaitForAsync(async () =>
        {
            var posts = await Task.WhenAll(ids.Select(id => driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}")));
            var queued = posts.Where(p => p.GetProperty("status").GetString() == "queued").ToList();
            var settled = posts.Count(p => p.GetProperty("status").GetString() == "published");
            return (queued, settled == 6 && queued.Count == 2);
        });
        Assert.All(waiting, p => Assert.Equal("RATE_LIMITED_BY_PLATFORM", p.GetProperty("lastError").GetProperty("code").GetString()));

        fixture.Clock.Advance(TimeSpan.FromSeconds(62));
        var grains = fixture.Factory.Services.GetRequiredService<IGrainFactory>();
        foreach (var post in waiting)
        {
            await grains.GetGrain<IScheduledPostGrain>(post.GetProperty("id").GetString()!).RunAsync();
        }

        foreach (var id in ids)
        {
            Assert.Equal("published", (await driver.SettledAsync(id)).GetProperty("status").GetString());
        }

        Assert.Equal(8, (await driver.PublishedAtSandboxAsync("tiktok", handle)).Count);
        Assert.Equal(0, (await SandboxUserAsync("tiktok", handle)).GetProperty("rateLimited").GetInt32());
    }

    [Fact]
    public async Task AnAccountTheRateLimitRefusesWaitsAloneWhileAnotherAccountsPostDueWithItGoesAtOnce()
    {
        var driver = await ArrangeAsync();
        var (busy, calm) = (NewHandle("busy"), NewHandle("calm"));
        var busyAccount = await driver.ConnectAsync("tiktok", busy);
        var calmAccount = await driver.ConnectAsync("tiktok", calm);
        await driver.FailNextPublishAsync("tiktok", busy, "rate_limit_exceeded");
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var due = fixture.Clock.GetUtcNow();
        var ids = await driver.ScheduleAsync(content, due, new { socialAccountId = busyAccount }, new { socialAccountId = calmAccount });

        var calmPost = await driver.SettledAsync(ids[1]);
        Assert.Equal("published", calmPost.GetProperty("status").GetString());
        Assert.True(calmPost.GetProperty("attemptedAt").GetDateTimeOffset() - due < TimeSpan.FromSeconds(2), "the other account's post was held up");
        var busyPost = await WaitForAsync(async () =>
        {
            var post = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{ids[0]}");
            return (post, post.GetProperty("lastError").ValueKind == JsonValueKind.Object);
        });
        Assert.Equal("queued", busyPost.GetProperty("status").GetString());
        Assert.Equal("rate_limit_exceeded", busyPost.GetProperty("lastError").GetProperty("platformCode").GetString());
    }

    [Fact]
    public async Task TheTikTokPublicIdArrivesAfterModerationAndMetricsStartFromIt()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("moderated");
        var account = await driver.ConnectAsync("tiktok", handle);
        await ShapeCreatorAsync("tiktok", handle, new { moderationReads = 3 });
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));

        // Live before moderation: published, not yet named.
        var published = await driver.SettledAsync(id);
        Assert.Equal("published", published.GetProperty("status").GetString());
        var delivered = Assert.Single(await driver.PublishedAtSandboxAsync("tiktok", handle)).GetProperty("id").GetString();

        var named = await WaitForAsync(async () =>
        {
            var post = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
            return (post, post.GetProperty("externalId").ValueKind == JsonValueKind.String);
        });
        Assert.Equal(delivered, named.GetProperty("externalId").GetString());
        Assert.Equal($"https://www.tiktok.com/@{handle}/video/{delivered}", named.GetProperty("externalUrl").GetString());

        var metrics = await MetricsAfterTwoMinutesAsync(driver, id);
        Assert.True(metrics.GetProperty("views").GetInt64() > 0);
    }

    [Fact]
    public async Task AnInstagramReelGetsItsMetricsWithinTwoMinutes()
    {
        var driver = await ArrangeAsync();
        var account = await driver.ConnectAsync("instagram", NewHandle("insights"));
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));
        Assert.Equal("published", (await driver.SettledAsync(id)).GetProperty("status").GetString());

        var metrics = await MetricsAfterTwoMinutesAsync(driver, id);
        Assert.True(metrics.GetProperty("views").GetInt64() > 0);
    }

    [Theory]
    [InlineData("tiktok", "user.info.basic,user.info.profile,video.publish,video.upload")]
    [InlineData("instagram", "instagram_business_basic,instagram_business_content_publish")]
    public async Task AUserWhoDeclinesTheMetricsPermissionStillPublishesAndThePostSaysWhyItHasNoMetrics(string platform, string granted)
    {
        var driver = await ArrangeAsync();
        var started = await new OAuthDriver(fixture.Factory, driver.Tenant).StartAsync(driver.ProjectId, platform);
        var oauth = new OAuthDriver(fixture.Factory, driver.Tenant);
        var callback = await oauth.ConsentAsync(started.GetProperty("authorizeUrl").GetString()!, NewHandle("private"), grantScopes: granted);
        await oauth.CallbackAsync(callback);
        var status = await driver.Tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}");
        var account = status.GetProperty("socialAccountId").GetString()!;
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));

        var post = await driver.SettledAsync(id);
        Assert.Equal("published", post.GetProperty("status").GetString());
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledPostGrain>(id).RunAsync();
        var after = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("metrics").ValueKind);
        Assert.Equal("scope_missing", after.GetProperty("metricsUnavailable").GetString());
    }

    [Fact]
    public async Task ATikTokCreatorWhoMayNotPostRightNowHasTheirPostWaitAndGoOnceAllowed()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("capped");
        var account = await driver.ConnectAsync("tiktok", handle);
        await ShapeCreatorAsync("tiktok", handle, new { canPost = false });
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));
        var post = fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledPostGrain>(id);

        await post.RunAsync();
        var waiting = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
        Assert.Equal("queued", waiting.GetProperty("status").GetString());
        Assert.Equal("RATE_LIMITED_BY_PLATFORM", waiting.GetProperty("lastError").GetProperty("code").GetString());
        Assert.Equal("spam_risk_too_many_posts", waiting.GetProperty("lastError").GetProperty("platformCode").GetString());
        Assert.Empty(await driver.PublishedAtSandboxAsync("tiktok", handle));

        await ShapeCreatorAsync("tiktok", handle, new { canPost = true });
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await post.RunAsync();
        Assert.Equal("published", (await driver.SettledAsync(id)).GetProperty("status").GetString());
        Assert.Single(await driver.PublishedAtSandboxAsync("tiktok", handle));
    }

    [Fact]
    public async Task AReconnectCompletedByAnotherUserLeavesNoLiveTokenOfThatUserAtThePlatform()
    {
        var driver = await ArrangeAsync();
        var owner = NewHandle("owner");
        var stranger = NewHandle("stranger");
        var account = await driver.ConnectAsync("tiktok", owner);
        var oauth = new OAuthDriver(fixture.Factory, driver.Tenant);

        var reauth = await driver.Tenant.Client.PostJsonAsync($"/v1/projects/{driver.ProjectId}/social/reauth-url", new { socialAccountId = account, returnUrl = OAuthDriver.ReturnUrl });
        var (_, location, _) = await oauth.CallbackAsync(await oauth.ConsentAsync(reauth.GetProperty("authorizeUrl").GetString()!, stranger));

        Assert.Equal("account_mismatch", OAuthDriver.Query(location!)["layers_oauth_error"]);
        var report = await SandboxUserAsync("tiktok", stranger);
        Assert.Equal(0, report.GetProperty("activeTokens").GetInt32());
        Assert.Equal(1, report.GetProperty("revocations").GetInt32());
        Assert.True((await SandboxUserAsync("tiktok", owner)).GetProperty("activeTokens").GetInt32() > 0, "the owner's own tokens stay live");
    }

    private async Task<JsonElement> MetricsAfterTwoMinutesAsync(PublishingDriver driver, string id)
    {
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledPostGrain>(id).RunAsync();
        var post = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
        Assert.Equal(JsonValueKind.Null, post.GetProperty("metricsUnavailable").ValueKind);
        var metrics = post.GetProperty("metrics");
        Assert.Equal(JsonValueKind.Object, metrics.ValueKind);
        return metrics;
    }

    private async Task ShapeCreatorAsync(string platform, string handle, object settings)
    {
        using var response = await fixture.Factory.CreateClient().PostAsJsonAsync($"/sandbox/{platform}/control/users/{handle}", settings);
        response.EnsureSuccessStatusCode();
    }

    private Task<JsonElement> SandboxUserAsync(string platform, string handle) =>
        fixture.Factory.CreateClient().GetJsonAsync($"/sandbox/{platform}/control/users/{handle}");

    /// <summary>Polls until the probe finds what it looks for, with a deadline.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<(T Value, bool Found)>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (value, found) = await probe();
            if (found)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 60 s");
            await Task.Delay(200);
        }
    }

    private static string NewHandle(string prefix) => $"{prefix}.{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<PublishingDriver> ArrangeAsync() =>
        await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync());
}

using System.Net.Http.Json;
using System.Text.Json;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Publishing;

[Collection(ApiCollection.Name)]
public sealed class PublishingTests(PostgresApiFixture fixture)
{
    public static TheoryData<string, string?, string, string> PlatformModes => new()
    {
        { "tiktok", null, "video", "published" },
        { "tiktok", "direct_publish", "images", "published" },
        { "tiktok", "draft_to_device", "video", "draft" },
        { "instagram", null, "video", "published" },
        { "instagram", "reels", "video", "published" },
        { "instagram", "feed", "image", "published" },
        { "instagram", "feed", "images", "published" },
    };

    [Theory]
    [MemberData(nameof(PlatformModes))]
    public async Task EveryPlatformAndModePublishesToTheSandbox(string platform, string? mode, string media, string expected)
    {
        var driver = await ArrangeAsync();
        var handle = $"pub.{platform}.{Guid.NewGuid().ToString("N")[..6]}";
        var account = await driver.ConnectAsync(platform, handle);
        object[] assets = media switch
        {
            "video" => [PublishingDriver.Video],
            "image" => [PublishingDriver.Image(1)],
            _ => [PublishingDriver.Image(1), PublishingDriver.Image(2), PublishingDriver.Image(3)],
        };
        var content = await driver.ContentAsync(assets);
        var body = await driver.Tenant.Client.PostJsonAsync($"/v1/content/{content}/publish",
            new { targets = new[] { mode is null ? (object)new { socialAccountId = account } : new { socialAccountId = account, mode } } });
        var created = Assert.Single(body.GetProperty("scheduledPosts").EnumerateArray());
        Assert.Equal("queued", created.GetProperty("status").GetString());
        Assert.Equal(mode ?? "direct_publish", created.GetProperty("mode").GetString());

        var post = await driver.SettledAsync(created.GetProperty("id").GetString()!);
        Assert.Equal(expected, post.GetProperty("status").GetString());
        // TikTok names a published post once moderation has passed it, a read or more later.
        post = await driver.NamedAsync(created.GetProperty("id").GetString()!);
        Assert.False(string.IsNullOrEmpty(post.GetProperty("externalId").GetString()));
        Assert.Equal(JsonValueKind.Null, post.GetProperty("lastError").ValueKind);
        var delivered = Assert.Single(await driver.PublishedAtSandboxAsync(platform, handle));
        if (mode != "draft_to_device")
        {
            // An inbox upload carries no caption: the creator writes it on the phone.
            Assert.Equal("Launch day #coffee", delivered.GetProperty("caption").GetString());
        }

        var events = await driver.Tenant.Client.GetJsonAsync("/v1/events?type=post.published");
        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.GetProperty("data").GetProperty("id").GetString() == post.GetProperty("id").GetString());
    }

    [Fact]
    public async Task DraftToDeviceOnInstagramIsModeNotSupportedWithTheSupportedList()
    {
        var driver = await ArrangeAsync();
        var account = await driver.ConnectAsync("instagram", "gram." + Guid.NewGuid().ToString("N")[..6]);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        using var response = await driver.Tenant.Client.PostAsJsonAsync($"/v1/content/{content}/schedule",
            new { scheduledFor = DateTimeOffset.UtcNow.AddHours(1), targets = new[] { new { socialAccountId = account, mode = "draft_to_device" } } });
        var error = await response.AssertError(422, "MODE_NOT_SUPPORTED");
        Assert.Equal(["direct_publish", "reels", "feed"], error.GetProperty("details").GetProperty("supportedModes").EnumerateArray().Select(m => m.GetString()));
        Assert.Empty((await driver.Tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task OneBadTargetRejectsTheWholeRequestListingEveryProblem()
    {
        var driver = await ArrangeAsync();
        var good = await driver.ConnectAsync("tiktok", "good." + Guid.NewGuid().ToString("N")[..6]);
        var gram = await driver.ConnectAsync("instagram", "gram." + Guid.NewGuid().ToString("N")[..6]);
        var content = await driver.ContentAsync(PublishingDriver.Image(1), PublishingDriver.Image(2));

        using (var unknown = await driver.Tenant.Client.PostAsJsonAsync($"/v1/content/{content}/schedule", new
        {
            scheduledFor = DateTimeOffset.UtcNow.AddHours(1),
            targets = new object[] { new { socialAccountId = good }, new { socialAccountId = "sa_01J0000000000000000000000Z" } },
        }))
        {
            var error = await unknown.AssertError(404, "NOT_FOUND");
            Assert.Equal("targets[1].socialAccountId", Assert.Single(error.GetProperty("details").GetProperty("issues").EnumerateArray()).GetProperty("path").GetString());
        }

        using (var reels = await driver.Tenant.Client.PostAsJsonAsync($"/v1/content/{content}/schedule", new
        {
            scheduledFor = DateTimeOffset.UtcNow.AddHours(1),
            targets = new object[] { new { socialAccountId = good }, new { socialAccountId = gram, mode = "reels" } },
        }))
        {
            await reels.AssertError(422, "VALIDATION");
        }

        foreach (var (scheduledFor, label) in new[] { (DateTimeOffset.UtcNow.AddMinutes(-5), "past"), (DateTimeOffset.UtcNow.AddDays(400), "too far") })
        {
            using var response = await driver.Tenant.Client.PostAsJsonAsync($"/v1/content/{content}/schedule",
                new { scheduledFor, targets = new[] { new { socialAccountId = good } } });
            var error = await response.AssertError(422, "VALIDATION");
            Assert.Equal("scheduledFor", error.GetProperty("details").GetProperty("issues")[0].GetProperty("path").GetString());
            _ = label;
        }

        Assert.Empty((await driver.Tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task APostDueAtTIsHandedOffWithinTwoSecondsOfT()
    {
        var driver = await ArrangeAsync();
        var account = await driver.ConnectAsync("tiktok", "punctual." + Guid.NewGuid().ToString("N")[..6]);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var due = DateTimeOffset.UtcNow.AddSeconds(4);
        due = due.AddTicks(-(due.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(1);
        var id = Assert.Single(await driver.ScheduleAsync(content, due, new { socialAccountId = account }));
        var post = await driver.SettledAsync(id);
        Assert.Equal("published", post.GetProperty("status").GetString());
        var lateness = post.GetProperty("attemptedAt").GetDateTimeOffset() - post.GetProperty("scheduledFor").GetDateTimeOffset();
        Assert.InRange(lateness, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task RevokeCancelsEveryQueuedPostReturnsTheCountAndNothingPublishesAfterwards()
    {
        var driver = await ArrangeAsync();
        var handle = "revoker." + Guid.NewGuid().ToString("N")[..6];
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var due = DateTimeOffset.UtcNow.AddSeconds(5);
        var ids = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            ids.AddRange(await driver.ScheduleAsync(content, due, new { socialAccountId = account }));
        }

        Assert.Equal(25, (await driver.Tenant.Client.GetJsonAsync($"/v1/social-accounts/{account}/health")).GetProperty("queuedPosts").GetInt32());
        using var revoke = await driver.Tenant.Client.DeleteAsync($"/v1/social-accounts/{account}");
        Assert.Equal(25, (await revoke.Json()).GetProperty("canceledScheduledPosts").GetInt32());
        foreach (var id in ids)
        {
            var post = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
            Assert.Equal("canceled", post.GetProperty("status").GetString());
            Assert.Equal("account_revoked", post.GetProperty("cancelReason").GetString());
        }

        // Past the due time nothing reaches the platform.
        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3) is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        Assert.Empty(await driver.PublishedAtSandboxAsync("tiktok", handle));
        var canceled = await driver.Tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts?status=canceled&limit=100");
        Assert.Equal(25, canceled.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task RevokeAnswersBeforeItsPostsAreToldTheListingShowsThemCanceledAtOnceAndEveryPostIsToldOnce()
    {
        var driver = await ArrangeAsync();
        var account = await driver.ConnectAsync("tiktok", "drain." + Guid.NewGuid().ToString("N")[..6]);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var ids = new List<string>();
        for (var batch = 0; batch < 2; batch++)
        {
            ids.AddRange(await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddDays(1),
                [.. Enumerable.Range(0, 50).Select(_ => (object)new { socialAccountId = account })]));
        }

        using var revoke = await driver.Tenant.Client.DeleteAsync($"/v1/social-accounts/{account}");
        Assert.Equal(100, (await revoke.Json()).GetProperty("canceledScheduledPosts").GetInt32());

        // No post is asked here, so only the revoke itself can have marked the listing.
        var listed = await driver.Tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts?socialAccountId={account}&limit=100");
        Assert.Equal(ids.Order(), listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).Order());
        Assert.All(listed.GetProperty("items").EnumerateArray(), p =>
        {
            Assert.Equal("canceled", p.GetProperty("status").GetString());
            Assert.Equal("account_revoked", p.GetProperty("cancelReason").GetString());
        });

        // The drain reaches every post: each records its own post.canceled once.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HashSet<string> told;
        do
        {
            var events = await driver.Tenant.Client.GetJsonAsync("/v1/events?type=post.canceled&limit=200");
            told = [.. events.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("data").GetProperty("id").GetString()!)];
            if (told.Count < ids.Count)
            {
                await Task.Delay(200);
            }
        }
        while (told.Count < ids.Count && DateTime.UtcNow < deadline);

        Assert.Equal(ids.Order(), told.Order());
        var again = await driver.Tenant.Client.GetJsonAsync("/v1/events?type=post.canceled&limit=200");
        Assert.Equal(ids.Count, again.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task MediaRejectedByThePlatformFailsThePost()
    {
        var driver = await ArrangeAsync();
        var handle = "rejected." + Guid.NewGuid().ToString("N")[..6];
        var account = await driver.ConnectAsync("tiktok", handle);
        await driver.FailNextPublishAsync("tiktok", handle, "file_format_check_failed");
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var id = Assert.Single(await driver.ScheduleAsync(content, DateTimeOffset.UtcNow, new { socialAccountId = account }));
        var post = await driver.SettledAsync(id);
        Assert.Equal("failed", post.GetProperty("status").GetString());
        Assert.Equal("MEDIA_REJECTED", post.GetProperty("lastError").GetProperty("code").GetString());
        Assert.Equal("file_format_check_failed", post.GetProperty("lastError").GetProperty("platformCode").GetString());
        Assert.Single((await driver.Tenant.Client.GetJsonAsync("/v1/events?type=post.failed")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ATokenRevokedAtThePlatformFailsWithCredentialInvalidAndFlipsTheAccountOnce()
    {
        var driver = await ArrangeAsync();
        var handle = "gone." + Guid.NewGuid().ToString("N")[..6];
        var account = await driver.ConnectAsync("instagram", handle);
        using (var invalidate = await fixture.Factory.CreateClient().PostAsync($"/sandbox/instagram/control/users/{handle}/invalidate-tokens", null))
        {
            invalidate.EnsureSuccessStatusCode();
        }

        var content = await driver.ContentAsync(PublishingDriver.Video);
        var ids = await driver.ScheduleAsync(content, DateTimeOffset.UtcNow, new { socialAccountId = account });
        var post = await driver.SettledAsync(Assert.Single(ids));
        Assert.Equal("failed", post.GetProperty("status").GetString());
        Assert.Equal("CREDENTIAL_INVALID", post.GetProperty("lastError").GetProperty("code").GetString());
        Assert.Equal("reauth_required", (await driver.Tenant.Client.GetJsonAsync($"/v1/social-accounts/{account}")).GetProperty("status").GetString());

        // A second post to the flipped account fails too, without a second event.
        var again = await driver.ScheduleAsync(content, DateTimeOffset.UtcNow, new { socialAccountId = account });
        Assert.Equal("CREDENTIAL_INVALID", (await driver.SettledAsync(Assert.Single(again))).GetProperty("lastError").GetProperty("code").GetString());
        Assert.Single((await driver.Tenant.Client.GetJsonAsync("/v1/events?type=social_account.needs_reauth")).GetProperty("items").EnumerateArray());
        Assert.Empty(await driver.PublishedAtSandboxAsync("instagram", handle));
    }

    [Fact]
    public async Task CancelAndRescheduleOnlyApplyToQueuedPosts()
    {
        var driver = await ArrangeAsync();
        var account = await driver.ConnectAsync("tiktok", "planner." + Guid.NewGuid().ToString("N")[..6]);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var later = DateTimeOffset.UtcNow.AddDays(2);
        var id = Assert.Single(await driver.ScheduleAsync(content, later, new { socialAccountId = account }));

        var moved = await driver.Tenant.Client.PostJsonAsync($"/v1/scheduled-posts/{id}/reschedule", new { scheduledFor = later.AddDays(1) });
        Assert.Equal("queued", moved.GetProperty("status").GetString());
        using var cancel = await driver.Tenant.Client.DeleteAsync($"/v1/scheduled-posts/{id}");
        var canceled = await cancel.Json();
        Assert.Equal("canceled", canceled.GetProperty("status").GetString());

        using (var again = await driver.Tenant.Client.DeleteAsync($"/v1/scheduled-posts/{id}"))
        {
            await again.AssertError(409, "CONFLICT");
        }

        using (var reschedule = await driver.Tenant.Client.PostAsJsonAsync($"/v1/scheduled-posts/{id}/reschedule", new { scheduledFor = later }))
        {
            await reschedule.AssertError(409, "CONFLICT");
        }

        Assert.Equal(0, (await driver.Tenant.Client.GetJsonAsync($"/v1/social-accounts/{account}/health")).GetProperty("queuedPosts").GetInt32());
        var stranger = await fixture.NewTenantAsync();
        using var foreign = await stranger.Client.GetAsync($"/v1/scheduled-posts/{id}");
        await foreign.AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task ArchivingAProjectCancelsItsQueuedPosts()
    {
        var driver = await ArrangeAsync();
        var account = await driver.ConnectAsync("tiktok", "archived." + Guid.NewGuid().ToString("N")[..6]);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var ids = await driver.ScheduleAsync(content, DateTimeOffset.UtcNow.AddDays(3), new { socialAccountId = account }, new { socialAccountId = account });
        using var archive = await driver.Tenant.Client.PatchAsJsonAsync($"/v1/projects/{driver.ProjectId}", new { status = "archived" });
        Assert.Equal("archived", (await archive.Json()).GetProperty("status").GetString());
        foreach (var id in ids)
        {
            var post = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{id}");
            Assert.Equal("canceled", post.GetProperty("status").GetString());
            Assert.Equal("project_archived", post.GetProperty("cancelReason").GetString());
        }
    }

    [Fact]
    public async Task TikTokPostsOfOneAccountDueTogetherFindTheCreatorInfoReadBeforeTheirDueTime()
    {
        var driver = await ArrangeAsync();
        var handle = "ahead." + Guid.NewGuid().ToString("N")[..6];
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var due = DateTimeOffset.UtcNow.AddSeconds(8);

        var ids = await driver.ScheduleAsync(content, due, new { socialAccountId = account }, new { socialAccountId = account }, new { socialAccountId = account });

        foreach (var id in ids)
        {
            var post = await driver.SettledAsync(id);
            Assert.Equal("published", post.GetProperty("status").GetString());
            due = post.GetProperty("scheduledFor").GetDateTimeOffset();
        }

        Assert.Equal(3, (await driver.PublishedAtSandboxAsync("tiktok", handle)).Count);
        var user = await fixture.Factory.CreateClient().GetJsonAsync($"/sandbox/tiktok/control/users/{handle}");
        Assert.Equal(1, user.GetProperty("creatorInfoReads").GetInt32());
        Assert.True(user.GetProperty("lastCreatorInfoReadAt").GetDateTimeOffset() < due, "the creator info was read at the due time, not ahead of it");
    }

    private async Task<PublishingDriver> ArrangeAsync() =>
        await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync(tier: "partner"));
}

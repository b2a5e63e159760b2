using System.Net.Http.Json;
using System.Text.Json;
using Layers.Publishing;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Publishing;

/// <summary>
/// Platform-native post options, creator info and first comments (API.md §5a), against the strict sandboxes: every
/// rule checked at scheduling with every problem at once, checked again at the hand-off, and sent to the platform
/// exactly as its documentation names the fields.
/// </summary>
[Collection(ClockedCollection.Name)]
public sealed class PostOptionsTests(ClockedApiFixture fixture)
{
    private static readonly object ShortVideo = new { kind = "video", url = "https://cdn.example.com/clip.mp4?durationMs=15000", mimeType = "video/mp4", durationMs = 15_000 };

    [Fact]
    public async Task TikTokOptionsAreCheckedAgainstTheCreatorWhenSchedulingAndEveryProblemIsNamedAtOnce()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("picky");
        var account = await driver.ConnectAsync("tiktok", handle);
        await ShapeCreatorAsync("tiktok", handle, new { privacyLevelOptions = new[] { "FOLLOWER_OF_CREATOR", "SELF_ONLY" }, maxVideoPostDurationSec = 10 });
        var content = await driver.ContentAsync(ShortVideo);

        var issues = await RejectedAsync(driver, content, new { socialAccountId = account, options = new { privacyLevel = "EVERYONE", title = "A title", shareToFeed = true } });
        Assert.Equal("One of PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR, SELF_ONLY.", At(issues, "targets[0].options.privacyLevel"));
        Assert.Contains("photo posts only", At(issues, "targets[0].options.title"), StringComparison.Ordinal);
        Assert.Contains("Instagram option", At(issues, "targets[0].options.shareToFeed"), StringComparison.Ordinal);
        Assert.Contains("at most 10 s", At(issues, "targets[0]"), StringComparison.Ordinal);

        issues = await RejectedAsync(driver, content, new { socialAccountId = account, options = new { privacyLevel = "PUBLIC_TO_EVERYONE" } });
        Assert.Equal("This creator offers only FOLLOWER_OF_CREATOR, SELF_ONLY.", At(issues, "targets[0].options.privacyLevel"));

        await ShapeCreatorAsync("tiktok", handle, new { maxVideoPostDurationSec = 600 });
        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        issues = await RejectedAsync(driver, content, new { socialAccountId = account });
        Assert.StartsWith("Required: this creator does not offer PUBLIC_TO_EVERYONE", At(issues, "targets[0].options.privacyLevel"), StringComparison.Ordinal);
        Assert.DoesNotContain("targets[0]", issues.Keys);

        issues = await RejectedAsync(driver, content, new { socialAccountId = account, options = new { privacyLevel = "SELF_ONLY", brandContentToggle = true } });
        Assert.Contains("Branded content cannot be private", Assert.Single(issues).Value, StringComparison.Ordinal);

        issues = await RejectedAsync(driver, content, new { socialAccountId = account, mode = "draft_to_device", options = new { privacyLevel = "SELF_ONLY", disableComment = true } });
        Assert.Equal(2, issues.Count);
        Assert.All(issues.Values, m => Assert.StartsWith("draft_to_device takes only title", m, StringComparison.Ordinal));

        issues = await RejectedAsync(driver, content, new { socialAccountId = account, options = new { privacyLevel = "SELF_ONLY", disableComments = true } });
        Assert.Equal("Not a known field.", Assert.Single(issues).Value);
        Assert.StartsWith("targets[0].options", Assert.Single(issues).Key, StringComparison.Ordinal);

        // Nothing was created by any of them.
        var listing = await driver.Tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts");
        Assert.Empty(listing.GetProperty("items").EnumerateArray());
        Assert.Empty(await driver.PublishedAtSandboxAsync("tiktok", handle));
    }

    [Fact]
    public async Task TikTokOptionsReachThePlatformAsItNamesThemAndThePostShowsThemAsApplied()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("opts");
        var account = await driver.ConnectAsync("tiktok", handle);
        await ShapeCreatorAsync("tiktok", handle, new { commentDisabled = true });
        var video = await driver.ContentAsync(ShortVideo);
        var photos = await driver.ContentAsync(PublishingDriver.Image(1), PublishingDriver.Image(2));
        var ids = await driver.ScheduleAsync(video, fixture.Clock.GetUtcNow(), new
        {
            socialAccountId = account,
            options = new { privacyLevel = "MUTUAL_FOLLOW_FRIENDS", disableDuet = true, brandOrganicToggle = true, videoCoverTimestampMs = 1500 },
        });
        ids.AddRange(await driver.ScheduleAsync(photos, fixture.Clock.GetUtcNow(), new
        {
            socialAccountId = account,
            options = new { title = "Two shots", autoAddMusic = true },
        }));

        var post = await driver.SettledAsync(ids[0]);
        Assert.Equal("published", post.GetProperty("status").GetString());
        Assert.Equal(
            """{"privacyLevel":"MUTUAL_FOLLOW_FRIENDS","disableComment":true,"disableDuet":true,"disableStitch":false,"brandContentToggle":false,"brandOrganicToggle":true,"videoCoverTimestampMs":1500}""",
            post.GetProperty("options").GetRawText());
        Assert.Equal("published", (await driver.SettledAsync(ids[1])).GetProperty("status").GetString());

        var delivered = await driver.PublishedAtSandboxAsync("tiktok", handle);
        var sent = delivered.Single(d => d.GetProperty("assets").GetArrayLength() == 1).GetProperty("received");
        Assert.Equal("MUTUAL_FOLLOW_FRIENDS", sent.GetProperty("privacy_level").GetString());
        Assert.True(sent.GetProperty("disable_comment").GetBoolean(), "the creator switched comments off");
        Assert.True(sent.GetProperty("disable_duet").GetBoolean());
        Assert.False(sent.GetProperty("disable_stitch").GetBoolean());
        Assert.False(sent.GetProperty("brand_content_toggle").GetBoolean());
        Assert.True(sent.GetProperty("brand_organic_toggle").GetBoolean());
        Assert.Equal(1500, sent.GetProperty("video_cover_timestamp_ms").GetInt64());

        var photoSent = delivered.Single(d => d.GetProperty("assets").GetArrayLength() == 2).GetProperty("received");
        Assert.Equal("Two shots", photoSent.GetProperty("title").GetString());
        Assert.Equal("Launch day #coffee", photoSent.GetProperty("description").GetString());
        Assert.True(photoSent.GetProperty("auto_add_music").GetBoolean());
        Assert.Equal("PUBLIC_TO_EVERYONE", photoSent.GetProperty("privacy_level").GetString());
        Assert.False(photoSent.TryGetProperty("disable_duet", out _), "photo posts have no duets");
    }

    [Fact]
    public async Task ACreatorWhoTakesAPrivacyLevelAwayAfterSchedulingHasThePostFailWithOptionsNotAllowedNeverSentAnotherWay()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("changed");
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(ShortVideo);
        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow().AddMinutes(10), new
        {
            socialAccountId = account,
            options = new { privacyLevel = "FOLLOWER_OF_CREATOR" },
        }));

        await ShapeCreatorAsync("tiktok", handle, new { privacyLevelOptions = new[] { "SELF_ONLY" } });
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        await fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledPostGrain>(id).RunAsync();

        var post = await driver.SettledAsync(id);
        Assert.Equal("failed", post.GetProperty("status").GetString());
        Assert.Equal("OPTIONS_NOT_ALLOWED", post.GetProperty("lastError").GetProperty("code").GetString());
        Assert.Equal("privacy_level_option_mismatch", post.GetProperty("lastError").GetProperty("platformCode").GetString());
        Assert.Equal("FOLLOWER_OF_CREATOR", post.GetProperty("options").GetProperty("privacyLevel").GetString());
        Assert.Empty(await driver.PublishedAtSandboxAsync("tiktok", handle));
    }

    [Fact]
    public async Task CreatorInfoShowsWhatAPostingScreenNeedsReadAtMostOnceAMinute()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("screen");
        var account = await driver.ConnectAsync("tiktok", handle);
        await ShapeCreatorAsync("tiktok", handle, new { privacyLevelOptions = new[] { "PUBLIC_TO_EVERYONE", "SELF_ONLY" }, stitchDisabled = true, maxVideoPostDurationSec = 180 });

        var info = await driver.Tenant.Client.GetJsonAsync($"/v1/social-accounts/{account}/creator-info");
        Assert.Equal("tiktok", info.GetProperty("platform").GetString());
        Assert.Equal(handle, info.GetProperty("username").GetString());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("nickname").GetString()));
        Assert.Equal(["PUBLIC_TO_EVERYONE", "SELF_ONLY"], info.GetProperty("privacyLevelOptions").EnumerateArray().Select(l => l.GetString()));
        Assert.True(info.GetProperty("stitchDisabled").GetBoolean());
        Assert.False(info.GetProperty("commentDisabled").GetBoolean());
        Assert.Equal(180, info.GetProperty("maxVideoPostDurationSec").GetInt32());
        Assert.True(info.GetProperty("canPost").GetBoolean());
        Assert.False(info.TryGetProperty("publishingLimit", out _), "Instagram's fields are left out");

        var reads = (await SandboxUserAsync("tiktok", handle)).GetProperty("creatorInfoReads").GetInt32();
        await ShapeCreatorAsync("tiktok", handle, new { canPost = false });
        Assert.True((await driver.Tenant.Client.GetJsonAsync($"/v1/social-accounts/{account}/creator-info")).GetProperty("canPost").GetBoolean());
        Assert.Equal(reads, (await SandboxUserAsync("tiktok", handle)).GetProperty("creatorInfoReads").GetInt32());

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.False((await driver.Tenant.Client.GetJsonAsync($"/v1/social-accounts/{account}/creator-info")).GetProperty("canPost").GetBoolean());
        Assert.Equal(reads + 1, (await SandboxUserAsync("tiktok", handle)).GetProperty("creatorInfoReads").GetInt32());

        var instagram = await driver.ConnectAsync("instagram", NewHandle("grid"));
        var limit = await driver.Tenant.Client.GetJsonAsync($"/v1/social-accounts/{instagram}/creator-info");
        Assert.Equal("instagram", limit.GetProperty("platform").GetString());
        Assert.Equal("business", limit.GetProperty("accountType").GetString());
        Assert.Equal("""{"quotaUsage":0,"quotaTotal":50,"windowHours":24}""", limit.GetProperty("publishingLimit").GetRawText());
        Assert.False(limit.TryGetProperty("privacyLevelOptions", out _), "TikTok's fields are left out");

        // A token the platform refuses makes the account reauth_required: 409; a revoked account is 404.
        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        using (var invalidate = await fixture.Factory.CreateClient().PostAsync($"/sandbox/tiktok/control/users/{handle}/invalidate-tokens", null))
        {
            invalidate.EnsureSuccessStatusCode();
        }

        await (await driver.Tenant.Client.GetAsync($"/v1/social-accounts/{account}/creator-info")).AssertError(409, "CONFLICT");
        Assert.Equal("reauth_required", (await driver.Tenant.Client.GetJsonAsync($"/v1/social-accounts/{account}")).GetProperty("status").GetString());
        await (await driver.Tenant.Client.GetAsync($"/v1/social-accounts/{account}/creator-info")).AssertError(409, "CONFLICT");
        (await driver.Tenant.Client.DeleteAsync($"/v1/social-accounts/{instagram}")).EnsureSuccessStatusCode();
        await (await driver.Tenant.Client.GetAsync($"/v1/social-accounts/{instagram}/creator-info")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task AnInstagramPostCarriesItsFirstCommentAndATikTokPostSaysItCannot()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("chatty");
        var instagram = await driver.ConnectAsync("instagram", handle);
        var tiktok = await driver.ConnectAsync("tiktok", NewHandle("quiet"));
        var content = await CommentedContentAsync(driver, "Recipe in bio", ShortVideo);
        var ids = await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = instagram }, new { socialAccountId = tiktok });

        var queued = await driver.Tenant.Client.GetJsonAsync($"/v1/scheduled-posts/{ids[1]}");
        Assert.Equal("""{"status":"not_supported","commentId":null,"error":null}""", queued.GetProperty("firstComment").GetRawText());

        var post = await CommentSettledAsync(driver, ids[0]);
        Assert.Equal("published", post.GetProperty("status").GetString());
        var comment = post.GetProperty("firstComment");
        Assert.Equal("posted", comment.GetProperty("status").GetString());
        var delivered = Assert.Single(await driver.PublishedAtSandboxAsync("instagram", handle));
        var posted = Assert.Single(delivered.GetProperty("comments").EnumerateArray());
        Assert.Equal("Recipe in bio", posted.GetProperty("text").GetString());
        Assert.Equal(posted.GetProperty("id").GetString(), comment.GetProperty("commentId").GetString());
        Assert.Equal("published", (await driver.SettledAsync(ids[1])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AFirstCommentThePlatformRefusesNeverFailsItsPost()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("refused");
        var account = await driver.ConnectAsync("instagram", handle);
        using (var arm = await fixture.Factory.CreateClient().PostAsJsonAsync("/sandbox/instagram/control/fail-next-comment", new { code = "100", handle }))
        {
            arm.EnsureSuccessStatusCode();
        }

        var content = await CommentedContentAsync(driver, "First!", PublishingDriver.Image(1));
        var id = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));

        var post = await CommentSettledAsync(driver, id);
        Assert.Equal("published", post.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, post.GetProperty("lastError").ValueKind);
        Assert.Equal("""{"status":"failed","commentId":null,"error":"100"}""", post.GetProperty("firstComment").GetRawText());
        Assert.Equal(0, Assert.Single(await driver.PublishedAtSandboxAsync("instagram", handle)).GetProperty("comments").GetArrayLength());
    }

    [Fact]
    public async Task InstagramOptionsReachTheContainerAndAFeedVideoIsAReelSharedToTheFeed()
    {
        var driver = await ArrangeAsync();
        var handle = NewHandle("reels");
        var account = await driver.ConnectAsync("instagram", handle);
        var video = await driver.ContentAsync(ShortVideo);
        var mixed = await driver.ContentAsync(PublishingDriver.Image(1), ShortVideo);

        var issues = await RejectedAsync(driver, video, new
        {
            socialAccountId = account,
            mode = "feed",
            options = new { shareToFeed = false, privacyLevel = "SELF_ONLY", collaborators = new[] { "a", "b", "c", "d" }, locationId = "downtown" },
        });
        Assert.Equal(["targets[0].options.collaborators", "targets[0].options.locationId", "targets[0].options.privacyLevel", "targets[0].options.shareToFeed"], issues.Keys.Order());
        issues = await RejectedAsync(driver, mixed, new { socialAccountId = account, mode = "feed", options = new { coverUrl = "https://cdn.example.com/cover.jpg" } });
        Assert.Equal("For reels (a single video) only.", At(issues, "targets[0].options.coverUrl"));

        var ids = await driver.ScheduleAsync(video, fixture.Clock.GetUtcNow(), new
        {
            socialAccountId = account,
            mode = "reels",
            options = new { shareToFeed = false, coverUrl = "https://cdn.example.com/cover.jpg", thumbOffsetMs = 2000, collaborators = new[] { "roastery.co" }, locationId = "1234567" },
        });
        ids.AddRange(await driver.ScheduleAsync(video, fixture.Clock.GetUtcNow(), new { socialAccountId = account, mode = "feed" }));
        ids.AddRange(await driver.ScheduleAsync(mixed, fixture.Clock.GetUtcNow(), new { socialAccountId = account, options = new { collaborators = new[] { "roastery.co" } } }));

        var posts = new List<JsonElement>();
        foreach (var id in ids)
        {
            posts.Add(await driver.SettledAsync(id));
            Assert.Equal("published", posts[^1].GetProperty("status").GetString());
        }

        Assert.False(posts[0].GetProperty("options").GetProperty("shareToFeed").GetBoolean());
        Assert.True(posts[1].GetProperty("options").GetProperty("shareToFeed").GetBoolean());
        Assert.False(posts[2].GetProperty("options").TryGetProperty("shareToFeed", out _));

        var delivered = await driver.PublishedAtSandboxAsync("instagram", handle);
        Assert.Equal(3, delivered.Count);
        var reel = delivered.Single(d => d.GetProperty("received").TryGetProperty("cover_url", out _)).GetProperty("received");
        Assert.Equal("REELS", reel.GetProperty("media_type").GetString());
        Assert.Equal("false", reel.GetProperty("share_to_feed").GetString());
        Assert.Equal("https://cdn.example.com/cover.jpg", reel.GetProperty("cover_url").GetString());
        Assert.Equal("2000", reel.GetProperty("thumb_offset").GetString());
        Assert.Equal("""["roastery.co"]""", reel.GetProperty("collaborators").GetString());
        Assert.Equal("1234567", reel.GetProperty("location_id").GetString());

        var feedVideo = delivered.Single(d => d.GetProperty("received").TryGetProperty("share_to_feed", out var share) && share.GetString() == "true").GetProperty("received");
        Assert.Equal("REELS", feedVideo.GetProperty("media_type").GetString());
        var carousel = delivered.Single(d => d.GetProperty("assets").GetArrayLength() == 2).GetProperty("received");
        Assert.Equal("CAROUSEL", carousel.GetProperty("media_type").GetString());
        Assert.Equal("""["roastery.co"]""", carousel.GetProperty("collaborators").GetString());
    }

    private async Task<Dictionary<string, string>> RejectedAsync(PublishingDriver driver, string content, params object[] targets)
    {
        using var response = await driver.Tenant.Client.PostAsJsonAsync($"/v1/content/{content}/schedule", new { scheduledFor = fixture.Clock.GetUtcNow(), targets });
        var error = await response.AssertError(422, "VALIDATION");
        return error.GetProperty("details").GetProperty("issues").EnumerateArray()
            .ToDictionary(i => i.GetProperty("path").GetString()!, i => i.GetProperty("message").GetString()!);
    }

    /// <summary>The issue at <paramref name="path"/>; the failure names every path there is.</summary>
    private static string At(Dictionary<string, string> issues, string path) =>
        issues.TryGetValue(path, out var message)
            ? message
            : throw new Xunit.Sdk.XunitException($"No issue at {path}; issues: {string.Join(" | ", issues.Select(i => $"{i.Key}: {i.Value}"))}");

    private static async Task<string> CommentedContentAsync(PublishingDriver driver, string firstComment, params object[] assets)
    {
        var content = await driver.Tenant.Client.PostJsonAsync($"/v1/projects/{driver.ProjectId}/content", new { caption = "Launch day #coffee", firstComment, assets });
        Assert.Equal(firstComment, content.GetProperty("firstComment").GetString());
        return content.GetProperty("id").GetString()!;
    }

    /// <summary>Polls until the post is settled and its first comment is no longer pending, with a deadline.</summary>
    private static async Task<JsonElement> CommentSettledAsync(PublishingDriver driver, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var post = await driver.SettledAsync(id);
            if (post.GetProperty("firstComment").GetProperty("status").GetString() != "pending" || DateTime.UtcNow > deadline)
            {
                return post;
            }

            await Task.Delay(200);
        }
    }

    private async Task ShapeCreatorAsync(string platform, string handle, object settings)
    {
        using var response = await fixture.Factory.CreateClient().PostAsJsonAsync($"/sandbox/{platform}/control/users/{handle}", settings);
        response.EnsureSuccessStatusCode();
    }

    private Task<JsonElement> SandboxUserAsync(string platform, string handle) =>
        fixture.Factory.CreateClient().GetJsonAsync($"/sandbox/{platform}/control/users/{handle}");

    private static string NewHandle(string prefix) => $"{prefix}.{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<PublishingDriver> ArrangeAsync() =>
        await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync());
}

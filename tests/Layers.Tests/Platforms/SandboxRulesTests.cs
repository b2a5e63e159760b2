using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Layers.Platforms;
using Layers.Sandbox;
using Layers.SocialAccounts;
using Microsoft.AspNetCore.WebUtilities;

namespace Layers.Tests.Platforms;

/// <summary>
/// The simulators hold callers to the platforms' documented rules (API.md §8), driven here over raw HTTP with the
/// bodies TikTok and Instagram document, not through the service's clients, so these tests say what the platforms
/// demand whatever the clients do.
/// </summary>
public sealed class SandboxRulesTests(PlatformSandboxFixture sandbox) : IClassFixture<PlatformSandboxFixture>
{
    private const string CreatorInfo = "/v2/post/publish/creator_info/query/";
    private const string VideoInit = "/v2/post/publish/video/init/";
    private const string InboxInit = "/v2/post/publish/inbox/video/init/";
    private const string ContentInit = "/v2/post/publish/content/init/";
    private const string StatusFetch = "/v2/post/publish/status/fetch/";
    private const string VideoQuery = "/v2/video/query/";

    /// <summary>A Graph version with years of life left.</summary>
    private const string Graph = "v25.0";

    private static readonly string[] AllTikTokScopes = ["user.info.basic", "video.publish", "video.upload", "video.list"];

    private static readonly string[] InstagramScopes = ["instagram_business_basic", "instagram_business_content_publish"];

    [Fact]
    public async Task ASeventhVideoInitWithinAMinuteIsRateLimitedAndTheLimitLiftsAMinuteLater()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var token = await TikTokTokenAsync(handle, AllTikTokScopes);
        for (var i = 0; i < 6; i++)
        {
            var accepted = await TikTokAsync(token, VideoInit, VideoPost());
            Assert.True(accepted.Status == HttpStatusCode.OK, accepted.Body.ToString());
        }

        var limited = await TikTokAsync(token, VideoInit, VideoPost());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(JsonValueKind.Object, limited.Body.GetProperty("data").ValueKind);
        Assert.Empty(limited.Body.GetProperty("data").EnumerateObject());
        Assert.Equal("rate_limit_exceeded", ErrorCode(limited.Body));
        Assert.False(string.IsNullOrEmpty(limited.Body.GetProperty("error").GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(limited.Body.GetProperty("error").GetProperty("log_id").GetString()));

        // Each init endpoint has its own budget, and so has each token of the same user.
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(token, ContentInit, PhotoPost())).Status);
        var other = await TikTokTokenAsync(handle, AllTikTokScopes);
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(other, VideoInit, VideoPost())).Status);

        var report = await sandbox.UserAsync(PlatformNames.TikTok, handle);
        Assert.Equal(7, report.CallsLastMinute[VideoInit]);
        Assert.Equal(1, report.CallsLastMinute[ContentInit]);
        Assert.Equal(1, report.RateLimited);

        sandbox.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TikTokAsync(token, VideoInit, VideoPost())).Status);
        sandbox.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(token, VideoInit, VideoPost())).Status);

        report = await sandbox.UserAsync(PlatformNames.TikTok, handle);
        Assert.Equal(1, report.CallsLastMinute[VideoInit]);
        Assert.False(report.CallsLastMinute.ContainsKey(ContentInit));
        Assert.Equal(2, report.RateLimited);
    }

    [Theory]
    [InlineData(CreatorInfo, 20)]
    [InlineData(VideoInit, 6)]
    [InlineData(InboxInit, 6)]
    [InlineData(ContentInit, 6)]
    [InlineData(StatusFetch, 30)]
    [InlineData(VideoQuery, 600)]
    public async Task EveryTikTokEndpointCountsEachCallOfATokenAgainstItsLimitPerMinuteWhateverTheCallAsked(string endpoint, int perMinute)
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var token = await TikTokTokenAsync(handle, AllTikTokScopes);
        var path = endpoint == VideoQuery ? endpoint + "?fields=id" : endpoint;

        // Empty bodies are refused as invalid, and still count: the limit is checked right after the token.
        for (var i = 0; i < perMinute; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await TikTokAsync(token, path, new JsonObject())).Status);
        }

        var limited = await TikTokAsync(token, path, new JsonObject());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("rate_limit_exceeded", ErrorCode(limited.Body));

        // A token that is not valid is refused as such, and counts nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TikTokAsync("act.not-a-token", path, new JsonObject())).Status);
        var report = await sandbox.UserAsync(PlatformNames.TikTok, handle);
        Assert.Equal(perMinute, report.CallsLastMinute[endpoint]);
        Assert.Equal(1, report.RateLimited);
    }

    [Fact]
    public async Task DirectPostsWithoutPrivacyLevelOrBrandTogglesOrWithPrivateBrandedContentAreInvalidParams()
    {
        var token = await TikTokTokenAsync(PlatformSandboxFixture.NewHandle("tt"), AllTikTokScopes);

        var noPrivacy = VideoPost();
        noPrivacy["post_info"]!.AsObject().Remove("privacy_level");
        await AssertInvalidAsync(token, VideoInit, noPrivacy, "privacy_level");

        var noBrandContent = VideoPost();
        noBrandContent["post_info"]!.AsObject().Remove("brand_content_toggle");
        await AssertInvalidAsync(token, VideoInit, noBrandContent, "brand_content_toggle");

        var textToggle = VideoPost();
        textToggle["post_info"]!["brand_content_toggle"] = "false";
        await AssertInvalidAsync(token, VideoInit, textToggle, "brand_content_toggle");

        var privateBranded = VideoPost("SELF_ONLY");
        privateBranded["post_info"]!["brand_content_toggle"] = true;
        await AssertInvalidAsync(token, VideoInit, privateBranded, "SELF_ONLY");

        var photoWithoutOrganic = PhotoPost();
        photoWithoutOrganic["post_info"]!.AsObject().Remove("brand_organic_toggle");
        await AssertInvalidAsync(token, ContentInit, photoWithoutOrganic, "brand_organic_toggle");

        var photoWithoutBrandContent = PhotoPost();
        photoWithoutBrandContent["post_info"]!.AsObject().Remove("brand_content_toggle");
        await AssertInvalidAsync(token, ContentInit, photoWithoutBrandContent, "brand_content_toggle");

        // Complete posts go, private ones too when not branded; the video post needs no brand_organic_toggle, and an
        // upload to the inbox none of the direct post's fields.
        var video = VideoPost("SELF_ONLY");
        video["post_info"]!.AsObject().Remove("brand_organic_toggle");
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(token, VideoInit, video)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(token, ContentInit, PhotoPost())).Status);
        var upload = PhotoPost();
        upload["post_mode"] = "MEDIA_UPLOAD";
        upload["post_info"] = new JsonObject { ["title"] = "to finish in the app" };
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(token, ContentInit, upload)).Status);
    }

    [Fact]
    public async Task AShapedCreatorIsWhatCreatorInfoAnswersAndDirectPostsMustPickFromItsPrivacyOptions()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var token = await TikTokTokenAsync(handle, AllTikTokScopes);

        var defaults = await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject());
        Assert.Equal(HttpStatusCode.OK, defaults.Status);
        Assert.Equal(
            """{"handle":"HANDLE","privacyLevelOptions":["PUBLIC_TO_EVERYONE","MUTUAL_FOLLOW_FRIENDS","FOLLOWER_OF_CREATOR","SELF_ONLY"],"commentDisabled":false,"duetDisabled":false,"stitchDisabled":false,"canPost":true,"maxVideoPostDurationSec":600,"declineScopes":[],"moderationReads":1}"""
                .Replace("HANDLE", handle, StringComparison.Ordinal),
            defaults.Body.GetRawText());

        var shaped = await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject
        {
            ["privacyLevelOptions"] = new JsonArray("FOLLOWER_OF_CREATOR", "SELF_ONLY"),
            ["commentDisabled"] = true,
            ["stitchDisabled"] = true,
            ["maxVideoPostDurationSec"] = 180,
        });
        Assert.Equal(HttpStatusCode.OK, shaped.Status);
        Assert.True(shaped.Body.GetProperty("commentDisabled").GetBoolean());
        Assert.False(shaped.Body.GetProperty("duetDisabled").GetBoolean());

        var info = await TikTokAsync(token, CreatorInfo, null);
        Assert.Equal(HttpStatusCode.OK, info.Status);
        Assert.Equal("ok", ErrorCode(info.Body));
        var data = info.Body.GetProperty("data");
        Assert.Equal(["FOLLOWER_OF_CREATOR", "SELF_ONLY"], data.GetProperty("privacy_level_options").EnumerateArray().Select(l => l.GetString()));
        Assert.True(data.GetProperty("comment_disabled").GetBoolean());
        Assert.False(data.GetProperty("duet_disabled").GetBoolean());
        Assert.True(data.GetProperty("stitch_disabled").GetBoolean());
        Assert.Equal(180, data.GetProperty("max_video_post_duration_sec").GetInt32());

        var video = await TikTokAsync(token, VideoInit, VideoPost("PUBLIC_TO_EVERYONE"));
        Assert.Equal(HttpStatusCode.BadRequest, video.Status);
        Assert.Equal("privacy_level_option_mismatch", ErrorCode(video.Body));
        var photo = await TikTokAsync(token, ContentInit, PhotoPost("MUTUAL_FOLLOW_FRIENDS"));
        Assert.Equal(HttpStatusCode.BadRequest, photo.Status);
        Assert.Equal("privacy_level_option_mismatch", ErrorCode(photo.Body));
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(token, VideoInit, VideoPost("FOLLOWER_OF_CREATOR"))).Status);

        // Only the fields given change; bad values change nothing.
        var widened = await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["privacyLevelOptions"] = new JsonArray("PUBLIC_TO_EVERYONE") });
        Assert.True(widened.Body.GetProperty("commentDisabled").GetBoolean());
        Assert.Equal(180, widened.Body.GetProperty("maxVideoPostDurationSec").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(token, VideoInit, VideoPost("PUBLIC_TO_EVERYONE"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["privacyLevelOptions"] = new JsonArray("EVERYONE") })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["privacyLevelOptions"] = new JsonArray() })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["canPost"] = "no" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["maxVideoPostDurationSec"] = 0 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["moderationReads"] = -1 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["privacyLevels"] = new JsonArray("SELF_ONLY") })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ShapeAsync(PlatformNames.TikTok, "not a handle", new JsonObject())).Status);
        var unchanged = await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject());
        Assert.Equal(["PUBLIC_TO_EVERYONE"], unchanged.Body.GetProperty("privacyLevelOptions").EnumerateArray().Select(l => l.GetString()));
        Assert.True(unchanged.Body.GetProperty("canPost").GetBoolean());
    }

    [Fact]
    public async Task ACreatorWhoMayNotPostIsToldSoByCreatorInfoOnA200AndRefusedAtEveryInit()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var token = await TikTokTokenAsync(handle, AllTikTokScopes);
        Assert.Equal(HttpStatusCode.OK, (await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["canPost"] = false })).Status);

        var info = await TikTokAsync(token, CreatorInfo, null);
        Assert.Equal(HttpStatusCode.OK, info.Status);
        Assert.Equal("spam_risk_too_many_posts", ErrorCode(info.Body));

        var upload = PhotoPost();
        upload["post_mode"] = "MEDIA_UPLOAD";
        var inbox = new JsonObject { ["source_info"] = VideoPost()["source_info"]!.DeepClone() };
        foreach (var (path, body) in new (string, JsonObject)[] { (VideoInit, VideoPost()), (InboxInit, inbox), (ContentInit, PhotoPost()), (ContentInit, upload) })
        {
            var refused = await TikTokAsync(token, path, body);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.Equal("spam_risk_too_many_posts", ErrorCode(refused.Body));
        }

        Assert.Empty(await PublishedAsync(PlatformNames.TikTok, handle));
        await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["canPost"] = true });
        Assert.Equal("ok", ErrorCode((await TikTokAsync(token, CreatorInfo, null)).Body));
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(token, VideoInit, VideoPost())).Status);
    }

    [Fact]
    public async Task ScopesACreatorDeclinesAreLeftOutOfWhatTheConsentGrantsOnBothPlatforms()
    {
        var tikTokHandle = PlatformSandboxFixture.NewHandle("tt");
        await ShapeAsync(PlatformNames.TikTok, tikTokHandle, new JsonObject { ["declineScopes"] = new JsonArray("video.list") });
        var (code, redirectScopes) = await ConsentAsync(PlatformNames.TikTok, tikTokHandle, AllTikTokScopes);
        Assert.Equal("user.info.basic,video.publish,video.upload", redirectScopes);
        var exchange = await TikTokExchangeAsync(code);
        Assert.Equal("user.info.basic,video.publish,video.upload", exchange.GetProperty("scope").GetString());

        var instagramHandle = PlatformSandboxFixture.NewHandle("ig");
        await ShapeAsync(PlatformNames.Instagram, instagramHandle, new JsonObject { ["declineScopes"] = new JsonArray("instagram_business_manage_insights") });
        var account = await InstagramTokenAsync(instagramHandle, [.. InstagramScopes, "instagram_business_manage_insights"]);
        Assert.Equal(string.Join(',', InstagramScopes), account.Permissions);
    }

    [Fact]
    public async Task TikTokCompletesAPostBeforeModerationAndShowsItsPublicIdOnlyOnTheNextRead()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var token = await TikTokTokenAsync(handle, AllTikTokScopes);
        var publishId = await InitAsync(token);

        var first = await StatusAsync(token, publishId);
        Assert.Equal("PROCESSING_DOWNLOAD", first.GetProperty("status").GetString());

        var complete = await StatusAsync(token, publishId);
        Assert.Equal("PUBLISH_COMPLETE", complete.GetProperty("status").GetString());
        Assert.Empty(complete.GetProperty("publicaly_available_post_id").EnumerateArray());
        var delivered = Assert.Single(await PublishedAsync(PlatformNames.TikTok, handle));
        Assert.Empty(await VideosAsync(token, delivered.Id));

        var moderated = await StatusAsync(token, publishId);
        Assert.Equal("PUBLISH_COMPLETE", moderated.GetProperty("status").GetString());
        var postId = Assert.Single(moderated.GetProperty("publicaly_available_post_id").EnumerateArray()).GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(delivered.Id, postId);
        Assert.Equal(postId, Assert.Single(await VideosAsync(token, postId)).GetProperty("id").GetString());
        Assert.Single(await PublishedAsync(PlatformNames.TikTok, handle));

        // An upload to the inbox has no public id, as before.
        var inbox = new JsonObject { ["source_info"] = VideoPost()["source_info"]!.DeepClone() };
        var draft = (await TikTokAsync(token, InboxInit, inbox)).Body.GetProperty("data").GetProperty("publish_id").GetString()!;
        await StatusAsync(token, draft);
        var sent = await StatusAsync(token, draft);
        Assert.Equal("SEND_TO_USER_INBOX", sent.GetProperty("status").GetString());
        Assert.Empty(sent.GetProperty("publicaly_available_post_id").EnumerateArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task ThePublicPostIdAppearsAsManyReadsAfterCompletionAsTheCreatorsModerationTakes(int moderationReads)
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var token = await TikTokTokenAsync(handle, AllTikTokScopes);
        await ShapeAsync(PlatformNames.TikTok, handle, new JsonObject { ["moderationReads"] = moderationReads });
        var publishId = await InitAsync(token);

        Assert.Equal("PROCESSING_DOWNLOAD", (await StatusAsync(token, publishId)).GetProperty("status").GetString());
        for (var read = 0; read < moderationReads; read++)
        {
            var pending = await StatusAsync(token, publishId);
            Assert.Equal("PUBLISH_COMPLETE", pending.GetProperty("status").GetString());
            Assert.Empty(pending.GetProperty("publicaly_available_post_id").EnumerateArray());
        }

        var shown = await StatusAsync(token, publishId);
        Assert.Equal("PUBLISH_COMPLETE", shown.GetProperty("status").GetString());
        Assert.Single(shown.GetProperty("publicaly_available_post_id").EnumerateArray());
    }

    [Fact]
    public async Task TheVideoQueryNeedsVideoListEvenFromATokenThatCanPost()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var poster = await TikTokTokenAsync(handle, ["user.info.basic", "video.publish", "video.upload"]);
        var publishId = await InitAsync(poster);
        await StatusAsync(poster, publishId);
        await StatusAsync(poster, publishId);
        var postId = Assert.Single((await StatusAsync(poster, publishId)).GetProperty("publicaly_available_post_id").EnumerateArray()).GetInt64();

        var refused = await TikTokAsync(poster, VideoQuery + "?fields=id,view_count", new JsonObject { ["filters"] = new JsonObject { ["video_ids"] = new JsonArray(postId.ToString(CultureInfo.InvariantCulture)) } });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("scope_not_authorized", ErrorCode(refused.Body));

        var reader = await TikTokTokenAsync(handle, ["user.info.basic", "video.list"]);
        Assert.Single(await VideosAsync(reader, postId.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task MediaInsightsNeedTheInsightsPermission()
    {
        var handle = PlatformSandboxFixture.NewHandle("ig");
        var publisher = await InstagramTokenAsync(handle, InstagramScopes);
        var mediaId = (await PublishImageAsync(publisher)).GetProperty("id").GetString()!;

        var refused = await InstagramGetAsync(publisher.Token, $"/{Graph}/{mediaId}/insights", "metric=views,likes");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        var error = refused.Body.GetProperty("error");
        Assert.Equal("(#10) Application does not have permission for this action", error.GetProperty("message").GetString());
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.Equal(10, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("fbtrace_id").GetString()));

        var analyst = await InstagramTokenAsync(handle, [.. InstagramScopes, "instagram_business_manage_insights"]);
        var insights = await InstagramGetAsync(analyst.Token, $"/{Graph}/{mediaId}/insights", "metric=views,likes");
        Assert.Equal(HttpStatusCode.OK, insights.Status);
        Assert.Equal(2, insights.Body.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task TheFiftyFirstPublishWithinADayIsRefusedAndTheQuotaFreesUpADayLater()
    {
        var account = await InstagramTokenAsync(PlatformSandboxFixture.NewHandle("ig"), InstagramScopes);
        Assert.Equal(0, await QuotaUsageAsync(account));
        for (var i = 0; i < 50; i++)
        {
            Assert.True((await PublishImageAsync(account)).TryGetProperty("id", out _));
        }

        var limit = await InstagramGetAsync(account.Token, $"/{Graph}/{account.UserId}/content_publishing_limit", "fields=quota_usage,config");
        Assert.Equal(HttpStatusCode.OK, limit.Status);
        Assert.Equal("""{"data":[{"quota_usage":50,"config":{"quota_total":50,"quota_duration":86400}}]}""", limit.Body.GetRawText());

        var containerId = await ReadyContainerAsync(account);
        var refused = await InstagramPostAsync(account.Token, $"/{Graph}/{account.UserId}/media_publish", new() { ["creation_id"] = containerId });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var error = refused.Body.GetProperty("error");
        Assert.Equal(9, error.GetProperty("code").GetInt32());
        Assert.Equal(2207042, error.GetProperty("error_subcode").GetInt32());
        Assert.Equal(50, await QuotaUsageAsync(account));

        sandbox.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(0, await QuotaUsageAsync(account));
        var published = await InstagramPostAsync(account.Token, $"/{Graph}/{account.UserId}/media_publish", new() { ["creation_id"] = containerId });
        Assert.Equal(HttpStatusCode.OK, published.Status);
        Assert.Equal(1, await QuotaUsageAsync(account));
    }

    [Fact]
    public async Task AGraphVersionPastItsEndOfLifeIsRefusedWithError2635()
    {
        var account = await InstagramTokenAsync(PlatformSandboxFixture.NewHandle("ig"), InstagramScopes);
        AssertDeprecated(await InstagramGetAsync(account.Token, $"/v20.0/me", "fields=id,username"));
        AssertDeprecated(await InstagramPostAsync(account.Token, $"/v19.0/{account.UserId}/media", new() { ["image_url"] = "https://media.example/p.jpg" }));
        Assert.Equal(HttpStatusCode.OK, (await InstagramGetAsync(account.Token, $"/v26.0/me", "fields=id")).Status);

        // v21.0 ends on 2027-01-21 on the sandbox's clock, whatever the day the test runs.
        var endOfLife = new DateTimeOffset(2027, 1, 21, 0, 0, 0, TimeSpan.Zero);
        if (sandbox.Clock.GetUtcNow() < endOfLife)
        {
            Assert.Equal(HttpStatusCode.OK, (await InstagramGetAsync(account.Token, $"/v21.0/me", "fields=id")).Status);
            sandbox.Clock.Advance(endOfLife - sandbox.Clock.GetUtcNow());
        }

        var renewed = await InstagramTokenAsync(account.Handle, InstagramScopes);
        AssertDeprecated(await InstagramGetAsync(renewed.Token, $"/v21.0/{renewed.UserId}/content_publishing_limit", null));
        Assert.Equal(HttpStatusCode.OK, (await InstagramGetAsync(renewed.Token, $"/{Graph}/{renewed.UserId}/content_publishing_limit", null)).Status);
    }

    [Fact]
    public async Task ArmedFailuresStillFailTheNextPublishAndAreNotCountedAsRateLimits()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var token = await TikTokTokenAsync(handle, AllTikTokScopes);
        using (var armed = await sandbox.Browser.PostAsJsonAsync("/sandbox/tiktok/control/fail-next-publish", new { code = "rate_limit_exceeded", handle }))
        {
            armed.EnsureSuccessStatusCode();
        }

        var refused = await TikTokAsync(token, VideoInit, VideoPost());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("rate_limit_exceeded", ErrorCode(refused.Body));
        Assert.Equal(HttpStatusCode.OK, (await TikTokAsync(token, VideoInit, VideoPost())).Status);
        Assert.Equal(0, (await sandbox.UserAsync(PlatformNames.TikTok, handle)).RateLimited);

        var account = await InstagramTokenAsync(PlatformSandboxFixture.NewHandle("ig"), InstagramScopes);
        using (var armed = await sandbox.Browser.PostAsJsonAsync("/sandbox/instagram/control/fail-next-publish", new { code = "9", handle = account.Handle }))
        {
            armed.EnsureSuccessStatusCode();
        }

        var limited = await InstagramPostAsync(account.Token, $"/{Graph}/{account.UserId}/media", new() { ["image_url"] = "https://media.example/p.jpg" });
        Assert.Equal(HttpStatusCode.BadRequest, limited.Status);
        Assert.Equal(2207042, limited.Body.GetProperty("error").GetProperty("error_subcode").GetInt32());
        Assert.True((await PublishImageAsync(account)).TryGetProperty("id", out _));
    }

    [Fact]
    public async Task TikTokPullsOnlyFromVerifiedUrlPrefixes()
    {
        var token = await TikTokTokenAsync(PlatformSandboxFixture.NewHandle("tt"), AllTikTokScopes);
        var video = VideoPost();
        video["source_info"]!["video_url"] = "https://cdn.partner.example/clip.mp4";
        var photos = PhotoPost();
        photos["source_info"]!["photo_images"] = new JsonArray("https://media.example/p1.jpg", "https://cdn.partner.example/p2.jpg");
        foreach (var (path, body) in new[] { (VideoInit, video), (ContentInit, photos) })
        {
            var refused = await TikTokAsync(token, path, body);
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
            Assert.Equal("url_ownership_unverified", ErrorCode(refused.Body));
        }

        // The service's media proxy is verified: a link it did not make is taken at init, and its download fails.
        video["source_info"]!["video_url"] = $"{sandbox.Factory.BaseUrl}/media/test1.not-a-link";
        var accepted = await TikTokAsync(token, VideoInit, video);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        var publishId = accepted.Body.GetProperty("data").GetProperty("publish_id").GetString()!;
        await StatusAsync(token, publishId);
        var failed = await StatusAsync(token, publishId);
        Assert.Equal("FAILED", failed.GetProperty("status").GetString());
        Assert.Equal("video_pull_failed", failed.GetProperty("fail_reason").GetString());
    }

    [Theory]
    [InlineData("video", "clip.avi", "file_format_check_failed")]
    [InlineData("video", "clip.mp4?bytes=5000000000", "file_format_check_failed")]
    [InlineData("video", "clip.mp4?durationMs=660000", "duration_check_failed")]
    [InlineData("video", "clip.mp4?fps=120", "frame_rate_check_failed")]
    [InlineData("video", "clip.mp4?width=320&height=640", "picture_size_check_failed")]
    [InlineData("video", "missing.mp4", "video_pull_failed")]
    [InlineData("image", "p.png", "file_format_check_failed")]
    [InlineData("image", "p.jpg?width=2400&height=3000", "picture_size_check_failed")]
    [InlineData("image", "p.jpg?bytes=25000000", "file_format_check_failed")]
    [InlineData("image", "missing.jpg", "photo_pull_failed")]
    public async Task TikTokChecksTheMediaItPulledAgainstItsRestrictions(string kind, string file, string failReason)
    {
        var token = await TikTokTokenAsync(PlatformSandboxFixture.NewHandle("tt"), AllTikTokScopes);
        var body = kind == "video" ? VideoPost() : PhotoPost();
        if (kind == "video")
        {
            body["source_info"]!["video_url"] = "https://media.example/" + file;
        }
        else
        {
            body["source_info"]!["photo_images"] = new JsonArray("https://media.example/p1.jpg", "https://media.example/" + file);
        }

        var init = await TikTokAsync(token, kind == "video" ? VideoInit : ContentInit, body);
        Assert.Equal(HttpStatusCode.OK, init.Status);
        var publishId = init.Body.GetProperty("data").GetProperty("publish_id").GetString()!;
        Assert.Equal("PROCESSING_DOWNLOAD", (await StatusAsync(token, publishId)).GetProperty("status").GetString());
        var failed = await StatusAsync(token, publishId);
        Assert.Equal("FAILED", failed.GetProperty("status").GetString());
        Assert.Equal(failReason, failed.GetProperty("fail_reason").GetString());
    }

    [Theory]
    [InlineData(3_000_000, 3_000_000, 2, "under 5 MB")]
    [InlineData(20_000_000, 4_000_000, 5, "at least 5 MB")]
    [InlineData(200_000_000, 70_000_000, 2, "at most 64 MB")]
    [InlineData(50_000_000, 10_000_000, 4, "rounded down")]
    [InlineData(300_000_000, 6_000_000, 1, "rounded down")]
    public async Task AFileUploadInitMustKeepTheChunkRules(long size, long chunk, int count, string named)
    {
        var token = await TikTokTokenAsync(PlatformSandboxFixture.NewHandle("tt"), AllTikTokScopes);
        var body = VideoPost();
        body["source_info"] = new JsonObject { ["source"] = "FILE_UPLOAD", ["video_size"] = size, ["chunk_size"] = chunk, ["total_chunk_count"] = count };
        await AssertInvalidAsync(token, VideoInit, body, named);
    }

    [Fact]
    public async Task ChunksAreTakenInOrderAndTheUploadedVideoIsCheckedLikeAPulledOne()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var token = await TikTokTokenAsync(handle, AllTikTokScopes);
        const long Size = 12L << 20;
        const long Chunk = 5L << 20;
        var file = Layers.Media.SyntheticMediaFile.For(new Uri($"https://media.example/up.mp4?bytes={Size}&moov=end&durationMs=20000"))!;
        var body = VideoPost();
        body["source_info"] = new JsonObject { ["source"] = "FILE_UPLOAD", ["video_size"] = Size, ["chunk_size"] = Chunk, ["total_chunk_count"] = 2 };
        var init = await TikTokAsync(token, VideoInit, body);
        Assert.Equal(HttpStatusCode.OK, init.Status);
        var data = init.Body.GetProperty("data");
        var uploadUrl = data.GetProperty("upload_url").GetString()!;
        var publishId = data.GetProperty("publish_id").GetString()!;
        Assert.Equal("PROCESSING_UPLOAD", (await StatusAsync(token, publishId)).GetProperty("status").GetString());

        async Task<HttpResponseMessage> PutAsync(long first, long last, string type = "video/mp4")
        {
            var bytes = new byte[last - first + 1];
            file.Read(first, bytes);
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Headers.ContentRange = new ContentRangeHeaderValue(first, last, Size);
            return await sandbox.Browser.PutAsync(uploadUrl, content);
        }

        // The last chunk takes the trailing bytes: 5 MiB, then 7 MiB.
        using (var outOfOrder = await PutAsync(Chunk, Size - 1)) Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, outOfOrder.StatusCode);
        using (var notVideo = await PutAsync(0, Chunk - 1, "image/jpeg")) Assert.Equal(HttpStatusCode.BadRequest, notVideo.StatusCode);
        using (var first = await PutAsync(0, Chunk - 1)) Assert.Equal(HttpStatusCode.PartialContent, first.StatusCode);
        using (var last = await PutAsync(Chunk, Size - 1)) Assert.Equal(HttpStatusCode.Created, last.StatusCode);

        await StatusAsync(token, publishId);
        Assert.Equal("PUBLISH_COMPLETE", (await StatusAsync(token, publishId)).GetProperty("status").GetString());
        Assert.Single(await PublishedAsync(PlatformNames.TikTok, handle));
    }

    [Theory]
    [InlineData("image_url", "p.png", 2207005)]
    [InlineData("image_url", "p.jpg?bytes=9000000", 2207004)]
    [InlineData("image_url", "p.jpg?width=1080&height=1920", 2207009)]
    [InlineData("image_url", "missing.jpg", 2207052)]
    [InlineData("video_url", "clip.webm", 2207026)]
    [InlineData("video_url", "clip.mp4?durationMs=2000", 2207026)]
    [InlineData("video_url", "clip.mp4?bytes=400000000", 2207026)]
    public async Task InstagramChecksTheMediaItFetchedForAContainer(string field, string file, int subcode)
    {
        var account = await InstagramTokenAsync(PlatformSandboxFixture.NewHandle("ig"), InstagramScopes);
        var parameters = new Dictionary<string, string> { [field] = "https://media.example/" + file };
        if (field == "video_url")
        {
            parameters["media_type"] = "REELS";
        }

        var created = await InstagramPostAsync(account.Token, $"/{Graph}/{account.UserId}/media", parameters);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var containerId = created.Body.GetProperty("id").GetString()!;
        JsonElement status;
        do
        {
            status = (await InstagramGetAsync(account.Token, $"/{Graph}/{containerId}", "fields=status_code,status")).Body;
        }
        while (status.GetProperty("status_code").GetString() == "IN_PROGRESS");

        Assert.Equal("ERROR", status.GetProperty("status_code").GetString());
        Assert.EndsWith(subcode.ToString(CultureInfo.InvariantCulture), status.GetProperty("status").GetString(), StringComparison.Ordinal);
    }

    private static JsonObject VideoPost(string privacyLevel = "PUBLIC_TO_EVERYONE") => new()
    {
        ["post_info"] = new JsonObject
        {
            ["title"] = "A clip #sandbox",
            ["privacy_level"] = privacyLevel,
            ["disable_duet"] = false,
            ["disable_comment"] = false,
            ["disable_stitch"] = false,
            ["video_cover_timestamp_ms"] = 1000,
            ["brand_content_toggle"] = false,
            ["brand_organic_toggle"] = false,
        },
        ["source_info"] = new JsonObject { ["source"] = "PULL_FROM_URL", ["video_url"] = "https://media.example/clip.mp4" },
    };

    private static JsonObject PhotoPost(string privacyLevel = "PUBLIC_TO_EVERYONE") => new()
    {
        ["post_info"] = new JsonObject
        {
            ["title"] = "Two photos",
            ["description"] = "Two photos #sandbox",
            ["disable_comment"] = false,
            ["privacy_level"] = privacyLevel,
            ["auto_add_music"] = true,
            ["brand_content_toggle"] = false,
            ["brand_organic_toggle"] = false,
        },
        ["source_info"] = new JsonObject
        {
            ["source"] = "PULL_FROM_URL",
            ["photo_cover_index"] = 0,
            ["photo_images"] = new JsonArray("https://media.example/p1.jpg", "https://media.example/p2.jpg"),
        },
        ["post_mode"] = "DIRECT_POST",
        ["media_type"] = "PHOTO",
    };

    private static string? ErrorCode(JsonElement body) => body.GetProperty("error").GetProperty("code").GetString();

    private async Task AssertInvalidAsync(string token, string path, JsonObject body, string named)
    {
        var refused = await TikTokAsync(token, path, body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_params", ErrorCode(refused.Body));
        Assert.Contains(named, refused.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static void AssertDeprecated((HttpStatusCode Status, JsonElement Body) answer)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var error = answer.Body.GetProperty("error");
        Assert.Equal(2635, error.GetProperty("code").GetInt32());
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.Equal("(#2635) You are calling a deprecated version of the Graph API. Please update to the latest version.", error.GetProperty("message").GetString());
    }

    /// <summary>A scripted consent at the simulator: the authorization code and the scopes the redirect names (TikTok).</summary>
    private async Task<(string Code, string? Scopes)> ConsentAsync(string platform, string handle, IReadOnlyList<string> scopes)
    {
        var query = new Dictionary<string, string?>
        {
            [platform == PlatformNames.TikTok ? "client_key" : "client_id"] = PlatformOptionsSetup.SandboxClientId,
            ["scope"] = string.Join(',', scopes),
            ["response_type"] = "code",
            ["redirect_uri"] = sandbox.Callback(platform),
            ["state"] = PlatformSandboxFixture.NewState(),
            ["sandbox_user"] = handle,
            ["sandbox_decision"] = "approve",
        };
        using var response = await sandbox.Browser.GetAsync(QueryHelpers.AddQueryString($"/sandbox/{platform}/oauth/authorize", query));
        Assert.True(response.StatusCode == HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        var location = PlatformSandboxFixture.Query(response.Headers.Location!);
        return (location["code"], location.GetValueOrDefault("scopes"));
    }

    private async Task<JsonElement> TikTokExchangeAsync(string code)
    {
        using var response = await sandbox.Browser.PostAsync("/sandbox/tiktok/v2/oauth/token/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_key"] = PlatformOptionsSetup.SandboxClientId,
            ["client_secret"] = PlatformOptionsSetup.SandboxClientSecret,
            ["code"] = code,
            ["grant_type"] = "authorization_code",
            ["redirect_uri"] = sandbox.Callback(PlatformNames.TikTok),
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> TikTokTokenAsync(string handle, IReadOnlyList<string> scopes)
    {
        var (code, _) = await ConsentAsync(PlatformNames.TikTok, handle, scopes);
        return (await TikTokExchangeAsync(code)).GetProperty("access_token").GetString()!;
    }

    /// <summary>A consent, the code exchange and the long-lived token, as Instagram Login hands them out.</summary>
    private async Task<(string Handle, string Token, string UserId, string Permissions)> InstagramTokenAsync(string handle, IReadOnlyList<string> scopes)
    {
        var (code, _) = await ConsentAsync(PlatformNames.Instagram, handle, scopes);
        using var exchange = await sandbox.Browser.PostAsync("/sandbox/instagram/oauth/access_token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = PlatformOptionsSetup.SandboxClientId,
            ["client_secret"] = PlatformOptionsSetup.SandboxClientSecret,
            ["grant_type"] = "authorization_code",
            ["redirect_uri"] = sandbox.Callback(PlatformNames.Instagram),
            ["code"] = code,
        }));
        var grant = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0];
        var shortLived = grant.GetProperty("access_token").GetString()!;
        var longLived = await InstagramGetAsync(shortLived, "/access_token",
            $"grant_type=ig_exchange_token&client_secret={PlatformOptionsSetup.SandboxClientSecret}");
        Assert.Equal(HttpStatusCode.OK, longLived.Status);
        return (handle, longLived.Body.GetProperty("access_token").GetString()!, grant.GetProperty("user_id").GetString()!,
            grant.GetProperty("permissions").GetString()!);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> TikTokAsync(string token, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/tiktok" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await SendAsync(request);
    }

    private async Task<string> InitAsync(string token)
    {
        var init = await TikTokAsync(token, VideoInit, VideoPost());
        Assert.True(init.Status == HttpStatusCode.OK, init.Body.ToString());
        return init.Body.GetProperty("data").GetProperty("publish_id").GetString()!;
    }

    private async Task<JsonElement> StatusAsync(string token, string publishId)
    {
        var status = await TikTokAsync(token, StatusFetch, new JsonObject { ["publish_id"] = publishId });
        Assert.True(status.Status == HttpStatusCode.OK, status.Body.ToString());
        return status.Body.GetProperty("data");
    }

    private async Task<List<JsonElement>> VideosAsync(string token, string videoId)
    {
        var query = await TikTokAsync(token, VideoQuery + "?fields=id,view_count,like_count",
            new JsonObject { ["filters"] = new JsonObject { ["video_ids"] = new JsonArray(videoId) } });
        Assert.True(query.Status == HttpStatusCode.OK, query.Body.ToString());
        return [.. query.Body.GetProperty("data").GetProperty("videos").EnumerateArray()];
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> InstagramGetAsync(string token, string path, string? query)
    {
        var separator = query is null ? "?" : "?" + query + "&";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sandbox/instagram{path}{separator}access_token={Uri.EscapeDataString(token)}");
        return await SendAsync(request);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> InstagramPostAsync(string token, string path, Dictionary<string, string> form)
    {
        form["access_token"] = token;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/instagram" + path) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    /// <summary>An image container read until it is <c>FINISHED</c>, as the docs advise before publishing.</summary>
    private async Task<string> ReadyContainerAsync((string Handle, string Token, string UserId, string Permissions) account)
    {
        var created = await InstagramPostAsync(account.Token, $"/{Graph}/{account.UserId}/media",
            new() { ["image_url"] = "https://media.example/p.jpg", ["caption"] = "A photo #sandbox" });
        Assert.True(created.Status == HttpStatusCode.OK, created.Body.ToString());
        var id = created.Body.GetProperty("id").GetString()!;
        for (var read = 0; read < 5; read++)
        {
            var status = await InstagramGetAsync(account.Token, $"/{Graph}/{id}", "fields=status_code");
            if (status.Body.GetProperty("status_code").GetString() == "FINISHED")
            {
                return id;
            }
        }

        throw new InvalidOperationException($"Container {id} never finished.");
    }

    private async Task<JsonElement> PublishImageAsync((string Handle, string Token, string UserId, string Permissions) account)
    {
        var containerId = await ReadyContainerAsync(account);
        var published = await InstagramPostAsync(account.Token, $"/{Graph}/{account.UserId}/media_publish", new() { ["creation_id"] = containerId });
        Assert.True(published.Status == HttpStatusCode.OK, published.Body.ToString());
        return published.Body;
    }

    private async Task<int> QuotaUsageAsync((string Handle, string Token, string UserId, string Permissions) account)
    {
        var limit = await InstagramGetAsync(account.Token, $"/{Graph}/{account.UserId}/content_publishing_limit", null);
        Assert.True(limit.Status == HttpStatusCode.OK, limit.Body.ToString());
        var usage = Assert.Single(limit.Body.GetProperty("data").EnumerateArray());
        Assert.False(usage.TryGetProperty("config", out _));
        return usage.GetProperty("quota_usage").GetInt32();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ShapeAsync(string platform, string handle, JsonObject change)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/sandbox/{platform}/control/users/{Uri.EscapeDataString(handle)}")
        {
            Content = JsonContent.Create(change),
        };
        return await SendAsync(request);
    }

    private async Task<IReadOnlyList<SandboxPublishedPost>> PublishedAsync(string platform, string handle)
    {
        using var document = JsonDocument.Parse(await sandbox.Browser.GetStringAsync($"/sandbox/{platform}/control/published?handle={handle}"));
        return document.RootElement.GetProperty("items").Deserialize<SandboxPublishedPost[]>(JsonSerializerOptions.Web)!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await sandbox.Browser.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}

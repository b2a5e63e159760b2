using System.Net;
using System.Text;
using System.Text.Json;
using Layers.Platforms;
using Layers.Platforms.Instagram;
using Layers.Platforms.TikTok;
using Layers.SocialAccounts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Layers.Tests.Platforms;

/// <summary>How the clients publish and read publishing answers the sandbox does not stage: outages, odd shapes, live URLs.</summary>
public sealed class PlatformPublishErrorTests
{
    private const string Secret = "live-token-never-shown";
    private const string TikTokOk = "\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"L\"}";

    private static readonly PublishAsset Video = new("video", "https://media.example/v.mp4", "video/mp4", 10_000);

    private static readonly Layers.Publishing.PostOptions SelfOnly = new() { PrivacyLevel = "SELF_ONLY" };

    [Theory]
    [InlineData("invalid_params", true)]
    [InlineData("file_format_check_failed", true)]
    [InlineData("picture_size_check_failed", true)]
    [InlineData("video_pull_failed", true)]
    [InlineData("some_new_video_check_failed", true)]
    [InlineData("spam_risk_too_many_posts", false)]
    [InlineData("spam_risk_text", false)]
    [InlineData("publish_cancelled", false)]
    [InlineData("rate_limit_exceeded", false)]
    [InlineData(null, false)]
    public void TikTokMediaRejectionsAreRecognised(string? code, bool media) =>
        Assert.Equal(media ? PlatformErrors.MediaRejected : PlatformErrors.PlatformError, TikTokErrors.ErrorCodeFor(code));

    [Theory]
    [InlineData("2207026", true)]
    [InlineData("36003", true)]
    [InlineData("9004", true)]
    [InlineData("2207052", true)]
    [InlineData("2207042", false)]
    [InlineData("190", false)]
    [InlineData("EXPIRED", false)]
    public void InstagramMediaRejectionsAreRecognised(string code, bool media) =>
        Assert.Equal(media ? PlatformErrors.MediaRejected : PlatformErrors.PlatformError, InstagramErrors.ErrorCodeFor(code));

    [Fact]
    public async Task TikTokPostsPublicWhenOfferedAndPullsTheVideoFromItsUrl()
    {
        var http = TikTokStub(creatorOptions: """["FOLLOWER_OF_CREATOR","PUBLIC_TO_EVERYONE","SELF_ONLY"]""");

        var handle = await TikTok(http).StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", "caption", [Video]), CancellationToken.None);

        Assert.Equal("v_pub_url~1", handle.Id);
        Assert.Equal(["/v2/post/publish/creator_info/query/", "/v2/post/publish/video/init/"], http.Requests.Select(r => r.Uri.AbsolutePath));
        using var init = JsonDocument.Parse(http.Requests[1].Body!);
        Assert.Equal("PUBLIC_TO_EVERYONE", init.RootElement.GetProperty("post_info").GetProperty("privacy_level").GetString());
        Assert.Equal("caption", init.RootElement.GetProperty("post_info").GetProperty("title").GetString());
        Assert.Equal("PULL_FROM_URL", init.RootElement.GetProperty("source_info").GetProperty("source").GetString());
        Assert.Equal(Video.Url, init.RootElement.GetProperty("source_info").GetProperty("video_url").GetString());
        Assert.All(http.Requests, r => Assert.DoesNotContain(Secret, r.Uri.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostsOfOneTikTokAccountDueTogetherShareOneCreatorInfoRead()
    {
        var http = TikTokStub(creatorOptions: """["PUBLIC_TO_EVERYONE"]""");
        var tiktok = TikTok(http);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            tiktok.StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", "c", [Video]), CancellationToken.None)));
        await tiktok.StartPublishAsync("other-token", new PublishRequest("-001u", "direct_publish", "c", [Video]), CancellationToken.None);

        var paths = http.Requests.Select(r => r.Uri.AbsolutePath).ToList();
        Assert.Equal(2, paths.Count(p => p == "/v2/post/publish/creator_info/query/"));
        Assert.Equal(6, paths.Count(p => p == "/v2/post/publish/video/init/"));
    }

    [Fact]
    public async Task AReadAheadLeavesTheHandOffOnlyItsInitCallAndDraftsReadNothingAhead()
    {
        var http = TikTokStub(creatorOptions: """["PUBLIC_TO_EVERYONE"]""");
        var tiktok = TikTok(http);

        Assert.True(tiktok.ReadsAheadOfPublish("direct_publish"));
        Assert.False(tiktok.ReadsAheadOfPublish("draft_to_device"));
        tiktok.ReadAheadOfPublish("draft-token", "draft_to_device");
        tiktok.ReadAheadOfPublish(Secret, "direct_publish");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (http.Requests.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(["/v2/post/publish/creator_info/query/"], http.Requests.Select(r => r.Uri.AbsolutePath));
        await tiktok.StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", "c", [Video]), CancellationToken.None);
        Assert.Equal(["/v2/post/publish/creator_info/query/", "/v2/post/publish/video/init/"], http.Requests.Select(r => r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task AFailedReadAheadIsForgottenAndTheHandOffReadsAgain()
    {
        var creatorReads = 0;
        var http = new StubPlatformHttp(request => request.RequestUri!.AbsolutePath.Contains("creator_info", StringComparison.Ordinal)
            && Interlocked.Increment(ref creatorReads) == 1
                ? Json(HttpStatusCode.ServiceUnavailable, """{"error":{"code":"internal_error","message":"down","log_id":"L"}}""")
                : TikTokStub(creatorOptions: """["PUBLIC_TO_EVERYONE"]""").Respond(request));
        var tiktok = TikTok(http);

        tiktok.ReadAheadOfPublish(Secret, "direct_publish");
        var handle = default(PublishHandle);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (handle is null && DateTime.UtcNow < deadline)
        {
            // Until the failed read is forgotten the hand-off shares it and fails; then it reads again.
            try
            {
                handle = await tiktok.StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", "c", [Video]), CancellationToken.None);
            }
            catch (PlatformException)
            {
                await Task.Delay(10);
            }
        }

        Assert.NotNull(handle);
        Assert.Equal(2, Volatile.Read(ref creatorReads));
        Assert.Equal(1, http.Requests.Count(r => r.Uri.AbsolutePath == "/v2/post/publish/video/init/"));
    }

    [Fact]
    public async Task AFailedCreatorInfoReadIsNotKept()
    {
        var failures = 1;
        var http = new StubPlatformHttp(request => request.RequestUri!.AbsolutePath.Contains("creator_info", StringComparison.Ordinal)
            ? Interlocked.Decrement(ref failures) >= 0
                ? Json(HttpStatusCode.InternalServerError, """{"data":{},"error":{"code":"internal_error","message":"boom","log_id":"L"}}""")
                : Json(HttpStatusCode.OK, $$"""{"data":{"privacy_level_options":["SELF_ONLY"]},{{TikTokOk}}}""")
            : Json(HttpStatusCode.OK, $$"""{"data":{"publish_id":"v_pub_url~2"},{{TikTokOk}}}"""));
        var tiktok = TikTok(http);

        await Assert.ThrowsAsync<PlatformException>(() =>
            tiktok.StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", null, [Video], SelfOnly), CancellationToken.None));
        var handle = await tiktok.StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", null, [Video], SelfOnly), CancellationToken.None);

        Assert.Equal("v_pub_url~2", handle.Id);
    }

    [Fact]
    public async Task TikTokSendsThePostsOwnPrivacyLevelWhenTheCreatorOffersIt()
    {
        var http = TikTokStub(creatorOptions: """["SELF_ONLY","MUTUAL_FOLLOW_FRIENDS"]""");

        await TikTok(http).StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", null, [Video], SelfOnly), CancellationToken.None);

        using var init = JsonDocument.Parse(http.Requests[1].Body!);
        Assert.Equal("SELF_ONLY", init.RootElement.GetProperty("post_info").GetProperty("privacy_level").GetString());
    }

    [Fact]
    public async Task TikTokNeverSendsAPrivacyLevelTheCreatorNoLongerOffersNorPicksAnotherOne()
    {
        var http = TikTokStub(creatorOptions: """["SELF_ONLY","MUTUAL_FOLLOW_FRIENDS"]""");

        var refused = await Assert.ThrowsAsync<PlatformException>(() =>
            TikTok(http).StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", null, [Video]), CancellationToken.None));

        Assert.Equal("privacy_level_option_mismatch", refused.PlatformCode);
        Assert.False(refused.Retryable);
        Assert.True(refused.NotSent);
        Assert.Equal(PlatformErrors.OptionsNotAllowed, TikTokErrors.ErrorCodeFor(refused.PlatformCode));
        Assert.DoesNotContain(http.Requests, r => r.Uri.AbsolutePath.Contains("init", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TikTokDraftsGoToTheInboxWithoutACreatorInfoQuery()
    {
        var http = TikTokStub(creatorOptions: "[]");

        await TikTok(http).StartPublishAsync(Secret, new PublishRequest("-000u", "draft_to_device", "c", [Video]), CancellationToken.None);

        Assert.Equal("/v2/post/publish/inbox/video/init/", Assert.Single(http.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task ATikTokInitThatTimesOutHasAnUnknownOutcome()
    {
        var http = new StubPlatformHttp(request => request.RequestUri!.AbsolutePath.Contains("creator_info", StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, $$"""{"data":{"privacy_level_options":["SELF_ONLY"]},{{TikTokOk}}}""")
            : throw new TaskCanceledException("timed out"));

        var failure = await Assert.ThrowsAsync<PlatformException>(() =>
            TikTok(http).StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", null, [Video], SelfOnly), CancellationToken.None));

        Assert.True(failure.Retryable);
        Assert.True(PlatformErrors.IsOutcomeUnknown(failure));
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public async Task ATikTokServerErrorAtInitIsRetryableButItsOutcomeIsUnknown()
    {
        var http = new StubPlatformHttp(request => request.RequestUri!.AbsolutePath.Contains("creator_info", StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, $$"""{"data":{"privacy_level_options":["SELF_ONLY"]},{{TikTokOk}}}""")
            : Json(HttpStatusCode.InternalServerError, """{"data":{},"error":{"code":"internal_error","message":"boom","log_id":"L"}}"""));

        var failure = await Assert.ThrowsAsync<PlatformException>(() =>
            TikTok(http).StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", null, [Video], SelfOnly), CancellationToken.None));

        Assert.True(failure.Retryable);
        Assert.True(PlatformErrors.IsOutcomeUnknown(failure));
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public async Task APublishedTikTokPostWithoutAPublicIdYetHasNoExternalIdUntilModerationNamesIt()
    {
        var http = StubPlatformHttp.Json(HttpStatusCode.OK,
            $$"""{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[],"uploaded_bytes":0},{{TikTokOk}}}""");

        var progress = await TikTok(http).CheckPublishAsync(Secret, new PublishHandle("v_pub_url~9", "-000u", "direct_publish"), CancellationToken.None);

        Assert.Equal(PublishState.Published, progress.State);
        Assert.Null(progress.ExternalId);
        Assert.Null(progress.ExternalUrl);
    }

    [Fact]
    public async Task InstagramWritesCarryTheTokenInTheBodyNeverInTheUrl()
    {
        var http = new StubPlatformHttp(request => Json(HttpStatusCode.OK, request.Method == HttpMethod.Post
            ? """{"id":"17890000000000001"}"""
            : """{"status_code":"FINISHED","id":"17890000000000001"}"""));
        var client = Instagram(http);

        var handle = await client.StartPublishAsync(Secret, new PublishRequest("17841400000000001", "reels", "c", [Video]), CancellationToken.None);
        await client.FinalizePublishAsync(Secret, handle, CancellationToken.None);

        var posts = http.Requests.Where(r => r.Method == HttpMethod.Post).ToList();
        Assert.Equal(
            ["https://graph.instagram.com/v26.0/17841400000000001/media", "https://graph.instagram.com/v26.0/17841400000000001/media_publish"],
            posts.Select(p => p.Uri.ToString()));
        Assert.All(posts, p => Assert.Contains("access_token=" + Secret, p.Body, StringComparison.Ordinal));
        Assert.Contains("media_type=REELS", posts[0].Body, StringComparison.Ordinal);
        Assert.Contains("creation_id=17890000000000001", posts[1].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Error: Media upload has failed with error code 2207001", "PLATFORM_ERROR", "2207001")]
    [InlineData("Error: Media upload has failed with error code 2207026", "MEDIA_REJECTED", "2207026")]
    [InlineData("Error: something went wrong", "MEDIA_REJECTED", "ERROR")]
    public async Task AnInstagramContainerInErrorIsReadFromItsStatusText(string status, string errorCode, string platformCode)
    {
        var http = StubPlatformHttp.Json(HttpStatusCode.OK, JsonSerializer.Serialize(new { status_code = "ERROR", status, id = "1789" }));

        var progress = await Instagram(http).CheckPublishAsync(Secret, new PublishHandle("1789", "1784", "reels"), CancellationToken.None);

        Assert.Equal(PublishState.Failed, progress.State);
        Assert.Equal(errorCode, progress.ErrorCode);
        Assert.Equal(platformCode, progress.PlatformCode);
    }

    [Fact]
    public async Task InstagramDailyPublishingLimitIsRetryableWithItsSubcode()
    {
        var http = StubPlatformHttp.Json(HttpStatusCode.BadRequest,
            """{"error":{"message":"You reached maximum number of posts","type":"IGApiException","code":9,"error_subcode":2207042,"fbtrace_id":"T"}}""");

        var failure = await Assert.ThrowsAsync<PlatformException>(() =>
            Instagram(http).StartPublishAsync(Secret, new PublishRequest("1784", "reels", null, [Video]), CancellationToken.None));

        Assert.True(failure.Retryable);
        Assert.Equal("2207042", failure.PlatformCode);
        Assert.False(PlatformErrors.IsOutcomeUnknown(failure));
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstagramInsightsAreReadFromValuesOrTotalValue()
    {
        var http = StubPlatformHttp.Json(HttpStatusCode.OK, """
            {"data":[
              {"name":"views","period":"lifetime","values":[{"value":1200}]},
              {"name":"likes","period":"lifetime","total_value":{"value":80}},
              {"name":"comments","period":"lifetime","values":[{"value":7}]},
              {"name":"shares","period":"lifetime","values":[{"value":3}]}]}
            """);

        var metrics = await Instagram(http).GetMetricsAsync(Secret, "17900000000000001", CancellationToken.None);

        Assert.Equal(new PostMetrics(1200, 80, 7, 3), metrics);
        Assert.Contains("metric=views,likes,comments,shares", Assert.Single(http.Requests).Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestAModeCannotCarryIsRefusedBeforeAnyCall()
    {
        var http = StubPlatformHttp.Json(HttpStatusCode.OK, "{}");
        var image = new PublishAsset("image", "https://media.example/i.jpg", null, null);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Instagram(http).StartPublishAsync(Secret, new PublishRequest("1784", "reels", null, [image]), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            TikTok(http).StartPublishAsync(Secret, new PublishRequest("-000u", "direct_publish", null, [Video, image]), CancellationToken.None));

        Assert.Empty(http.Requests);
    }

    private static StubPlatformHttp TikTokStub(string creatorOptions) =>
        new(request => request.RequestUri!.AbsolutePath switch
        {
            "/v2/post/publish/creator_info/query/" => Json(HttpStatusCode.OK,
                $$"""{"data":{"creator_username":"u","privacy_level_options":{{creatorOptions}},"comment_disabled":true},{{TikTokOk}}}"""),
            _ => Json(HttpStatusCode.OK, $$"""{"data":{"publish_id":"v_pub_url~1"},{{TikTokOk}}}"""),
        });

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static TikTokClient TikTok(StubPlatformHttp http) =>
        new(http, Options.Create(new TikTokOptions { ClientKey = "live-key", ClientSecret = "live-secret" }),
            new Layers.Media.MediaFetcher(http, Options.Create(new Layers.Media.MediaOptions())), NullLogger<TikTokClient>.Instance);

    private static InstagramClient Instagram(StubPlatformHttp http) =>
        new(http, Options.Create(new InstagramOptions { ClientId = "live-id", ClientSecret = "live-secret" }), NullLogger<InstagramClient>.Instance);
}

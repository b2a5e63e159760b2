using System.Net.Http.Json;
using System.Text.Json;
using Layers.Platforms;
using Layers.Sandbox;
using Layers.SocialAccounts;

namespace Layers.Tests.Platforms;

/// <summary>The TikTok client's Content Posting calls against the TikTok simulator, over HTTP.</summary>
public sealed class TikTokPublishTests(PlatformSandboxFixture sandbox) : IClassFixture<PlatformSandboxFixture>
{
    private static readonly PublishAsset Video = new("video", "https://media.example/clip.mp4", "video/mp4", 12_000);

    private IPlatformClient TikTok => sandbox.Client(PlatformNames.TikTok);

    [Fact]
    public async Task ADirectVideoPostIsProcessingFirstThenPublishedAndDeliveredOnce()
    {
        var (handle, grant) = await ConnectAsync();
        var handed = await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "First clip #sandbox", Video), CancellationToken.None);
        Assert.Equal(grant.PlatformUserId, handed.PlatformUserId);
        Assert.Equal("direct_publish", handed.Mode);
        Assert.StartsWith("v_pub_url~", handed.Id, StringComparison.Ordinal);

        var first = await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        Assert.Equal(PublishState.InProgress, first.State);
        Assert.Empty(await PublishedAsync(handle));

        var live = await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        Assert.Equal(PublishState.Published, live.State);
        Assert.Null(live.ExternalId);
        Assert.Single(await PublishedAsync(handle));

        // Moderation names the public post a read later.
        var done = await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        Assert.Equal(PublishState.Published, done.State);
        Assert.Matches("^7[0-9]{18}$", done.ExternalId);
        Assert.Equal($"https://www.tiktok.com/@{handle}/video/{done.ExternalId}", done.ExternalUrl);
        Assert.Null(done.ErrorCode);

        var again = await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        Assert.Equal(done.ExternalId, again.ExternalId);

        var delivered = Assert.Single(await PublishedAsync(handle));
        Assert.Equal(done.ExternalId, delivered.Id);
        Assert.Equal(handed.Id, delivered.PublishId);
        Assert.Equal(grant.PlatformUserId, delivered.PlatformUserId);
        Assert.Equal("direct_publish", delivered.Mode);
        Assert.Equal("First clip #sandbox", delivered.Caption);
        Assert.Equal([new SandboxAsset("video", Video.Url)], delivered.Assets);
    }

    [Fact]
    public async Task ADraftToDeviceVideoLandsInTheCreatorsInboxAsADraft()
    {
        var (handle, grant) = await ConnectAsync();
        var handed = await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "draft_to_device", "finish me", Video), CancellationToken.None);

        Assert.Equal(PublishState.InProgress, (await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None)).State);
        var draft = await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);

        Assert.Equal(PublishState.Draft, draft.State);
        Assert.Equal(handed.Id, draft.ExternalId);
        Assert.Null(draft.ExternalUrl);
        var delivered = Assert.Single(await PublishedAsync(handle));
        Assert.Equal("draft_to_device", delivered.Mode);
        Assert.Equal(handed.Id, delivered.Id);
    }

    [Theory]
    [InlineData("direct_publish", PublishState.Published)]
    [InlineData("draft_to_device", PublishState.Draft)]
    public async Task PhotosArePostedAsAPhotoPostInEitherMode(string mode, PublishState outcome)
    {
        var (handle, grant) = await ConnectAsync();
        var photos = Enumerable.Range(1, 3).Select(i => new PublishAsset("image", $"https://media.example/p{i}.jpg", "image/jpeg", null)).ToArray();

        var handed = await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, mode, "three photos", photos), CancellationToken.None);
        await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        var done = await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);

        Assert.StartsWith("p_pub_url~", handed.Id, StringComparison.Ordinal);
        Assert.Equal(outcome, done.State);
        var delivered = Assert.Single(await PublishedAsync(handle));
        Assert.Equal(mode, delivered.Mode);
        Assert.Equal("three photos", delivered.Caption);
        Assert.Equal(photos.Select(p => p.Url), delivered.Assets.Select(a => a.Url));
        Assert.All(delivered.Assets, a => Assert.Equal("image", a.Kind));
    }

    [Theory]
    [InlineData("rate_limit_exceeded", 429)]
    [InlineData("spam_risk_too_many_posts", 403)]
    public async Task APlatformRateLimitAtInitIsRetryableAndPostsNothing(string code, int status)
    {
        var (handle, grant) = await ConnectAsync();
        await FailNextPublishAsync(code, handle);

        var refused = await Assert.ThrowsAsync<PlatformException>(() =>
            TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", Video), CancellationToken.None));

        Assert.True(refused.Retryable);
        Assert.Equal(code, refused.PlatformCode);
        Assert.Equal(status, refused.HttpStatus);
        Assert.False(PlatformErrors.IsOutcomeUnknown(refused));
        Assert.DoesNotContain(grant.AccessToken, refused.Message, StringComparison.Ordinal);

        // The failure was for one publish only.
        var handed = await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", Video), CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(handed.Id));
    }

    [Fact]
    public async Task OneTokensRateLimitAtThePlatformNeverStopsAnotherTokensCalls()
    {
        var (_, busy) = await ConnectAsync();
        var (_, calm) = await ConnectAsync();
        var busyPost = await TikTok.StartPublishAsync(busy.AccessToken, Request(busy, "direct_publish", "busy", Video), CancellationToken.None);
        var calmPost = await TikTok.StartPublishAsync(calm.AccessToken, Request(calm, "direct_publish", "calm", Video), CancellationToken.None);

        // TikTok answers 30 status fetches a minute per token; this token asks five times as many.
        var refused = 0;
        for (var i = 0; i < 150; i++)
        {
            try
            {
                await TikTok.CheckPublishAsync(busy.AccessToken, busyPost, CancellationToken.None);
            }
            catch (PlatformException e) when (e.RateLimited)
            {
                refused++;
            }
        }

        Assert.True(refused >= 100, $"only {refused} fetches were refused");
        var calmProgress = await TikTok.CheckPublishAsync(calm.AccessToken, calmPost, CancellationToken.None);
        Assert.Equal(PublishState.InProgress, calmProgress.State);
    }

    [Fact]
    public async Task ARefusedTokenAtInitIsAnAuthFailure()
    {
        var (handle, grant) = await ConnectAsync();
        await FailNextPublishAsync("access_token_invalid", handle);

        var refused = await Assert.ThrowsAsync<PlatformAuthException>(() =>
            TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "draft_to_device", "x", Video), CancellationToken.None));

        Assert.Equal("access_token_invalid", refused.PlatformCode);
        Assert.Equal(401, refused.HttpStatus);
    }

    [Fact]
    public async Task InvalidatedTokensCannotPublishOrPoll()
    {
        var (handle, grant) = await ConnectAsync();
        var handed = await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", Video), CancellationToken.None);
        await sandbox.InvalidateTokensAsync(PlatformNames.TikTok, handle);

        await Assert.ThrowsAsync<PlatformAuthException>(() =>
            TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", Video), CancellationToken.None));
        await Assert.ThrowsAsync<PlatformAuthException>(() => TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None));
        Assert.Empty(await PublishedAsync(handle));
    }

    [Theory]
    [InlineData("file_format_check_failed")]
    [InlineData("video_pull_failed")]
    public async Task MediaRefusedWhileProcessingEndsFailedWithMediaRejected(string reason)
    {
        var (handle, grant) = await ConnectAsync();
        await FailNextPublishAsync(reason, handle);

        var handed = await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", Video), CancellationToken.None);
        Assert.Equal(PublishState.InProgress, (await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None)).State);
        var failed = await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);

        Assert.Equal(PublishState.Failed, failed.State);
        Assert.Equal("MEDIA_REJECTED", failed.ErrorCode);
        Assert.Equal(reason, failed.PlatformCode);
        Assert.Contains(reason, failed.Message, StringComparison.Ordinal);
        Assert.Empty(await PublishedAsync(handle));
    }

    [Fact]
    public async Task ANonMediaFailureWhileProcessingIsAPlatformError()
    {
        var (handle, grant) = await ConnectAsync();
        await FailNextPublishAsync("publish_cancelled", handle);

        var handed = await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", Video), CancellationToken.None);
        await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        var failed = await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);

        Assert.Equal(PublishState.Failed, failed.State);
        Assert.Equal("PLATFORM_ERROR", failed.ErrorCode);
        Assert.Equal("publish_cancelled", failed.PlatformCode);
    }

    [Fact]
    public async Task MediaRefusedAtInitIsANonRetryableFailureRecognisedAsMediaRejection()
    {
        var (handle, grant) = await ConnectAsync();
        await FailNextPublishAsync("invalid_params", handle);

        var refused = await Assert.ThrowsAsync<PlatformException>(() =>
            TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", Video), CancellationToken.None));

        Assert.False(refused.Retryable);
        Assert.Equal("invalid_params", refused.PlatformCode);
        Assert.Equal(PlatformErrors.MediaRejected, TikTok.ErrorCodeFor(refused.PlatformCode));
        Assert.Empty(await PublishedAsync(handle));
    }

    [Theory]
    [InlineData("video")]
    [InlineData("image")]
    public async Task APostGivenAPartnersOwnUnverifiedUrlIsRefusedAsTikTokRefusesIt(string kind)
    {
        var (handle, grant) = await ConnectAsync();
        var asset = new PublishAsset(kind, kind == "video" ? "https://cdn.partner.example/clip.mp4" : "https://cdn.partner.example/p.jpg", null, null);

        var refused = await Assert.ThrowsAsync<PlatformException>(() =>
            TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", asset), CancellationToken.None));

        Assert.Equal("url_ownership_unverified", refused.PlatformCode);
        Assert.Equal(403, refused.HttpStatus);
        Assert.Equal(PlatformErrors.MediaRejected, TikTok.ErrorCodeFor(refused.PlatformCode));
        Assert.Empty(await PublishedAsync(handle));

        // The same file by its media proxy link (a prefix the app verified) is taken.
        var proxied = asset with { PullUrl = $"{sandbox.Factory.BaseUrl}/media/test1.anything" };
        Assert.NotNull(await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", proxied), CancellationToken.None));
    }

    [Fact]
    public async Task AFailureArmedForAnotherHandleLeavesThisOneAlone()
    {
        var (handle, grant) = await ConnectAsync();
        var other = PlatformSandboxFixture.NewHandle("tt");
        await FailNextPublishAsync("rate_limit_exceeded", other);

        var handed = await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "direct_publish", "x", Video), CancellationToken.None);
        await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);

        Assert.Equal(PublishState.Published, (await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None)).State);
        Assert.Single(await PublishedAsync(handle));
    }

    [Fact]
    public async Task AnInboxUploadNeedsTheVideoUploadScope()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var location = await sandbox.ConsentAsync(TikTok, handle,
            extra: new Dictionary<string, string?> { ["sandbox_grant_scopes"] = "user.info.basic,video.publish" });
        var grant = await TikTok.ExchangeCodeAsync(PlatformSandboxFixture.Query(location)["code"], sandbox.Callback(PlatformNames.TikTok), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PlatformException>(() =>
            TikTok.StartPublishAsync(grant.AccessToken, Request(grant, "draft_to_device", "x", Video), CancellationToken.None));

        Assert.Equal("scope_not_authorized", refused.PlatformCode);
        Assert.IsNotType<PlatformAuthException>(refused);
    }

    [Fact]
    public async Task MetricsGrowBetweenTwoQueries()
    {
        var (_, grant) = await ConnectAsync();
        var published = await PublishAsync(grant, "direct_publish", Video);

        var first = await TikTok.GetMetricsAsync(grant.AccessToken, published.ExternalId!, CancellationToken.None);
        var second = await TikTok.GetMetricsAsync(grant.AccessToken, published.ExternalId!, CancellationToken.None);

        Assert.True(first.Views > 0);
        Assert.True(second.Views > first.Views);
        Assert.True(second.Likes > first.Likes);
        Assert.True(second.Comments > first.Comments);
        Assert.True(second.Shares > first.Shares);
    }

    [Fact]
    public async Task MetricsOfAnotherUsersVideoAreNotFound()
    {
        var (_, owner) = await ConnectAsync();
        var (_, stranger) = await ConnectAsync();
        var published = await PublishAsync(owner, "direct_publish", Video);

        var refused = await Assert.ThrowsAsync<PlatformException>(() =>
            TikTok.GetMetricsAsync(stranger.AccessToken, published.ExternalId!, CancellationToken.None));

        Assert.Equal("video_not_found", refused.PlatformCode);
        Assert.False(refused.Retryable);
    }

    [Fact]
    public async Task TikTokHasNoFinalPublishStep()
    {
        var (_, grant) = await ConnectAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TikTok.FinalizePublishAsync(grant.AccessToken, new PublishHandle("v_pub_url~x", grant.PlatformUserId!, "direct_publish"), CancellationToken.None));
    }

    [Fact]
    public async Task ManyConcurrentPublishesAreEachDeliveredExactlyOnce()
    {
        // 300 posts over 60 accounts: 5 each, within TikTok's 6 inits a minute per token.
        const int posts = 300;
        var accounts = await Task.WhenAll(Enumerable.Range(0, posts / 5).Select(_ => ConnectAsync()));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, posts).Select(i => PublishAsync(accounts[i % accounts.Length].Grant, "direct_publish", Video, $"post {i}")));

        Assert.All(outcomes, o => Assert.Equal(PublishState.Published, o.State));
        var delivered = (await Task.WhenAll(accounts.Select(a => PublishedAsync(a.Handle)))).SelectMany(d => d).ToList();
        Assert.Equal(posts, delivered.Count);
        Assert.Equal(posts, delivered.Select(d => d.Id).Distinct().Count());
        Assert.Equal(outcomes.Select(o => o.ExternalId).Order(), delivered.Select(d => d.Id).Order());
    }

    private async Task<(string Handle, PlatformTokenGrant Grant)> ConnectAsync()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        return (handle, await sandbox.ConnectAsync(TikTok, handle));
    }

    /// <summary>Hands a post over and reads its status until it is named (or ends otherwise).</summary>
    private async Task<PublishProgress> PublishAsync(PlatformTokenGrant grant, string mode, PublishAsset asset, string caption = "metrics")
    {
        var handed = await TikTok.StartPublishAsync(grant.AccessToken, Request(grant, mode, caption, asset), CancellationToken.None);
        PublishProgress progress;
        var reads = 0;
        do
        {
            progress = await TikTok.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        }
        while (++reads < 5 && progress.State is PublishState.InProgress or PublishState.Published && progress.ExternalId is null);

        return progress;
    }

    private static PublishRequest Request(PlatformTokenGrant grant, string mode, string caption, params PublishAsset[] assets) =>
        new(grant.PlatformUserId!, mode, caption, assets);

    private async Task FailNextPublishAsync(string code, string handle)
    {
        using var response = await sandbox.Browser.PostAsJsonAsync("/sandbox/tiktok/control/fail-next-publish", new { code, handle });
        response.EnsureSuccessStatusCode();
    }

    private async Task<IReadOnlyList<SandboxPublishedPost>> PublishedAsync(string handle)
    {
        using var document = JsonDocument.Parse(await sandbox.Browser.GetStringAsync($"/sandbox/tiktok/control/published?handle={handle}"));
        return document.RootElement.GetProperty("items").Deserialize<SandboxPublishedPost[]>(JsonSerializerOptions.Web)!;
    }
}

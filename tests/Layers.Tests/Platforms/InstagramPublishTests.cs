using System.Net.Http.Json;
using System.Text.Json;
using Layers.Platforms;
using Layers.Sandbox;
using Layers.SocialAccounts;

namespace Layers.Tests.Platforms;

/// <summary>The Instagram client's content publishing calls against the Instagram simulator, over HTTP.</summary>
public sealed class InstagramPublishTests(PlatformSandboxFixture sandbox) : IClassFixture<PlatformSandboxFixture>
{
    private static readonly PublishAsset Video = new("video", "https://media.example/reel.mp4", "video/mp4", 20_000);
    private static readonly PublishAsset Image = new("image", "https://media.example/photo.jpg", "image/jpeg", null);

    private IPlatformClient Instagram => sandbox.Client(PlatformNames.Instagram);

    [Fact]
    public async Task AReelIsProcessedThenPublishedByMediaPublishAndDeliveredOnce()
    {
        var (handle, grant) = await ConnectAsync();
        var handed = await Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "reels", "My reel #sandbox", Video), CancellationToken.None);
        Assert.Matches("^[0-9]{17}$", handed.Id);
        Assert.Equal(grant.PlatformUserId, handed.PlatformUserId);

        Assert.Equal(PublishState.InProgress, (await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None)).State);
        Assert.Equal(PublishState.ReadyToFinalize, (await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None)).State);
        Assert.Empty(await PublishedAsync(handle));

        var published = await Instagram.FinalizePublishAsync(grant.AccessToken, handed, CancellationToken.None);
        Assert.Equal(PublishState.Published, published.State);
        Assert.Matches("^[0-9]{17}$", published.ExternalId);
        Assert.NotEqual(handed.Id, published.ExternalId);
        Assert.StartsWith("https://www.instagram.com/reel/", published.ExternalUrl, StringComparison.Ordinal);

        // A status read after the fact (e.g. reconciling an unanswered media_publish) reports it published.
        var after = await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        Assert.Equal(PublishState.Published, after.State);
        Assert.Equal(handed.Id, after.ExternalId);

        var delivered = Assert.Single(await PublishedAsync(handle));
        Assert.Equal(published.ExternalId, delivered.Id);
        Assert.Equal(handed.Id, delivered.PublishId);
        Assert.Equal("reels", delivered.Mode);
        Assert.Equal("My reel #sandbox", delivered.Caption);
        Assert.Equal([new SandboxAsset("video", Video.Url)], delivered.Assets);
    }

    [Fact]
    public async Task AFeedImageIsPublished()
    {
        var (handle, grant) = await ConnectAsync();

        var published = await PublishAsync(grant, "feed", "one image", Image);

        Assert.Equal(PublishState.Published, published.State);
        Assert.StartsWith("https://www.instagram.com/p/", published.ExternalUrl, StringComparison.Ordinal);
        var delivered = Assert.Single(await PublishedAsync(handle));
        Assert.Equal("feed", delivered.Mode);
        Assert.Equal([new SandboxAsset("image", Image.Url)], delivered.Assets);
    }

    [Fact]
    public async Task ACarouselOfThreeImagesIsOnePostWithThreeAssets()
    {
        var (handle, grant) = await ConnectAsync();
        var images = Enumerable.Range(1, 3).Select(i => new PublishAsset("image", $"https://media.example/c{i}.jpg", "image/jpeg", null)).ToArray();

        var published = await PublishAsync(grant, "feed", "carousel", images);

        Assert.Equal(PublishState.Published, published.State);
        var delivered = Assert.Single(await PublishedAsync(handle));
        Assert.Equal("feed", delivered.Mode);
        Assert.Equal("carousel", delivered.Caption);
        Assert.Equal(images.Select(i => i.Url), delivered.Assets.Select(a => a.Url));
    }

    [Fact]
    public async Task ACarouselWithAVideoWaitsForTheVideoItemThenPublishes()
    {
        var (handle, grant) = await ConnectAsync();

        var published = await PublishAsync(grant, "feed", "mixed", Image, Video);

        Assert.Equal(PublishState.Published, published.State);
        var delivered = Assert.Single(await PublishedAsync(handle));
        Assert.Equal(["image", "video"], delivered.Assets.Select(a => a.Kind));
    }

    [Fact]
    public async Task ASingleFeedVideoGoesOutAsAReelSharedToTheFeed()
    {
        var (handle, grant) = await ConnectAsync();

        var published = await PublishAsync(grant, "feed", "feed video", Video);

        Assert.Equal(PublishState.Published, published.State);
        Assert.Equal("reels", Assert.Single(await PublishedAsync(handle)).Mode);
    }

    [Fact]
    public async Task ASecondMediaPublishOfTheSameContainerIsRefused()
    {
        var (handle, grant) = await ConnectAsync();
        var handed = await Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "reels", "once", Video), CancellationToken.None);
        await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        await Instagram.FinalizePublishAsync(grant.AccessToken, handed, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PlatformException>(() => Instagram.FinalizePublishAsync(grant.AccessToken, handed, CancellationToken.None));

        Assert.False(refused.Retryable);
        Assert.Single(await PublishedAsync(handle));
    }

    [Fact]
    public async Task MediaPublishBeforeTheContainerIsFinishedIsRefused()
    {
        var (handle, grant) = await ConnectAsync();
        var handed = await Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "reels", "early", Video), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PlatformException>(() => Instagram.FinalizePublishAsync(grant.AccessToken, handed, CancellationToken.None));

        Assert.Equal("2207027", refused.PlatformCode);
        Assert.Empty(await PublishedAsync(handle));
    }

    [Theory]
    [InlineData("4", "4")]
    [InlineData("9", "2207042")]
    [InlineData("613", "613")]
    public async Task APlatformRateLimitAtContainerCreationIsRetryable(string code, string platformCode)
    {
        var (handle, grant) = await ConnectAsync();
        await FailNextPublishAsync(code, handle);

        var refused = await Assert.ThrowsAsync<PlatformException>(() =>
            Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "feed", "x", Image), CancellationToken.None));

        Assert.True(refused.Retryable);
        Assert.Equal(platformCode, refused.PlatformCode);
        Assert.DoesNotContain(grant.AccessToken, refused.Message, StringComparison.Ordinal);
        Assert.Equal(PublishState.Published, (await PublishAsync(grant, "feed", "x", Image)).State);
    }

    [Fact]
    public async Task ARefusedTokenIsAnAuthFailure()
    {
        var (handle, grant) = await ConnectAsync();
        await FailNextPublishAsync("190", handle);

        var refused = await Assert.ThrowsAsync<PlatformAuthException>(() =>
            Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "reels", "x", Video), CancellationToken.None));

        Assert.Equal("190", refused.PlatformCode);
    }

    [Fact]
    public async Task InvalidatedTokensCannotCreateContainersOrPublish()
    {
        var (handle, grant) = await ConnectAsync();
        var handed = await Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "reels", "x", Video), CancellationToken.None);
        await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        await sandbox.InvalidateTokensAsync(PlatformNames.Instagram, handle);

        await Assert.ThrowsAsync<PlatformAuthException>(() =>
            Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "reels", "x", Video), CancellationToken.None));
        await Assert.ThrowsAsync<PlatformAuthException>(() => Instagram.FinalizePublishAsync(grant.AccessToken, handed, CancellationToken.None));
        Assert.Empty(await PublishedAsync(handle));
    }

    [Theory]
    [InlineData("2207026")]
    [InlineData("36003")]
    public async Task MediaRefusedWhileProcessingEndsTheContainerInErrorWithMediaRejected(string code)
    {
        var (handle, grant) = await ConnectAsync();
        await FailNextPublishAsync(code, handle);

        var handed = await Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "reels", "x", Video), CancellationToken.None);
        Assert.Equal(PublishState.InProgress, (await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None)).State);
        var failed = await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);

        Assert.Equal(PublishState.Failed, failed.State);
        Assert.Equal("MEDIA_REJECTED", failed.ErrorCode);
        Assert.Equal(code, failed.PlatformCode);
        await Assert.ThrowsAsync<PlatformException>(() => Instagram.FinalizePublishAsync(grant.AccessToken, handed, CancellationToken.None));
        Assert.Empty(await PublishedAsync(handle));
    }

    [Fact]
    public async Task ACarouselWithARefusedImageEndsInError()
    {
        var (handle, grant) = await ConnectAsync();
        await FailNextPublishAsync("2207004", handle);
        var images = Enumerable.Range(1, 3).Select(i => new PublishAsset("image", $"https://media.example/big{i}.jpg", "image/jpeg", null)).ToArray();

        var handed = await Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "feed", "x", images), CancellationToken.None);
        await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        var failed = await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);

        Assert.Equal(PublishState.Failed, failed.State);
        Assert.Equal("MEDIA_REJECTED", failed.ErrorCode);
        Assert.Equal("2207004", failed.PlatformCode);
        Assert.Empty(await PublishedAsync(handle));
    }

    [Fact]
    public async Task AnExpiredContainerFailsWithAPlatformError()
    {
        var (handle, grant) = await ConnectAsync();
        var handed = await Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "reels", "x", Video), CancellationToken.None);
        await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        using (var response = await sandbox.Browser.PostAsync($"/sandbox/instagram/control/containers/{handed.Id}/expire", content: null))
        {
            response.EnsureSuccessStatusCode();
        }

        var expired = await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);

        Assert.Equal(PublishState.Failed, expired.State);
        Assert.Equal("PLATFORM_ERROR", expired.ErrorCode);
        Assert.Equal("EXPIRED", expired.PlatformCode);
        Assert.Empty(await PublishedAsync(handle));
    }

    [Fact]
    public async Task APersonalAccountCannotPublish()
    {
        var handle = PlatformSandboxFixture.NewHandle("ig");
        var grant = await sandbox.ConnectAsync(Instagram, handle, new Dictionary<string, string?> { ["sandbox_account_type"] = "personal" });

        var refused = await Assert.ThrowsAsync<PlatformException>(() =>
            Instagram.StartPublishAsync(grant.AccessToken, Request(grant, "feed", "x", Image), CancellationToken.None));

        Assert.Equal("10", refused.PlatformCode);
        Assert.False(refused.Retryable);
    }

    [Fact]
    public async Task MetricsGrowBetweenTwoQueries()
    {
        var (_, grant) = await ConnectAsync();
        var published = await PublishAsync(grant, "reels", "metrics", Video);

        var first = await Instagram.GetMetricsAsync(grant.AccessToken, published.ExternalId!, CancellationToken.None);
        var second = await Instagram.GetMetricsAsync(grant.AccessToken, published.ExternalId!, CancellationToken.None);

        Assert.True(first.Views > 0);
        Assert.True(second.Views > first.Views);
        Assert.True(second.Likes > first.Likes);
        Assert.True(second.Comments > first.Comments);
        Assert.True(second.Shares > first.Shares);
    }

    [Fact]
    public async Task TheDeliveriesListCanBeReadWholeAndFilteredByHandle()
    {
        var (first, firstGrant) = await ConnectAsync();
        var (second, secondGrant) = await ConnectAsync();
        await PublishAsync(firstGrant, "feed", "a", Image);
        await PublishAsync(secondGrant, "feed", "b", Image);
        await PublishAsync(secondGrant, "feed", "c", Image);

        using var document = JsonDocument.Parse(await sandbox.Browser.GetStringAsync("/sandbox/instagram/control/published"));
        var all = document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("handle").GetString()).ToList();

        Assert.Equal(1, all.Count(h => h == first));
        Assert.Equal(2, all.Count(h => h == second));
        Assert.Equal(["b", "c"], (await PublishedAsync(second)).Select(p => p.Caption));
    }

    private async Task<(string Handle, PlatformTokenGrant Grant)> ConnectAsync()
    {
        var handle = PlatformSandboxFixture.NewHandle("ig");
        return (handle, await sandbox.ConnectAsync(Instagram, handle));
    }

    private async Task<PublishProgress> PublishAsync(PlatformTokenGrant grant, string mode, string caption, params PublishAsset[] assets)
    {
        var handed = await Instagram.StartPublishAsync(grant.AccessToken, Request(grant, mode, caption, assets), CancellationToken.None);
        await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        var ready = await Instagram.CheckPublishAsync(grant.AccessToken, handed, CancellationToken.None);
        Assert.Equal(PublishState.ReadyToFinalize, ready.State);
        return await Instagram.FinalizePublishAsync(grant.AccessToken, handed, CancellationToken.None);
    }

    private static PublishRequest Request(PlatformTokenGrant grant, string mode, string caption, params PublishAsset[] assets) =>
        new(grant.PlatformUserId!, mode, caption, assets);

    private async Task FailNextPublishAsync(string code, string handle)
    {
        using var response = await sandbox.Browser.PostAsJsonAsync("/sandbox/instagram/control/fail-next-publish", new { code, handle });
        response.EnsureSuccessStatusCode();
    }

    private async Task<IReadOnlyList<SandboxPublishedPost>> PublishedAsync(string handle)
    {
        using var document = JsonDocument.Parse(await sandbox.Browser.GetStringAsync($"/sandbox/instagram/control/published?handle={handle}"));
        return document.RootElement.GetProperty("items").Deserialize<SandboxPublishedPost[]>(JsonSerializerOptions.Web)!;
    }
}

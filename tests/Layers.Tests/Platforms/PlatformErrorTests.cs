using System.Net;
using Layers.Platforms;
using Layers.Platforms.Instagram;
using Layers.Platforms.TikTok;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Layers.Tests.Platforms;

/// <summary>How the clients read the platforms' failures that the sandbox does not stage: live credentials, rate limits, outages.</summary>
public sealed class PlatformErrorTests
{
    private const string Secret = "live-token-never-shown";

    [Fact]
    public void WithCredentialsTheClientsUseThePlatformsOwnConsentPages()
    {
        var tiktok = TikTok(StubPlatformHttp.Json(HttpStatusCode.OK, "{}"));
        var instagram = Instagram(StubPlatformHttp.Json(HttpStatusCode.OK, "{}"));

        Assert.False(tiktok.IsSandbox);
        Assert.Equal(
            "https://www.tiktok.com/v2/auth/authorize/?client_key=live-key&scope=user.info.basic,video.publish&response_type=code" +
            "&redirect_uri=https%3A%2F%2Flayers.example%2Fcb&state=st_1",
            tiktok.BuildAuthorizeUrl("st_1", ["user.info.basic", "video.publish"], "https://layers.example/cb"));
        Assert.Equal(
            "https://www.instagram.com/oauth/authorize?client_id=live-id&redirect_uri=https%3A%2F%2Flayers.example%2Fcb&response_type=code" +
            "&scope=instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights,instagram_business_manage_comments&state=st_2",
            instagram.BuildAuthorizeUrl("st_2", [], "https://layers.example/cb"));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "rate_limit_exceeded")]
    [InlineData(HttpStatusCode.InternalServerError, "internal_error")]
    public async Task TikTokRateLimitsAndOutagesAreRetryable(HttpStatusCode status, string code)
    {
        var http = StubPlatformHttp.Json(status, $$$"""{"data":{},"error":{"code":"{{{code}}}","message":"slow down","log_id":"L1"}}""");

        var failure = await Assert.ThrowsAsync<PlatformException>(() => TikTok(http).GetProfileAsync(Secret, CancellationToken.None));

        Assert.True(failure.Retryable);
        Assert.Equal(code, failure.PlatformCode);
        Assert.Equal((int)status, failure.HttpStatus);
    }

    [Fact]
    public async Task TikTokInvalidClientIsAConfigurationFailureNotAReauthorization()
    {
        var http = StubPlatformHttp.Json(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"bad secret","log_id":"L2"}""");

        var failure = await Assert.ThrowsAsync<PlatformException>(() =>
            TikTok(http).ExchangeCodeAsync("code", "https://layers.example/cb", CancellationToken.None));

        Assert.Equal("invalid_client", failure.PlatformCode);
        Assert.False(failure.Retryable);
    }

    [Fact]
    public async Task ATikTokRefreshWithoutANewRefreshTokenLeavesTheStoredOneInPlace()
    {
        var http = StubPlatformHttp.Json(HttpStatusCode.OK,
            """{"access_token":"act.new","expires_in":7200,"open_id":"-000x","refresh_token":"","scope":"user.info.basic","token_type":"Bearer"}""");

        var grant = await TikTok(http).RefreshAsync("act.old", "rft.old", CancellationToken.None);

        Assert.Equal(7200, grant.ExpiresInSeconds);
        Assert.Null(grant.RefreshToken);
        Assert.Null(grant.RefreshExpiresInSeconds);
        Assert.Contains("grant_type=refresh_token", http.Requests.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATikTokErrorInAnOkResponseIsStillAnError()
    {
        var http = StubPlatformHttp.Json(HttpStatusCode.OK, """{"error":"invalid_grant","error_description":"Refresh token is invalid.","log_id":"L3"}""");

        var failure = await Assert.ThrowsAsync<PlatformAuthException>(() => TikTok(http).RefreshAsync("a", "rft.gone", CancellationToken.None));

        Assert.Equal("invalid_grant", failure.PlatformCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, 4)]
    [InlineData(HttpStatusCode.BadRequest, 613)]
    [InlineData(HttpStatusCode.InternalServerError, 2)]
    public async Task InstagramThrottlingAndOutagesAreRetryableAndNeverShowTheToken(HttpStatusCode status, int code)
    {
        var http = StubPlatformHttp.Json(status,
            $$$"""{"error":{"message":"Application request limit reached","type":"OAuthException","code":{{{code}}},"fbtrace_id":"T1"}}""");

        var failure = await Assert.ThrowsAsync<PlatformException>(() => Instagram(http).RefreshAsync(Secret, null, CancellationToken.None));

        Assert.True(failure.Retryable);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachablePlatformIsARetryableFailureWithoutTheUrl()
    {
        var http = new StubPlatformHttp(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        var failure = await Assert.ThrowsAsync<PlatformException>(() => Instagram(http).GetProfileAsync(Secret, CancellationToken.None));

        Assert.True(failure.Retryable);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("graph.instagram.com", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstagramAcceptsTheFlatCodeExchangeShapeAndKeepsNumericIdsExact()
    {
        var http = new StubPlatformHttp(request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(request.Method == HttpMethod.Post
                ? """{"access_token":"IGQshort","user_id":17841400000000001,"permissions":["instagram_business_basic"]}"""
                : """{"access_token":"IGAAlong","token_type":"bearer","expires_in":5183944}"""),
        });

        var grant = await Instagram(http).ExchangeCodeAsync("AQDcode#_", "https://layers.example/cb", CancellationToken.None);

        Assert.Equal("17841400000000001", grant.PlatformUserId);
        Assert.Equal(["instagram_business_basic"], grant.Scopes);
        Assert.Equal("IGAAlong", grant.AccessToken);
        Assert.Equal(5_183_944, grant.ExpiresInSeconds);
        Assert.Contains("code=AQDcode", http.Requests[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("%23_", http.Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal("https://graph.instagram.com/access_token", http.Requests[1].Uri.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task AHandOffThatNeverLeftIsSafeToRepeatAndOneThatMayHaveArrivedIsNot()
    {
        var request = new PublishRequest("-000user", "direct_publish", "x", [new PublishAsset("video", "https://cdn.example.com/clip.mp4", "video/mp4", 15000)]);
        Task<PlatformException> Failure(Exception thrown) =>
            Assert.ThrowsAsync<PlatformException>(() => TikTok(new StubPlatformHttp(_ => throw thrown)).StartPublishAsync(Secret, request, CancellationToken.None));

        // No connection could be made, or this side's resilience pipeline refused to send: the platform never saw it.
        var refused = await Failure(new HttpRequestException(HttpRequestError.ConnectionError, "connection refused"));
        var rejected = await Failure(new Polly.RateLimiting.RateLimiterRejectedException());
        Assert.All([refused, rejected], f =>
        {
            Assert.True(f.NotSent);
            Assert.True(f.Retryable);
            Assert.False(PlatformErrors.IsOutcomeUnknown(f));
        });

        // The connection broke after the request went out: it may have been taken.
        var cut = await Failure(new HttpRequestException(HttpRequestError.ResponseEnded, "response ended"));
        Assert.False(cut.NotSent);
        Assert.True(PlatformErrors.IsOutcomeUnknown(cut));
    }

    private static TikTokClient TikTok(StubPlatformHttp http) =>
        new(http, Options.Create(new TikTokOptions { ClientKey = "live-key", ClientSecret = "live-secret" }),
            new Layers.Media.MediaFetcher(http, Options.Create(new Layers.Media.MediaOptions())), NullLogger<TikTokClient>.Instance);

    private static InstagramClient Instagram(StubPlatformHttp http) =>
        new(http, Options.Create(new InstagramOptions { ClientId = "live-id", ClientSecret = "live-secret" }), NullLogger<InstagramClient>.Instance);
}

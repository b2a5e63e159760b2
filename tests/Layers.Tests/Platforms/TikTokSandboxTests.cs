using System.Net;
using System.Text.RegularExpressions;
using Layers.Platforms;
using Layers.SocialAccounts;
using Microsoft.AspNetCore.WebUtilities;

namespace Layers.Tests.Platforms;

public sealed class TikTokSandboxTests(PlatformSandboxFixture sandbox) : IClassFixture<PlatformSandboxFixture>
{
    private IPlatformClient TikTok => sandbox.Client(PlatformNames.TikTok);

    private string Callback => sandbox.Callback(PlatformNames.TikTok);

    [Fact]
    public void WithoutCredentialsTheAuthorizeUrlIsTheSimulatorsWithLoginKitParameters()
    {
        var url = new Uri(TikTok.BuildAuthorizeUrl("st_shape", ["user.info.basic", "video.publish"], Callback));
        var query = PlatformSandboxFixture.Query(url);

        Assert.True(TikTok.IsSandbox);
        Assert.Equal($"{sandbox.Factory.BaseUrl}/sandbox/tiktok/oauth/authorize", url.GetLeftPart(UriPartial.Path));
        Assert.Equal(["client_key", "scope", "response_type", "redirect_uri", "state"], query.Keys);
        Assert.Equal("sandbox-client", query["client_key"]);
        Assert.Equal("user.info.basic,video.publish", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(Callback, query["redirect_uri"]);
        Assert.Equal("st_shape", query["state"]);
        Assert.Equal(["user.info.basic", "user.info.profile", "video.publish", "video.upload", "video.list"], TikTok.DefaultScopes);
        Assert.Equal(["video.list"], TikTok.FeatureScopes[PlatformFeatures.Metrics]);
    }

    [Fact]
    public async Task AnApprovedConsentYieldsTokensAndTheProfileOfAStableUser()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var location = await sandbox.ConsentAsync(TikTok, handle, state: "st_roundtrip");
        var query = PlatformSandboxFixture.Query(location);
        Assert.StartsWith(Callback + "?", location.ToString(), StringComparison.Ordinal);
        Assert.Equal("st_roundtrip", query["state"]);
        Assert.Equal(string.Join(',', TikTok.DefaultScopes), query["scopes"]);

        var grant = await TikTok.ExchangeCodeAsync(query["code"], Callback, CancellationToken.None);
        Assert.Equal(86_400, grant.ExpiresInSeconds);
        Assert.NotNull(grant.RefreshToken);
        Assert.Equal(31_536_000, grant.RefreshExpiresInSeconds);
        Assert.Equal(TikTok.DefaultScopes, grant.Scopes);
        Assert.StartsWith("-000", grant.PlatformUserId, StringComparison.Ordinal);

        var profile = await TikTok.GetProfileAsync(grant.AccessToken, CancellationToken.None);
        Assert.Equal(grant.PlatformUserId, profile.PlatformUserId);
        Assert.Equal(handle, profile.Handle);
        Assert.False(string.IsNullOrEmpty(profile.DisplayName));
        Assert.StartsWith(sandbox.Factory.BaseUrl, profile.AvatarUrl, StringComparison.Ordinal);
        Assert.Null(profile.AccountType);

        var again = await sandbox.ConnectAsync(TikTok, handle);
        var other = await sandbox.ConnectAsync(TikTok, PlatformSandboxFixture.NewHandle("tt"));
        Assert.Equal(grant.PlatformUserId, again.PlatformUserId);
        Assert.NotEqual(grant.AccessToken, again.AccessToken);
        Assert.NotEqual(grant.PlatformUserId, other.PlatformUserId);
    }

    [Fact]
    public async Task ADeniedConsentRedirectsWithAccessDeniedAndTheState()
    {
        var location = await sandbox.ConsentAsync(TikTok, PlatformSandboxFixture.NewHandle("tt"), decision: "deny", state: "st_denied");
        var query = PlatformSandboxFixture.Query(location);

        Assert.Equal("access_denied", query["error"]);
        Assert.False(string.IsNullOrEmpty(query["error_description"]));
        Assert.Equal("st_denied", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task ACodeIsExchangedOnlyOnce()
    {
        var location = await sandbox.ConsentAsync(TikTok, PlatformSandboxFixture.NewHandle("tt"));
        var code = PlatformSandboxFixture.Query(location)["code"];
        await TikTok.ExchangeCodeAsync(code, Callback, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PlatformAuthException>(() => TikTok.ExchangeCodeAsync(code, Callback, CancellationToken.None));
        Assert.Equal("invalid_grant", refused.PlatformCode);
        Assert.Equal(400, refused.HttpStatus);
        Assert.False(refused.Retryable);
    }

    [Fact]
    public async Task ACodeExpiresAfterTenMinutes()
    {
        var location = await sandbox.ConsentAsync(TikTok, PlatformSandboxFixture.NewHandle("tt"));
        sandbox.Clock.Advance(TimeSpan.FromMinutes(11));

        var refused = await Assert.ThrowsAsync<PlatformAuthException>(() =>
            TikTok.ExchangeCodeAsync(PlatformSandboxFixture.Query(location)["code"], Callback, CancellationToken.None));
        Assert.Equal("invalid_grant", refused.PlatformCode);
    }

    [Fact]
    public async Task RefreshRotatesTheRefreshTokenAndTheOldOneStopsWorking()
    {
        var grant = await sandbox.ConnectAsync(TikTok, PlatformSandboxFixture.NewHandle("tt"));
        sandbox.Clock.Advance(TimeSpan.FromHours(1));

        var refreshed = await TikTok.RefreshAsync(grant.AccessToken, grant.RefreshToken, CancellationToken.None);
        Assert.NotEqual(grant.AccessToken, refreshed.AccessToken);
        Assert.NotNull(refreshed.RefreshToken);
        Assert.NotEqual(grant.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(86_400, refreshed.ExpiresInSeconds);

        // The refresh token's lifetime counts from the consent, and the client reports what the response said.
        Assert.Equal(31_536_000 - 3_600, refreshed.RefreshExpiresInSeconds);
        Assert.Equal(grant.PlatformUserId, refreshed.PlatformUserId);
        Assert.Equal(grant.Scopes, refreshed.Scopes);
        Assert.Equal(grant.PlatformUserId, (await TikTok.GetProfileAsync(refreshed.AccessToken, CancellationToken.None)).PlatformUserId);

        var stale = await Assert.ThrowsAsync<PlatformAuthException>(() =>
            TikTok.RefreshAsync(refreshed.AccessToken, grant.RefreshToken, CancellationToken.None));
        Assert.Equal("invalid_grant", stale.PlatformCode);
        Assert.DoesNotContain(grant.RefreshToken!, stale.Message, StringComparison.Ordinal);

        var next = await TikTok.RefreshAsync(refreshed.AccessToken, refreshed.RefreshToken, CancellationToken.None);
        Assert.NotEqual(refreshed.RefreshToken, next.RefreshToken);
    }

    [Fact]
    public async Task InvalidatedTokensAreRefusedAsAuthFailures()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var grant = await sandbox.ConnectAsync(TikTok, handle);
        Assert.Equal(2, (await sandbox.UserAsync(PlatformNames.TikTok, handle)).ActiveTokens);

        await sandbox.InvalidateTokensAsync(PlatformNames.TikTok, handle);

        var profile = await Assert.ThrowsAsync<PlatformAuthException>(() => TikTok.GetProfileAsync(grant.AccessToken, CancellationToken.None));
        Assert.Equal("access_token_invalid", profile.PlatformCode);
        Assert.Equal(401, profile.HttpStatus);
        var refresh = await Assert.ThrowsAsync<PlatformAuthException>(() =>
            TikTok.RefreshAsync(grant.AccessToken, grant.RefreshToken, CancellationToken.None));
        Assert.Equal("invalid_grant", refresh.PlatformCode);
        Assert.Equal(0, (await sandbox.UserAsync(PlatformNames.TikTok, handle)).ActiveTokens);

        // A new consent by the same user works again.
        var renewed = await sandbox.ConnectAsync(TikTok, handle);
        Assert.Equal(grant.PlatformUserId, (await TikTok.GetProfileAsync(renewed.AccessToken, CancellationToken.None)).PlatformUserId);
    }

    [Fact]
    public async Task RevokingATokenEndsTheConsentAndIsCountedOnce()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var grant = await sandbox.ConnectAsync(TikTok, handle);

        Assert.True(await TikTok.RevokeAsync(grant.AccessToken, CancellationToken.None));

        var user = await sandbox.UserAsync(PlatformNames.TikTok, handle);
        Assert.Equal(handle, user.Handle);
        Assert.Equal(grant.PlatformUserId, user.PlatformUserId);
        Assert.Equal(1, user.Revocations);
        Assert.Equal(0, user.ActiveTokens);
        await Assert.ThrowsAsync<PlatformAuthException>(() => TikTok.GetProfileAsync(grant.AccessToken, CancellationToken.None));
        await Assert.ThrowsAsync<PlatformAuthException>(() => TikTok.RefreshAsync(grant.AccessToken, grant.RefreshToken, CancellationToken.None));
    }

    [Fact]
    public async Task AUserWhoGrantsFewerScopesGetsATokenForThoseOnly()
    {
        var handle = PlatformSandboxFixture.NewHandle("tt");
        var location = await sandbox.ConsentAsync(TikTok, handle,
            extra: new Dictionary<string, string?> { ["sandbox_grant_scopes"] = "user.info.basic,video.publish" });
        Assert.Equal("user.info.basic,video.publish", PlatformSandboxFixture.Query(location)["scopes"]);

        var grant = await TikTok.ExchangeCodeAsync(PlatformSandboxFixture.Query(location)["code"], Callback, CancellationToken.None);
        Assert.Equal(["user.info.basic", "video.publish"], grant.Scopes);

        // Without user.info.profile TikTok withholds the username; the profile still resolves the same user.
        var profile = await TikTok.GetProfileAsync(grant.AccessToken, CancellationToken.None);
        Assert.Equal(grant.PlatformUserId, profile.PlatformUserId);
        Assert.False(string.IsNullOrEmpty(profile.DisplayName));
    }

    [Fact]
    public async Task TheConsentPageShowsTheHandleInputTheButtonsAndTheRequestedScopes()
    {
        var url = TikTok.BuildAuthorizeUrl("st_\"><script>alert(1)</script>", [], Callback);
        using var response = await sandbox.Browser.GetAsync(QueryHelpers.AddQueryString(url, "sandbox_user", "prefilled.user"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("<input id=\"handle\"[^>]*value=\"prefilled.user\"", html);
        Assert.Contains("id=\"approve\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"deny\"", html, StringComparison.Ordinal);
        var listed = Regex.Matches(html, "<li class=\"scope\">.*?>([^<>]+)</label></li>").Select(m => m.Groups[1].Value);
        Assert.Equal(TikTok.DefaultScopes, listed);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConsentPagesFormDecidesWithTheTickedScopes()
    {
        var url = TikTok.BuildAuthorizeUrl("st_form", [], Callback);
        var submitted = QueryHelpers.AddQueryString(url, new KeyValuePair<string, string?>[]
        {
            new("sandbox_scope_choice", "1"),
            new("sandbox_grant_scope", "user.info.basic"),
            new("sandbox_grant_scope", "video.publish"),
            new("sandbox_user", "Form.User"),
            new("sandbox_decision", "approve"),
        });
        using var response = await sandbox.Browser.GetAsync(submitted);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var query = PlatformSandboxFixture.Query(response.Headers.Location!);
        Assert.Equal("user.info.basic,video.publish", query["scopes"]);
        Assert.Equal("st_form", query["state"]);
    }

    [Fact]
    public async Task ARedirectOffTheServicesOriginIsRefusedWithoutARedirect()
    {
        var url = TikTok.BuildAuthorizeUrl("st_evil", [], "https://evil.example/callback");
        using var response = await sandbox.Browser.GetAsync(QueryHelpers.AddQueryString(url, new Dictionary<string, string?>
        {
            ["sandbox_user"] = "someone",
            ["sandbox_decision"] = "deny",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}

using System.Net;
using Layers.Platforms;
using Layers.SocialAccounts;
using Microsoft.AspNetCore.WebUtilities;

namespace Layers.Tests.Platforms;

public sealed class InstagramSandboxTests(PlatformSandboxFixture sandbox) : IClassFixture<PlatformSandboxFixture>
{
    private IPlatformClient Instagram => sandbox.Client(PlatformNames.Instagram);

    private string Callback => sandbox.Callback(PlatformNames.Instagram);

    [Fact]
    public void WithoutCredentialsTheAuthorizeUrlIsTheSimulatorsWithInstagramLoginParameters()
    {
        var url = new Uri(Instagram.BuildAuthorizeUrl("st_shape", [], Callback));
        var query = PlatformSandboxFixture.Query(url);

        Assert.True(Instagram.IsSandbox);
        Assert.Equal($"{sandbox.Factory.BaseUrl}/sandbox/instagram/oauth/authorize", url.GetLeftPart(UriPartial.Path));
        Assert.Equal(["client_id", "redirect_uri", "response_type", "scope", "state"], query.Keys);
        Assert.Equal("sandbox-client", query["client_id"]);
        Assert.Equal(Callback, query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights,instagram_business_manage_comments", query["scope"]);
        Assert.Equal("st_shape", query["state"]);
        Assert.Equal(["instagram_business_basic", "instagram_business_content_publish"], Instagram.RequiredScopes);
        Assert.Equal(["instagram_business_manage_insights"], Instagram.FeatureScopes[PlatformFeatures.Metrics]);
        Assert.Equal(["instagram_business_manage_comments"], Instagram.FeatureScopes[PlatformFeatures.Comments]);
    }

    [Fact]
    public async Task AnApprovedConsentYieldsALongLivedTokenAndTheProfileOfAStableUser()
    {
        var handle = PlatformSandboxFixture.NewHandle("ig");
        var location = await sandbox.ConsentAsync(Instagram, handle, state: "st_roundtrip");
        Assert.Equal("#_", location.Fragment);
        var query = PlatformSandboxFixture.Query(location);
        Assert.Equal("st_roundtrip", query["state"]);

        // The code as a careless reader of the redirect would take it, "#_" included.
        var grant = await Instagram.ExchangeCodeAsync(query["code"] + "#_", Callback, CancellationToken.None);
        Assert.StartsWith("IGAA", grant.AccessToken, StringComparison.Ordinal);
        Assert.Equal(5_184_000, grant.ExpiresInSeconds);
        Assert.Null(grant.RefreshToken);
        Assert.Null(grant.RefreshExpiresInSeconds);
        Assert.Equal(Instagram.DefaultScopes, grant.Scopes);
        Assert.Matches("^1784[0-9]{13}$", grant.PlatformUserId);

        var profile = await Instagram.GetProfileAsync(grant.AccessToken, CancellationToken.None);
        Assert.Equal(grant.PlatformUserId, profile.PlatformUserId);
        Assert.Equal(handle, profile.Handle);
        Assert.Equal("BUSINESS", profile.AccountType);
        Assert.False(string.IsNullOrEmpty(profile.DisplayName));
        Assert.StartsWith(sandbox.Factory.BaseUrl, profile.AvatarUrl, StringComparison.Ordinal);

        var again = await sandbox.ConnectAsync(Instagram, handle);
        var other = await sandbox.ConnectAsync(Instagram, PlatformSandboxFixture.NewHandle("ig"));
        Assert.Equal(grant.PlatformUserId, again.PlatformUserId);
        Assert.NotEqual(grant.PlatformUserId, other.PlatformUserId);
    }

    [Theory]
    [InlineData("personal", "PERSONAL")]
    [InlineData("creator", "MEDIA_CREATOR")]
    [InlineData("business", "BUSINESS")]
    public async Task TheProfileReportsTheAccountTypeChosenAtConsent(string chosen, string reported)
    {
        var grant = await sandbox.ConnectAsync(Instagram, PlatformSandboxFixture.NewHandle("ig"),
            new Dictionary<string, string?> { ["sandbox_account_type"] = chosen });

        Assert.Equal(reported, (await Instagram.GetProfileAsync(grant.AccessToken, CancellationToken.None)).AccountType);
    }

    [Fact]
    public async Task ADeniedConsentRedirectsWithAccessDeniedTheReasonAndTheState()
    {
        var location = await sandbox.ConsentAsync(Instagram, PlatformSandboxFixture.NewHandle("ig"), decision: "deny", state: "st_denied");
        var query = PlatformSandboxFixture.Query(location);

        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("user_denied", query["error_reason"]);
        Assert.Equal("st_denied", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task ACodeIsExchangedOnlyOnce()
    {
        var location = await sandbox.ConsentAsync(Instagram, PlatformSandboxFixture.NewHandle("ig"));
        var code = PlatformSandboxFixture.Query(location)["code"];
        await Instagram.ExchangeCodeAsync(code, Callback, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PlatformException>(() => Instagram.ExchangeCodeAsync(code, Callback, CancellationToken.None));
        Assert.Equal(400, refused.HttpStatus);
        Assert.False(refused.Retryable);
    }

    [Fact]
    public async Task ALongLivedTokenIsRefreshedOnlyOnceItIsADayOld()
    {
        var grant = await sandbox.ConnectAsync(Instagram, PlatformSandboxFixture.NewHandle("ig"));

        var early = await Assert.ThrowsAsync<PlatformException>(() => Instagram.RefreshAsync(grant.AccessToken, null, CancellationToken.None));
        Assert.Equal("100", early.PlatformCode);
        Assert.False(early.Retryable);

        sandbox.Clock.Advance(TimeSpan.FromHours(25));
        var refreshed = await Instagram.RefreshAsync(grant.AccessToken, null, CancellationToken.None);
        Assert.NotEqual(grant.AccessToken, refreshed.AccessToken);
        Assert.Equal(5_184_000, refreshed.ExpiresInSeconds);
        Assert.Null(refreshed.RefreshToken);
        Assert.Null(refreshed.RefreshExpiresInSeconds);

        Assert.Equal(grant.PlatformUserId, (await Instagram.GetProfileAsync(refreshed.AccessToken, CancellationToken.None)).PlatformUserId);
        Assert.Equal(grant.PlatformUserId, (await Instagram.GetProfileAsync(grant.AccessToken, CancellationToken.None)).PlatformUserId);
    }

    [Fact]
    public async Task AnExpiredLongLivedTokenIsRefusedWith190()
    {
        var grant = await sandbox.ConnectAsync(Instagram, PlatformSandboxFixture.NewHandle("ig"));
        sandbox.Clock.Advance(TimeSpan.FromDays(61));

        var profile = await Assert.ThrowsAsync<PlatformAuthException>(() => Instagram.GetProfileAsync(grant.AccessToken, CancellationToken.None));
        Assert.Equal("190", profile.PlatformCode);
        var refresh = await Assert.ThrowsAsync<PlatformAuthException>(() => Instagram.RefreshAsync(grant.AccessToken, null, CancellationToken.None));
        Assert.Equal("190", refresh.PlatformCode);
    }

    [Fact]
    public async Task InvalidatedTokensAreRefusedWith190()
    {
        var handle = PlatformSandboxFixture.NewHandle("ig");
        var grant = await sandbox.ConnectAsync(Instagram, handle);
        sandbox.Clock.Advance(TimeSpan.FromHours(25));

        await sandbox.InvalidateTokensAsync(PlatformNames.Instagram, handle);

        var profile = await Assert.ThrowsAsync<PlatformAuthException>(() => Instagram.GetProfileAsync(grant.AccessToken, CancellationToken.None));
        Assert.Equal("190", profile.PlatformCode);
        Assert.DoesNotContain(grant.AccessToken, profile.Message, StringComparison.Ordinal);
        var refresh = await Assert.ThrowsAsync<PlatformAuthException>(() => Instagram.RefreshAsync(grant.AccessToken, null, CancellationToken.None));
        Assert.Equal("190", refresh.PlatformCode);
        Assert.Equal(0, (await sandbox.UserAsync(PlatformNames.Instagram, handle)).ActiveTokens);
    }

    [Fact]
    public async Task InstagramOffersNoRevocation()
    {
        var handle = PlatformSandboxFixture.NewHandle("ig");
        var grant = await sandbox.ConnectAsync(Instagram, handle);

        Assert.False(await Instagram.RevokeAsync(grant.AccessToken, CancellationToken.None));
        Assert.Equal(0, (await sandbox.UserAsync(PlatformNames.Instagram, handle)).Revocations);
        await Instagram.GetProfileAsync(grant.AccessToken, CancellationToken.None);
    }

    [Fact]
    public async Task TheConsentPageOffersAccountTypesAndListsTheRequestedScopes()
    {
        var url = Instagram.BuildAuthorizeUrl("st_page", [], Callback);
        using var response = await sandbox.Browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<input id=\"handle\"", html, StringComparison.Ordinal);
        Assert.Contains("<select id=\"account_type\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"approve\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"deny\"", html, StringComparison.Ordinal);
        foreach (var scope in Instagram.DefaultScopes)
        {
            Assert.Contains($">{scope}</label></li>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<input type=\"hidden\" name=\"state\" value=\"st_page\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConsentWithoutAHandleShowsThePageAgainWithAnError()
    {
        var url = QueryHelpers.AddQueryString(Instagram.BuildAuthorizeUrl("st_nohandle", [], Callback), "sandbox_decision", "approve");
        using var response = await sandbox.Browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.SocialAccounts;

[Collection(ApiCollection.Name)]
public sealed class ConnectFlowTests(PostgresApiFixture fixture)
{
    [Theory]
    [InlineData("tiktok")]
    [InlineData("instagram")]
    public async Task ACustomerConnectsEndToEndAndTheAccountIsListed(string platform)
    {
        var (tenant, projectId, driver) = await ArrangeAsync();
        var started = await driver.StartAsync(projectId, platform);
        var state = started.GetProperty("state").GetString()!;
        Assert.Matches("^st_[0-9A-Z]{40}$", state);
        var authorizeUrl = new Uri(started.GetProperty("authorizeUrl").GetString()!);
        var authorizeQuery = OAuthDriver.Query(authorizeUrl);
        Assert.Equal(state, authorizeQuery["state"]);
        Assert.Equal($"{fixture.Factory.BaseUrl}/v1/social/oauth/callback/{platform}", authorizeQuery["redirect_uri"]);
        Assert.Equal("code", authorizeQuery["response_type"]);

        var pending = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{state}");
        Assert.Equal("pending", pending.GetProperty("status").GetString());

        var callback = await driver.ConsentAsync(authorizeUrl.ToString(), $"acme.{platform}");
        var (status, location, _) = await driver.CallbackAsync(callback);
        Assert.Equal(HttpStatusCode.Found, status);
        Assert.StartsWith("https://app.example.com/connected?", location!.ToString());
        var back = OAuthDriver.Query(location);
        Assert.Equal("tests", back["from"]);
        Assert.Equal(state, back["layers_state"]);
        Assert.Equal("success", back["status"]);

        var completed = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{state}");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        var accountId = completed.GetProperty("socialAccountId").GetString()!;
        Assert.StartsWith("sa_", accountId);

        var list = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts");
        var account = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(accountId, account.GetProperty("socialAccountId").GetString());
        Assert.Equal(platform, account.GetProperty("platform").GetString());
        Assert.Equal($"acme.{platform}", account.GetProperty("handle").GetString());
        Assert.Equal("connected", account.GetProperty("status").GetString());
        Assert.False(account.GetProperty("leased").GetBoolean());
        Assert.Equal(JsonValueKind.String, account.GetProperty("tokenExpiresAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, account.GetProperty("monthlyPriceCents").ValueKind);
        foreach (var field in new[] { "accessToken", "refreshToken", "token" })
        {
            Assert.False(account.TryGetProperty(field, out _));
        }

        var single = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}");
        Assert.Equal(account.GetRawText(), single.GetRawText());
        var health = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health");
        Assert.Equal("connected", health.GetProperty("status").GetString());
        Assert.Equal(0, health.GetProperty("consecutiveRefreshFailures").GetInt32());

        var events = await EventsAsync(tenant, "social_account.connected");
        var connected = Assert.Single(events);
        Assert.Equal(accountId, connected.GetProperty("data").GetProperty("socialAccountId").GetString());
        Assert.False(connected.GetProperty("data").GetProperty("reconnected").GetBoolean());
        Assert.Equal(projectId, connected.GetProperty("projectId").GetString());
    }

    [Fact]
    public async Task ConnectingTheSameUserTwiceKeepsOneAccount()
    {
        var (tenant, projectId, driver) = await ArrangeAsync();
        await driver.ConnectAsync(projectId, "tiktok", "same.person");
        await driver.ConnectAsync(projectId, "tiktok", "same.person");
        var list = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts");
        Assert.Single(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ADeniedConsentRedirectsWithAccessDeniedAndWritesNoAccount()
    {
        var (tenant, projectId, driver) = await ArrangeAsync();
        var started = await driver.StartAsync(projectId, "tiktok");
        var callback = await driver.ConsentAsync(started.GetProperty("authorizeUrl").GetString()!, "shy.user", decision: "deny");
        var (_, location, _) = await driver.CallbackAsync(callback);
        var back = OAuthDriver.Query(location!);
        Assert.Equal("error", back["status"]);
        Assert.Equal("access_denied", back["layers_oauth_error"]);
        await AssertNoAccountsAsync(tenant, projectId);
        var status = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}");
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("access_denied", status.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AReplayedCallbackSaysStateAlreadyUsedAndChangesNothing()
    {
        var (tenant, projectId, driver) = await ArrangeAsync();
        var started = await driver.StartAsync(projectId, "instagram");
        var callback = await driver.ConsentAsync(started.GetProperty("authorizeUrl").GetString()!, "replayed.user");
        await driver.CallbackAsync(callback);
        var (_, location, _) = await driver.CallbackAsync(callback);
        Assert.Equal("state_already_used", OAuthDriver.Query(location!)["layers_oauth_error"]);
        Assert.Single((await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("st_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task AnUnknownStateIsAPlain400WithoutRedirect(string state)
    {
        var (_, _, driver) = await ArrangeAsync();
        var (status, location, body) = await driver.CallbackAsync(new Uri($"{fixture.Factory.BaseUrl}/v1/social/oauth/callback/tiktok?code=abc&state={state}"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(location);
        Assert.DoesNotContain("http", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInstagramPersonalAccountIsRefusedAsNotBusiness()
    {
        var (tenant, projectId, driver) = await ArrangeAsync();
        var started = await driver.StartAsync(projectId, "instagram");
        var callback = await driver.ConsentAsync(started.GetProperty("authorizeUrl").GetString()!, "personal.gram", accountType: "personal");
        var (_, location, _) = await driver.CallbackAsync(callback);
        Assert.Equal("not_business_account", OAuthDriver.Query(location!)["layers_oauth_error"]);
        await AssertNoAccountsAsync(tenant, projectId);
    }

    [Fact]
    public async Task AConsentWithoutThePublishScopeFailsWithScopeMissing()
    {
        var (tenant, projectId, driver) = await ArrangeAsync();
        var started = await driver.StartAsync(projectId, "tiktok");
        var callback = await driver.ConsentAsync(started.GetProperty("authorizeUrl").GetString()!, "stingy.user", grantScopes: "user.info.basic");
        var (_, location, _) = await driver.CallbackAsync(callback);
        Assert.Equal("scope_missing", OAuthDriver.Query(location!)["layers_oauth_error"]);
        await AssertNoAccountsAsync(tenant, projectId);
    }

    [Fact]
    public async Task AReconnectKeepsTheAccountIdAndAnotherUserIsAMismatch()
    {
        var (tenant, projectId, driver) = await ArrangeAsync();
        var (started, _) = await driver.ConnectAsync(projectId, "tiktok", "original.owner");
        var accountId = (await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}")).GetProperty("socialAccountId").GetString();

        var mismatch = await tenant.Client.PostJsonAsync($"/v1/projects/{projectId}/social/reauth-url", new { socialAccountId = accountId, returnUrl = OAuthDriver.ReturnUrl });
        var wrongUser = await driver.ConsentAsync(mismatch.GetProperty("authorizeUrl").GetString()!, "someone.else");
        var (_, wrongLocation, _) = await driver.CallbackAsync(wrongUser);
        Assert.Equal("account_mismatch", OAuthDriver.Query(wrongLocation!)["layers_oauth_error"]);
        var list = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts");
        Assert.Equal("original.owner", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("handle").GetString());

        var reauth = await tenant.Client.PostJsonAsync($"/v1/projects/{projectId}/social/reauth-url", new { socialAccountId = accountId, returnUrl = OAuthDriver.ReturnUrl });
        var sameUser = await driver.ConsentAsync(reauth.GetProperty("authorizeUrl").GetString()!, "original.owner");
        var (_, location, _) = await driver.CallbackAsync(sameUser);
        Assert.Equal("success", OAuthDriver.Query(location!)["status"]);
        var status = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{reauth.GetProperty("state").GetString()}");
        Assert.Equal(accountId, status.GetProperty("socialAccountId").GetString());

        var reconnected = (await EventsAsync(tenant, "social_account.connected")).First();
        Assert.True(reconnected.GetProperty("data").GetProperty("reconnected").GetBoolean());
    }

    [Fact]
    public async Task RevokeDisconnectsErasesAndRevokesAtThePlatformOnce()
    {
        var (tenant, projectId, driver) = await ArrangeAsync();
        var (started, _) = await driver.ConnectAsync(projectId, "tiktok", "leaving.user");
        var accountId = (await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}")).GetProperty("socialAccountId").GetString();

        using var revoke = await tenant.Client.DeleteAsync($"/v1/social-accounts/{accountId}");
        var body = await revoke.Json();
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("disconnected", body.GetProperty("status").GetString());
        Assert.Equal("revoked_by_partner", body.GetProperty("disconnectedReason").GetString());
        Assert.Equal(0, body.GetProperty("canceledScheduledPosts").GetInt32());
        Assert.True(body.GetProperty("platformTokenRevoked").GetBoolean());

        using (var again = await tenant.Client.DeleteAsync($"/v1/social-accounts/{accountId}"))
        {
            await again.AssertError(404, "NOT_FOUND");
        }

        var sandboxUser = await fixture.Factory.CreateClient().GetJsonAsync("/sandbox/tiktok/control/users/leaving.user");
        Assert.Equal(1, sandboxUser.GetProperty("revocations").GetInt32());

        await AssertNoAccountsAsync(tenant, projectId);
        var all = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts?status=disconnected");
        Assert.Equal("revoked_by_partner", Assert.Single(all.GetProperty("items").EnumerateArray()).GetProperty("disconnectedReason").GetString());
        Assert.Single(await EventsAsync(tenant, "social_account.revoked"));

        using var reauth = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/social/reauth-url", new { socialAccountId = accountId, returnUrl = OAuthDriver.ReturnUrl });
        await reauth.AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task AccountsOfAnotherOrganizationDoNotExist()
    {
        var (owner, projectId, driver) = await ArrangeAsync();
        var (started, _) = await driver.ConnectAsync(projectId, "instagram", "private.brand");
        var state = started.GetProperty("state").GetString();
        var accountId = (await owner.Client.GetJsonAsync($"/v1/social/oauth-status/{state}")).GetProperty("socialAccountId").GetString();
        var stranger = await fixture.NewTenantAsync();
        foreach (var url in new[] { $"/v1/social-accounts/{accountId}", $"/v1/social-accounts/{accountId}/health", $"/v1/social/oauth-status/{state}", $"/v1/projects/{projectId}/social-accounts" })
        {
            using var response = await stranger.Client.GetAsync(url);
            await response.AssertError(404, "NOT_FOUND");
        }

        using var delete = await stranger.Client.DeleteAsync($"/v1/social-accounts/{accountId}");
        await delete.AssertError(404, "NOT_FOUND");
        Assert.Equal("connected", (await owner.Client.GetJsonAsync($"/v1/social-accounts/{accountId}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("https://evil.example.net/cb")]
    [InlineData("https://app.example.com.evil.test/cb")]
    [InlineData("http://app.example.com/cb")]
    [InlineData("https://app.example.com@evil.test/cb")]
    public async Task AReturnUrlOffTheAllowlistIsForbidden(string returnUrl)
    {
        var (tenant, projectId, driver) = await ArrangeAsync();
        using var response = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/social/oauth-url", new { platform = "tiktok", returnUrl });
        await response.AssertError(403, "RETURN_URL_NOT_ALLOWED");
        _ = driver;
    }

    [Theory]
    [InlineData("linkedin", 422, "PLATFORM_NOT_SUPPORTED")]
    [InlineData("youtube", 422, "PLATFORM_NOT_SUPPORTED")]
    [InlineData("myspace", 422, "VALIDATION")]
    [InlineData(null, 422, "VALIDATION")]
    public async Task UnsupportedPlatformsGetTheirDocumentedErrors(string? platform, int status, string code)
    {
        var (tenant, projectId, _) = await ArrangeAsync();
        using var response = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/social/oauth-url", new { platform, returnUrl = OAuthDriver.ReturnUrl });
        await response.AssertError(status, code);
    }

    [Fact]
    public async Task BadListFiltersAreValidationErrors()
    {
        var (tenant, projectId, _) = await ArrangeAsync();
        foreach (var query in new[] { "status=sleeping", "leased=maybe", "platform=myspace", "limit=500" })
        {
            using var response = await tenant.Client.GetAsync($"/v1/projects/{projectId}/social-accounts?{query}");
            await response.AssertError(422, "VALIDATION");
        }
    }

    [Fact]
    public async Task EveryListedPageFollowsTheAccountsChanges()
    {
        // The project keeps each page it answered until an account changes; each filter and cursor is its own page.
        var (tenant, projectId, driver) = await ArrangeAsync();
        async Task<(List<string> Handles, string? Next)> ListAsync(string query)
        {
            var page = await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts{query}");
            var next = page.GetProperty("nextCursor");
            return ([.. page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("handle").GetString()!)], next.ValueKind == JsonValueKind.Null ? null : next.GetString());
        }

        async Task<string> ConnectAsync(string handle)
        {
            var (started, _) = await driver.ConnectAsync(projectId, "tiktok", handle);
            return (await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}")).GetProperty("socialAccountId").GetString()!;
        }

        var first = await ConnectAsync("pages.first");
        Assert.Equal(["pages.first"], (await ListAsync("")).Handles);
        Assert.Empty((await ListAsync("?status=disconnected")).Handles);

        await ConnectAsync("pages.second");
        Assert.Equal(["pages.second", "pages.first"], (await ListAsync("")).Handles);
        var (firstPage, cursor) = await ListAsync("?limit=1");
        Assert.Equal(["pages.second"], firstPage);
        Assert.Equal(["pages.first"], (await ListAsync($"?limit=1&cursor={cursor}")).Handles);

        using (var revoke = await tenant.Client.DeleteAsync($"/v1/social-accounts/{first}"))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        Assert.Equal(["pages.second"], (await ListAsync("")).Handles);
        Assert.Equal(["pages.second"], (await ListAsync("?limit=1")).Handles);
        Assert.Empty((await ListAsync($"?limit=1&cursor={cursor}")).Handles);
        Assert.Equal(["pages.first"], (await ListAsync("?status=disconnected")).Handles);
        Assert.Equal(["pages.second", "pages.first"], (await ListAsync("?status=connected,disconnected")).Handles);
        Assert.Equal(["pages.second", "pages.first"], (await ListAsync("?status=disconnected&status=connected")).Handles);
    }

    private async Task<(TestTenant Tenant, string ProjectId, OAuthDriver Driver)> ArrangeAsync()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var project = await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Social" });
        return (tenant, project.GetProperty("id").GetString()!, new OAuthDriver(fixture.Factory, tenant));
    }

    private static async Task AssertNoAccountsAsync(TestTenant tenant, string projectId) =>
        Assert.Empty((await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts")).GetProperty("items").EnumerateArray());

    private static async Task<List<JsonElement>> EventsAsync(TestTenant tenant, string type)
    {
        var page = await tenant.Client.GetJsonAsync($"/v1/events?type={type}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}

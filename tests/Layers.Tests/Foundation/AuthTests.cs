using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class AuthTests(PostgresApiFixture fixture)
{
    /// <summary>Every partner endpoint so far, with the scope it needs.</summary>
    public static TheoryData<string, string, string?> PartnerEndpoints => new()
    {
        { "GET", "/v1/whoami", null },
        { "GET", "/v1/wallet", "projects:read" },
        { "GET", "/v1/wallet/transactions", "projects:read" },
        { "POST", "/v1/projects", "projects:write" },
        { "GET", "/v1/projects", "projects:read" },
        { "GET", "/v1/projects/{project}", "projects:read" },
        { "PATCH", "/v1/projects/{project}", "projects:write" },
    };

    public static TheoryData<string, string> OperatorEndpoints => new()
    {
        { "POST", "/v1/admin/orgs" },
        { "POST", "/v1/admin/orgs/org_01J0000000000000000000000A/api-keys" },
        { "PUT", "/v1/admin/api-keys/key_01J0000000000000000000000A/allowed-return-domains" },
        { "DELETE", "/v1/admin/api-keys/key_01J0000000000000000000000A" },
        { "POST", "/v1/admin/orgs/org_01J0000000000000000000000A/wallet/credits" },
    };

    [Theory]
    [MemberData(nameof(PartnerEndpoints))]
    public async Task PartnerEndpointsRefuseMissingUnknownAndRevokedKeys(string method, string path, string? scope)
    {
        _ = scope;
        var tenant = await fixture.NewTenantAsync();
        var url = path.Replace("{project}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var anonymous = fixture.Factory.CreateClient();

        using (var response = await anonymous.SendAsync(Request(method, url)))
        {
            await response.AssertError(401, "UNAUTHENTICATED");
        }

        var unknown = Request(method, url);
        unknown.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "lp_live_ABCDEFGHJKMNPQRS_" + new string('a', 43));
        using (var response = await anonymous.SendAsync(unknown))
        {
            await response.AssertError(401, "UNAUTHENTICATED");
        }

        var wrongSecret = Request(method, url);
        wrongSecret.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey[..^4] + "AAAA");
        using (var response = await anonymous.SendAsync(wrongSecret))
        {
            await response.AssertError(401, "UNAUTHENTICATED");
        }

        using (var revoke = await fixture.Operator().DeleteAsync($"/v1/admin/api-keys/{tenant.ApiKeyId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using (var response = await tenant.Client.SendAsync(Request(method, url)))
        {
            await response.AssertError(401, "UNAUTHENTICATED");
        }
    }

    [Theory]
    [MemberData(nameof(PartnerEndpoints))]
    public async Task AKeyWithoutTheEndpointsScopeGetsForbiddenScopeNamingIt(string method, string path, string? scope)
    {
        if (scope is null)
        {
            return;
        }

        // webhooks:write is neither a read scope nor a projects scope.
        var tenant = await fixture.NewTenantAsync(scopes: ["webhooks:write"]);
        var url = path.Replace("{project}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        using var response = await tenant.Client.SendAsync(Request(method, url));
        var error = await response.AssertError(403, "FORBIDDEN_SCOPE");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("details").GetProperty("requiredScope").GetString()));
    }

    [Fact]
    public async Task XApiKeyWinsOverTheAuthorizationHeader()
    {
        var tenant = await fixture.NewTenantAsync();
        var client = fixture.Factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "lp_live_garbage");
        request.Headers.Add("X-Api-Key", tenant.ApiKey);
        using var response = await client.SendAsync(request);
        var body = await response.Json();
        Assert.Equal(tenant.OrganizationId, body.GetProperty("organizationId").GetString());
    }

    [Fact]
    public async Task WhoAmIDescribesTheKeyAndItsOrganization()
    {
        var tenant = await fixture.NewTenantAsync(scopes: ["projects:read", "social:read"], tier: "pilot");
        var body = await tenant.Client.GetJsonAsync("/v1/whoami");
        Assert.Equal(tenant.OrganizationId, body.GetProperty("organizationId").GetString());
        Assert.Equal(tenant.ApiKeyId, body.GetProperty("apiKeyId").GetString());
        Assert.Equal("pilot", body.GetProperty("rateLimitTier").GetString());
        Assert.Equal(["projects:read", "social:read"], body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(0, body.GetProperty("walletBalanceCents").GetInt64());
        Assert.DoesNotContain(tenant.ApiKey["lp_live_0123456789ABCDEF_".Length..], body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOrganizationsProjectDoesNotExist()
    {
        var owner = await fixture.NewTenantAsync();
        var stranger = await fixture.NewTenantAsync();
        var project = await owner.Client.PostJsonAsync("/v1/projects", new { name = "Mine" });
        var id = project.GetProperty("id").GetString();

        using (var get = await stranger.Client.GetAsync($"/v1/projects/{id}"))
        {
            await get.AssertError(404, "NOT_FOUND");
        }

        using (var patch = await stranger.Client.PatchAsJsonAsync($"/v1/projects/{id}", new { name = "Theirs" }))
        {
            await patch.AssertError(404, "NOT_FOUND");
        }

        var list = await stranger.Client.GetJsonAsync("/v1/projects");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        var unchanged = await owner.Client.GetJsonAsync($"/v1/projects/{id}");
        Assert.Equal("Mine", unchanged.GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task OperatorRoutesRefusePartnerKeysAndMissingTokens(string method, string path)
    {
        var tenant = await fixture.NewTenantAsync();
        using (var response = await tenant.Client.SendAsync(Request(method, path, new { name = "x" })))
        {
            await response.AssertError(401, "UNAUTHENTICATED");
        }

        var wrong = Request(method, path, new { name = "x" });
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-operator-token");
        using (var response = await fixture.Factory.CreateClient().SendAsync(wrong))
        {
            await response.AssertError(401, "UNAUTHENTICATED");
        }
    }

    [Fact]
    public async Task ChangedReturnDomainsAreNormalisedAndInvalidOnesListed()
    {
        var tenant = await fixture.NewTenantAsync();
        var admin = fixture.Operator();
        using var ok = await admin.PutAsJsonAsync($"/v1/admin/api-keys/{tenant.ApiKeyId}/allowed-return-domains",
            new { allowedReturnDomains = new[] { "App.Example.COM", "localhost:3000" } });
        var body = await ok.Json();
        Assert.Equal(["app.example.com", "localhost:3000"], body.GetProperty("allowedReturnDomains").EnumerateArray().Select(s => s.GetString()));

        using var bad = await admin.PutAsJsonAsync($"/v1/admin/api-keys/{tenant.ApiKeyId}/allowed-return-domains",
            new { allowedReturnDomains = new[] { "https://app.example.com", "*.example.com", "ok.example.com", "x:99999" } });
        var error = await bad.AssertError(422, "VALIDATION");
        var paths = error.GetProperty("details").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ToList();
        Assert.Equal(["allowedReturnDomains[0]", "allowedReturnDomains[1]", "allowedReturnDomains[3]"], paths);
    }

    private static HttpRequestMessage Request(string method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PATCH" or "PUT")
        {
            request.Content = JsonContent.Create(body ?? new { name = "x" });
        }

        return request;
    }
}

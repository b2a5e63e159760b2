using System.Net.Http.Json;
using System.Text.Json;
using Layers.Sandbox;
using Layers.Tests.Infrastructure;
using Layers.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Operability;

[Collection(OperabilityCollection.Name)]
public sealed class LogTests(OperabilityFixture fixture)
{
    [Fact]
    public async Task AConnectPublishRevokeRunLogsNoTokenSecretOrApiKeyAndEveryRequestLineCarriesItsIds()
    {
        var tenant = await fixture.NewTenantAsync();
        var path = "logs-" + Guid.NewGuid().ToString("N");
        var (_, signingSecret) = await new WebhookDriver(fixture.Factory, tenant).CreateEndpointAsync(fixture.Receiver.Url(path));
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, tenant);
        var handle = "logged." + Guid.NewGuid().ToString("N")[..6];

        // Connect by hand, to know the authorization codes the platforms handed out.
        var oauth = new OAuthDriver(fixture.Factory, tenant);
        var codes = new List<string>();
        var accounts = new List<string>();
        foreach (var platform in new[] { "tiktok", "instagram" })
        {
            var started = await oauth.StartAsync(driver.ProjectId, platform);
            var callback = await oauth.ConsentAsync(started.GetProperty("authorizeUrl").GetString()!, handle);
            codes.Add(OAuthDriver.Query(callback)["code"]);
            var (_, location, _) = await oauth.CallbackAsync(callback);
            Assert.Equal("success", OAuthDriver.Query(location!)["status"]);
            var status = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}");
            accounts.Add(status.GetProperty("socialAccountId").GetString()!);
        }

        var content = await driver.ContentAsync(PublishingDriver.Video);
        var posts = await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(),
            new { socialAccountId = accounts[0] }, new { socialAccountId = accounts[1] });
        foreach (var post in posts)
        {
            Assert.Equal("published", (await driver.SettledAsync(post)).GetProperty("status").GetString());
        }

        await fixture.Receiver.WaitForEventAsync(path, "post.published");
        using var revoke = await tenant.Client.DeleteAsync($"/v1/social-accounts/{accounts[0]}");
        revoke.EnsureSuccessStatusCode();
        var revokeRequestId = revoke.Headers.GetValues("X-Request-Id").Single();
        await driver.Tenant.Client.DeleteAsync($"/v1/social-accounts/{accounts[1]}");

        var sandbox = fixture.Factory.Services.GetRequiredService<SandboxState>();
        var secrets = new List<string>(sandbox.For("tiktok").TokensOf(handle).Concat(sandbox.For("instagram").TokensOf(handle)));
        Assert.True(secrets.Count >= 4, "both platforms issued access and refresh tokens");
        secrets.AddRange(codes);
        secrets.Add(signingSecret);
        secrets.Add(tenant.ApiKey);
        secrets.Add(tenant.ApiKey["lp_live_0123456789ABCDEF_".Length..]);
        secrets.Add(LayersFactory.AdminToken);

        var json = await LinesSettledAsync(line => line.Contains(revokeRequestId, StringComparison.Ordinal));
        var plain = fixture.Factory.Logs.Lines.ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(json, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(plain, line => line.Contains(secret, StringComparison.Ordinal));
        }

        // JSON lines, with the request id and the ids the request was about in their scopes.
        var entries = json.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var access = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "Layers.Requests"
            && Scope(e, "RequestId") == revokeRequestId);
        Assert.Equal("Debug", access.GetProperty("LogLevel").GetString());
        Assert.Equal("DELETE", access.GetProperty("State").GetProperty("Method").GetString());
        Assert.Equal("/v1/social-accounts/{socialAccountId}", access.GetProperty("State").GetProperty("Route").GetString());
        Assert.Equal(accounts[0], Scope(access, "SocialAccountId"));
        Assert.Equal(tenant.OrganizationId, Scope(access, "CallerOrganizationId"));
        Assert.Equal(tenant.ApiKeyId, Scope(access, "CallerApiKeyId"));
        Assert.False(string.IsNullOrEmpty(Scope(access, "TraceId")));

        // Grain lines name the objects they are about.
        Assert.Contains(entries, e => e.GetProperty("Category").GetString()!.EndsWith("ScheduledPostGrain", StringComparison.Ordinal)
            && e.GetProperty("State").TryGetProperty("ScheduledPostId", out var id) && posts.Contains(id.GetString()!));
    }

    /// <summary>The access line is written once the answer is complete; wait for it with a deadline.</summary>
    private async Task<List<string>> LinesSettledAsync(Func<string, bool> last)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var lines = fixture.JsonLogs.Lines.ToList();
            if (lines.Any(last) || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The innermost scope's value (ASP.NET Core's own scope has a connection-based RequestId further out).</summary>
    private static string? Scope(JsonElement entry, string name)
    {
        string? found = null;
        foreach (var scope in entry.GetProperty("Scopes").EnumerateArray())
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var value))
            {
                found = value.ToString();
            }
        }

        return found;
    }
}

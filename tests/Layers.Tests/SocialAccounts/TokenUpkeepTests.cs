using System.Net.Http.Json;
using System.Text.Json;
using Layers.Sandbox;
using Layers.SocialAccounts;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Layers.Tests.SocialAccounts;

/// <summary>Token refresh under a moving clock. Each reminder tick runs the account's upkeep; the test drives the ticks.</summary>
[Collection(ClockedCollection.Name)]
public sealed class TokenUpkeepTests(ClockedApiFixture fixture)
{
    [Fact]
    public async Task TikTokTokensStayFreshWithRotatingRefreshTokensUntilTheConsentsYearRunsOut()
    {
        var (tenant, accountId) = await ConnectAsync("tiktok", "daily.creator." + Guid.NewGuid().ToString("N")[..6]);
        var start = fixture.Clock.GetUtcNow();
        var refreshes = 0;
        DateTimeOffset? lastExpiry = null;
        while (fixture.Clock.GetUtcNow() - start < TimeSpan.FromDays(400))
        {
            var health = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health");
            if (health.GetProperty("status").GetString() != "connected")
            {
                break;
            }

            var expiry = health.GetProperty("tokenExpiresAt").GetDateTimeOffset();
            if (lastExpiry is not null)
            {
                // The sandbox rejects a refresh token once it has been used: each success proves the newest was kept.
                Assert.True(expiry > lastExpiry, "each refresh moves the expiry forward");
                refreshes++;
            }

            lastExpiry = expiry;
            // Just inside the refresh window: 90 minutes before a 24-hour token expires.
            fixture.Clock.SetUtcNow(expiry - TimeSpan.FromMinutes(90));
            await Account(accountId).RunUpkeepAsync();
            // A doubled tick changes nothing.
            await Account(accountId).RunUpkeepAsync();
        }

        // TikTok refresh tokens live 365 days from the consent; rotation does not extend that.
        var final = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health");
        Assert.Equal("reauth_required", final.GetProperty("status").GetString());
        Assert.InRange(fixture.Clock.GetUtcNow() - start, TimeSpan.FromDays(363), TimeSpan.FromDays(366));
        // Each tick lands 90 minutes before a 24-hour token expires: about 389 refreshes in 365 days.
        Assert.InRange(refreshes, 380, 392);
        var events = await tenant.Client.GetJsonAsync("/v1/events?type=social_account.needs_reauth");
        Assert.Single(events.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task InstagramLongLivedTokensAreRefreshedBeforeTheir60DaysRunOut()
    {
        var (tenant, accountId) = await ConnectAsync("instagram", "gram.brand." + Guid.NewGuid().ToString("N")[..6]);
        var start = fixture.Clock.GetUtcNow();
        var first = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("tokenExpiresAt").GetDateTimeOffset();
        Assert.InRange(first - start, TimeSpan.FromDays(59), TimeSpan.FromDays(61));

        var refreshes = 0;
        while (fixture.Clock.GetUtcNow() - start < TimeSpan.FromDays(400))
        {
            fixture.Clock.Advance(TimeSpan.FromDays(1));
            var before = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("tokenExpiresAt").GetDateTimeOffset();
            await Account(accountId).RunUpkeepAsync();
            var health = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health");
            Assert.Equal("connected", health.GetProperty("status").GetString());
            var after = health.GetProperty("tokenExpiresAt").GetDateTimeOffset();
            Assert.True(after > fixture.Clock.GetUtcNow(), "the token never lapses");
            if (after != before)
            {
                refreshes++;
                // Refreshed inside the last 10 days, never before the token is a day old.
                Assert.True(before - fixture.Clock.GetUtcNow() <= TimeSpan.FromDays(10));
            }
        }

        Assert.InRange(refreshes, 7, 9);
    }

    [Theory]
    [InlineData("tiktok")]
    [InlineData("instagram")]
    public async Task ARefusedRefreshFlipsToReauthRequiredWithExactlyOneEvent(string platform)
    {
        var handle = "revoked.elsewhere." + Guid.NewGuid().ToString("N")[..6];
        var (tenant, accountId) = await ConnectAsync(platform, handle);
        using (var invalidate = await fixture.Factory.CreateClient().PostAsync($"/sandbox/{platform}/control/users/{handle}/invalidate-tokens", null))
        {
            invalidate.EnsureSuccessStatusCode();
        }

        var expiry = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("tokenExpiresAt").GetDateTimeOffset();
        fixture.Clock.SetUtcNow(expiry - TimeSpan.FromHours(1));
        await Account(accountId).RunUpkeepAsync();
        await Account(accountId).RunUpkeepAsync();
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await Account(accountId).RunUpkeepAsync();

        var health = await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health");
        Assert.Equal("reauth_required", health.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("lastRefreshError").GetString()));
        var events = await tenant.Client.GetJsonAsync("/v1/events?type=social_account.needs_reauth");
        var needsReauth = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.Equal(accountId, needsReauth.GetProperty("data").GetProperty("socialAccountId").GetString());
        Assert.Equal("reauth_required", needsReauth.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnExpiredStateEndsAsStateExpiredAndWritesNothing()
    {
        var tenant = await fixture.NewTenantAsync();
        var projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Slow" })).GetProperty("id").GetString()!;
        var driver = new OAuthDriver(fixture.Factory, tenant);
        var started = await driver.StartAsync(projectId, "tiktok");
        var callback = await driver.ConsentAsync(started.GetProperty("authorizeUrl").GetString()!, "slow.user");
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        var (_, location, _) = await driver.CallbackAsync(callback);
        Assert.Equal("state_expired", OAuthDriver.Query(location!)["layers_oauth_error"]);
        var status = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}");
        Assert.Equal("expired", status.GetProperty("status").GetString());
        Assert.Empty((await tenant.Client.GetJsonAsync($"/v1/projects/{projectId}/social-accounts")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task NoTokenIsStoredInPlaintext()
    {
        var handle = "secretive." + Guid.NewGuid().ToString("N")[..6];
        var (_, accountId) = await ConnectAsync("tiktok", handle);
        await ConnectAsync("instagram", handle);
        var tokens = (await SandboxTokensAsync("tiktok", handle)).Concat(await SandboxTokensAsync("instagram", handle)).ToList();
        Assert.True(tokens.Count >= 4);

        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE payload IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        var sawAccount = false;
        while (await reader.ReadAsync())
        {
            var payload = reader.GetString(0);
            rows++;
            sawAccount |= payload.Contains(accountId, StringComparison.Ordinal);
            foreach (var token in tokens)
            {
                Assert.DoesNotContain(token, payload, StringComparison.Ordinal);
            }
        }

        Assert.True(rows > 0 && sawAccount);

        var logs = fixture.Factory.Logs.Lines.ToList();
        Assert.NotEmpty(logs);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(logs, line => line.Contains(token, StringComparison.Ordinal));
        }
    }

    private Task<IReadOnlyList<string>> SandboxTokensAsync(string platform, string handle) =>
        Task.FromResult(fixture.Factory.Services.GetRequiredService<SandboxState>().For(platform).TokensOf(handle));

    private ISocialAccountGrain Account(string id) =>
        fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISocialAccountGrain>(id);

    private async Task<(TestTenant Tenant, string AccountId)> ConnectAsync(string platform, string handle)
    {
        var tenant = await fixture.NewTenantAsync();
        var projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Upkeep" })).GetProperty("id").GetString()!;
        var (started, _) = await new OAuthDriver(fixture.Factory, tenant).ConnectAsync(projectId, platform, handle);
        var status = await tenant.Client.GetJsonAsync($"/v1/social/oauth-status/{started.GetProperty("state").GetString()}");
        return (tenant, status.GetProperty("socialAccountId").GetString()!);
    }
}

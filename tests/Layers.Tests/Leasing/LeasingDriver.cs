using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Layers.Platforms;
using Layers.SocialAccounts;
using Layers.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Leasing;

/// <summary>Plays the partner and the operator of a leasing flow against one running service.</summary>
public sealed class LeasingDriver(LayersFactory factory)
{
    public const long Price = 15_000;

    public HttpClient Operator { get; } = factory.Operator();

    /// <summary>A fresh organization (partner tier) with one project and <paramref name="creditCents"/> in its wallet.</summary>
    public async Task<(TestTenant Tenant, string ProjectId)> NewProjectAsync(long creditCents)
    {
        var tenant = await TestTenant.CreateAsync(factory, tier: "partner");
        var projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Leasing" })).GetProperty("id").GetString()!;
        if (creditCents > 0)
        {
            await CreditAsync(tenant, creditCents);
        }

        return (tenant, projectId);
    }

    public Task<JsonElement> CreditAsync(TestTenant tenant, long cents) =>
        Operator.PostJsonAsync($"/v1/admin/orgs/{tenant.OrganizationId}/wallet/credits", new { amountCents = cents, note = "top-up" });

    /// <summary>The body of a pool account with placeholder credentials (for flows that never refresh them).</summary>
    public static object PoolAccount(string vertical = "fitness", object? credentials = null, string? platformUserId = null, string? handle = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        return new
        {
            platform = "tiktok",
            handle = handle ?? $"warm.{vertical}.{suffix}",
            displayName = $"Warm {vertical}",
            platformUserId = platformUserId ?? $"-000pool{suffix}",
            niche = new { vertical, language = "en-US", geo = new[] { "US", "CA" } },
            credentials = credentials ?? new
            {
                accessToken = "act.placeholder." + suffix,
                refreshToken = "rft.placeholder." + suffix,
                expiresIn = 86_400,
                refreshExpiresIn = 31_536_000,
                scopes = new[] { "user.info.basic", "video.publish" },
            },
        };
    }

    public async Task<string> AddPoolAccountAsync(string vertical = "fitness", object? credentials = null, string? platformUserId = null, string? handle = null)
    {
        var account = await Operator.PostJsonAsync("/v1/admin/leased-pool", PoolAccount(vertical, credentials, platformUserId, handle));
        Assert.Equal("available", account.GetProperty("status").GetString());
        return account.GetProperty("id").GetString()!;
    }

    /// <summary>Consents at the TikTok sandbox as <paramref name="handle"/> and returns real credentials for the pool.</summary>
    public async Task<(object Credentials, string PlatformUserId)> SandboxCredentialsAsync(string handle)
    {
        var tiktok = factory.Services.GetRequiredService<IPlatformClients>().Get(PlatformNames.TikTok);
        var callback = $"{factory.BaseUrl}/v1/social/oauth/callback/tiktok";
        var authorizeUrl = tiktok.BuildAuthorizeUrl("st_" + Guid.NewGuid().ToString("N"), [], callback);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(QueryHelpers.AddQueryString(authorizeUrl, new Dictionary<string, string?>
        {
            ["sandbox_user"] = handle,
            ["sandbox_decision"] = "approve",
        }));
        Assert.Equal(HttpStatusCode.Found, consent.StatusCode);
        var code = QueryHelpers.ParseQuery(consent.Headers.Location!.Query)["code"].ToString();
        var grant = await tiktok.ExchangeCodeAsync(code, callback, CancellationToken.None);
        return (new
        {
            accessToken = grant.AccessToken,
            refreshToken = grant.RefreshToken,
            expiresIn = grant.ExpiresInSeconds,
            refreshExpiresIn = grant.RefreshExpiresInSeconds,
            scopes = grant.Scopes,
        }, grant.PlatformUserId!);
    }

    public async Task<string> RequestAsync(TestTenant tenant, string projectId, int count, string vertical = "fitness")
    {
        using var response = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request", new
        {
            projectId,
            count,
            niche = new { vertical, language = "en-US", geo = new[] { "US", "CA" } },
        });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.GetRawText());
        return body.GetProperty("requestId").GetString()!;
    }

    public Task<HttpResponseMessage> TryAssignAsync(string requestId, params string[] poolAccountIds) =>
        Operator.PostAsJsonAsync($"/v1/admin/lease-requests/{requestId}/assign",
            new { accounts = poolAccountIds.Select(id => new { poolAccountId = id }) });

    public async Task<JsonElement> AssignAsync(string requestId, params string[] poolAccountIds)
    {
        using var response = await TryAssignAsync(requestId, poolAccountIds);
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.GetRawText());
        return body;
    }

    /// <summary>Requests <paramref name="count"/> accounts and has them assigned at once; returns the leased account ids.</summary>
    public async Task<IReadOnlyList<string>> LeaseAsync(TestTenant tenant, string projectId, int count)
    {
        var requestId = await RequestAsync(tenant, projectId, count);
        var pool = new List<string>();
        for (var i = 0; i < count; i++)
        {
            pool.Add(await AddPoolAccountAsync());
        }

        var assigned = await AssignAsync(requestId, [.. pool]);
        return [.. assigned.GetProperty("assignedSocialAccountIds").EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>Every wallet transaction of the tenant, oldest first.</summary>
    public static async Task<List<JsonElement>> TransactionsAsync(TestTenant tenant)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await tenant.Client.GetJsonAsync("/v1/wallet/transactions?limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            all.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        all.Reverse();
        return all;
    }

    /// <summary>The lease charges of one account, oldest first.</summary>
    public static async Task<List<JsonElement>> ChargesAsync(TestTenant tenant, string socialAccountId) =>
        [.. (await TransactionsAsync(tenant)).Where(t =>
            t.GetProperty("type").GetString() == "lease_charge" && t.GetProperty("socialAccountId").GetString() == socialAccountId)];

    public static async Task<long> BalanceAsync(TestTenant tenant) =>
        (await tenant.Client.GetJsonAsync("/v1/wallet")).GetProperty("balanceCents").GetInt64();

    public ISocialAccountGrain Account(string socialAccountId) =>
        factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISocialAccountGrain>(socialAccountId);
}

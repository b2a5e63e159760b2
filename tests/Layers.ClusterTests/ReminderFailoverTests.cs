using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Layers.ClusterTests;

/// <summary>
/// Reminders of a silo that dies are fired by a survivor: a lease renewal and a token refresh that fall due while a
/// silo is down happen once. A renewal is a month away, so the surviving silo is restarted (a rolling restart of
/// one node) with its business clock a month ahead (<c>Layers:ClockOffset</c>); the tokens are given a two-minute
/// lifetime, so the upkeep reminder of every account is due about 90 s after the leases begin.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReminderFailoverTests
{
    private const int Accounts = 10;
    private const long Price = 15_000;
    private const int TokenLifetimeSeconds = 120;

    [Fact]
    public async Task ARenewalAndARefreshDueWhileASiloIsDownHappenOnceOnTheSurvivor()
    {
        await using var cluster = await Cluster.StartAsync();
        var key = await cluster.NewApiKeyAsync();
        using var front = ClusterFixture.Client(cluster.Front, key);
        using var admin = ClusterFixture.Client(cluster.Front);
        var orgId = (await ClusterFixture.ReadAsync(await front.GetAsync("/v1/whoami"))).GetProperty("organizationId").GetString();
        await ClusterFixture.ReadAsync(await admin.PostAsJsonAsync($"/v1/admin/orgs/{orgId}/wallet/credits", new { amountCents = 1_000_000, note = "drill" }));
        var projectId = (await ClusterFixture.ReadAsync(await front.PostAsJsonAsync("/v1/projects", new { name = "Failover" }))).GetProperty("id").GetString();

        // Warmed accounts with real sandbox tokens, stored as if they had two minutes left.
        var prefix = "fo" + Guid.NewGuid().ToString("N")[..6];
        var handles = Enumerable.Range(0, Accounts).Select(i => $"{prefix}.{i}").ToList();
        var firstDue = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(TokenLifetimeSeconds * 3 / 4);
        var pool = new List<string>();
        foreach (var handle in handles)
        {
            pool.Add(await AddPoolAccountAsync(cluster.Front, admin, handle));
        }

        var request = await ClusterFixture.ReadAsync(await front.PostAsJsonAsync($"/v1/projects/{projectId}/leased-accounts/request", new
        {
            projectId,
            count = Accounts,
            niche = new { vertical = "fitness", language = "en-US", geo = new[] { "US" } },
        }));
        var assigned = await ClusterFixture.ReadAsync(await admin.PostAsJsonAsync(
            $"/v1/admin/lease-requests/{request.GetProperty("requestId").GetString()}/assign",
            new { accounts = pool.Select(id => new { poolAccountId = id, monthlyPriceCents = Price }) }));
        var accountIds = assigned.GetProperty("assignedSocialAccountIds").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.Equal(Accounts, accountIds.Count);
        var before = new Dictionary<string, JsonElement>();
        foreach (var id in accountIds)
        {
            before[id] = await ClusterFixture.ReadAsync(await front.GetAsync($"/v1/social-accounts/{id}"));
        }

        // Silo 1 rejoins with its clock past every renewal; silo 2 dies before anything is due.
        var lastRenewal = before.Values.Max(a => a.GetProperty("nextRenewalAt").GetDateTimeOffset());
        var offset = lastRenewal - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);
        await cluster.Silo1.RestartAsync(new Dictionary<string, string>
        {
            ["Layers__ClockOffset"] = offset.ToString("c", CultureInfo.InvariantCulture),
        });
        await cluster.Silo2.KillAsync();
        Assert.True(DateTimeOffset.UtcNow < firstDue, $"the restart took until {DateTimeOffset.UtcNow:O}, after the first upkeep was due ({firstDue:O})");

        // Every account is renewed and refreshed by the survivor.
        var deadline = DateTime.UtcNow.AddMinutes(4);
        var after = new Dictionary<string, JsonElement>();
        while (after.Count < Accounts && DateTime.UtcNow < deadline)
        {
            foreach (var id in accountIds.Where(id => !after.ContainsKey(id)))
            {
                using var response = await front.GetAsync($"/v1/social-accounts/{id}");
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    // While the cluster notices the dead silo, calls to its grains may answer 503: retried.
                    continue;
                }

                var account = await ClusterFixture.ReadAsync(response);
                if (account.GetProperty("nextRenewalAt").GetDateTimeOffset() > before[id].GetProperty("nextRenewalAt").GetDateTimeOffset()
                    && account.GetProperty("tokenExpiresAt").GetDateTimeOffset() > before[id].GetProperty("tokenExpiresAt").GetDateTimeOffset())
                {
                    after[id] = account;
                }
            }

            if (after.Count < Accounts)
            {
                await Task.Delay(1000);
            }
        }

        Assert.True(after.Count == Accounts, $"{after.Count} of {Accounts} accounts renewed and refreshed\n--- silo1 ---\n{cluster.Silo1.RecentOutput}");
        Assert.All(after.Values, a => Assert.Equal("connected", a.GetProperty("status").GetString()));

        // Once each: two charges per account (the first month and one renewal), one refresh at the platform.
        var charges = (await TransactionsAsync(front)).Where(t => t.GetProperty("type").GetString() == "lease_charge").ToList();
        foreach (var id in accountIds)
        {
            Assert.Equal(2, charges.Count(c => c.GetProperty("socialAccountId").GetString() == id));
        }

        var balance = (await ClusterFixture.ReadAsync(await front.GetAsync("/v1/wallet"))).GetProperty("balanceCents").GetInt64();
        Assert.Equal(1_000_000 - (2 * Accounts * Price), balance);
        var renewed = await ClusterFixture.ReadAsync(await front.GetAsync("/v1/events?type=leased_account.renewed&limit=100"));
        Assert.Equal(Accounts, renewed.GetProperty("items").GetArrayLength());
        foreach (var handle in handles)
        {
            var user = await ClusterFixture.ReadAsync(await front.GetAsync($"/sandbox/tiktok/control/users/{handle}"));
            Assert.Equal(1, user.GetProperty("refreshes").GetInt32());
        }

        // The killed silo, restarted with its own address, joins again and serves.
        await cluster.Silo2.RestartAsync(new Dictionary<string, string>
        {
            ["Layers__ClockOffset"] = offset.ToString("c", CultureInfo.InvariantCulture),
        });
        using var back = ClusterFixture.Client(cluster.Silo2, key);
        var project = await ClusterFixture.ReadAsync(await back.PostAsJsonAsync("/v1/projects", new { name = "Back again" }));
        var seen = await ClusterFixture.ReadAsync(await front.GetAsync($"/v1/projects/{project.GetProperty("id").GetString()}"));
        Assert.Equal("Back again", seen.GetProperty("name").GetString());
        foreach (var id in accountIds)
        {
            var account = await ClusterFixture.ReadAsync(await back.GetAsync($"/v1/social-accounts/{id}"));
            Assert.Equal(after[id].GetProperty("nextRenewalAt").GetDateTimeOffset(), account.GetProperty("nextRenewalAt").GetDateTimeOffset());
        }
    }

    /// <summary>Consents at the front's TikTok sandbox as <paramref name="handle"/> and adds the tokens to the warmed pool.</summary>
    private static async Task<string> AddPoolAccountAsync(Node front, HttpClient admin, string handle)
    {
        var redirect = $"{front.BaseUrl}/v1/social/oauth/callback/tiktok";
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(front.BaseUrl) };
        using var consent = await browser.GetAsync("/sandbox/tiktok/oauth/authorize?client_key=sandbox-client&response_type=code" +
            $"&scope=user.info.basic,video.publish&state=drill&redirect_uri={Uri.EscapeDataString(redirect)}" +
            $"&sandbox_user={handle}&sandbox_decision=approve");
        Assert.Equal(HttpStatusCode.Found, consent.StatusCode);
        var code = System.Web.HttpUtility.ParseQueryString(consent.Headers.Location!.Query)["code"];
        var grant = await ClusterFixture.ReadAsync(await browser.PostAsync("/sandbox/tiktok/v2/oauth/token/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_key"] = "sandbox-client",
            ["client_secret"] = "sandbox-secret",
            ["grant_type"] = "authorization_code",
            ["code"] = code!,
            ["redirect_uri"] = redirect,
        })));
        var added = await ClusterFixture.ReadAsync(await admin.PostAsJsonAsync("/v1/admin/leased-pool", new
        {
            platform = "tiktok",
            handle,
            displayName = "Warm " + handle,
            platformUserId = grant.GetProperty("open_id").GetString(),
            niche = new { vertical = "fitness", language = "en-US", geo = new[] { "US" } },
            credentials = new
            {
                accessToken = grant.GetProperty("access_token").GetString(),
                refreshToken = grant.GetProperty("refresh_token").GetString(),
                expiresIn = TokenLifetimeSeconds,
                refreshExpiresIn = 31_536_000,
                scopes = new[] { "user.info.basic", "video.publish" },
            },
        }));
        return added.GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> TransactionsAsync(HttpClient client)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await ClusterFixture.ReadAsync(await client.GetAsync("/v1/wallet/transactions?limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))));
            all.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return all;
    }
}

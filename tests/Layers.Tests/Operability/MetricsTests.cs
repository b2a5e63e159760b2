using System.Net;
using Layers.Tests.Infrastructure;
using Layers.Tests.Leasing;
using Layers.Tests.Webhooks;
using Layers.SocialAccounts;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Operability;

/// <summary>Each of the service's own instruments moves when its event happens (read through an in-memory exporter).</summary>
[Collection(OperabilityCollection.Name)]
public sealed class MetricsTests(OperabilityFixture fixture)
{
    [Fact]
    public async Task PublishOutcomesAreCountedByPlatformAndErrorCodeAndLatenessIsRecorded()
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync());
        var tiktok = await driver.ConnectAsync("tiktok", "counted." + Guid.NewGuid().ToString("N")[..6]);
        var gramHandle = "rejected." + Guid.NewGuid().ToString("N")[..6];
        var gram = await driver.ConnectAsync("instagram", gramHandle);
        var published = fixture.Sum("layers.publish.outcomes", ("platform", "tiktok"), ("outcome", "published"));
        var rejected = fixture.Sum("layers.publish.outcomes", ("platform", "instagram"), ("outcome", "failed"), ("error.code", "MEDIA_REJECTED"));
        var handOffs = fixture.Count("layers.publish.lateness", ("platform", "tiktok"));

        var video = await driver.ContentAsync(PublishingDriver.Video);
        var ok = Assert.Single(await driver.ScheduleAsync(video, fixture.Clock.GetUtcNow(), new { socialAccountId = tiktok }));
        Assert.Equal("published", (await driver.SettledAsync(ok)).GetProperty("status").GetString());
        await driver.FailNextPublishAsync("instagram", gramHandle, "2207026");
        var bad = Assert.Single(await driver.ScheduleAsync(video, fixture.Clock.GetUtcNow(), new { socialAccountId = gram }));
        Assert.Equal("MEDIA_REJECTED", (await driver.SettledAsync(bad)).GetProperty("lastError").GetProperty("code").GetString());

        Assert.Equal(published + 1, fixture.Sum("layers.publish.outcomes", ("platform", "tiktok"), ("outcome", "published")));
        Assert.Equal(rejected + 1, fixture.Sum("layers.publish.outcomes", ("platform", "instagram"), ("outcome", "failed"), ("error.code", "MEDIA_REJECTED")));
        Assert.Equal(handOffs + 1, fixture.Count("layers.publish.lateness", ("platform", "tiktok")));
    }

    [Fact]
    public async Task TokenRefreshesRefusalsAndReauthFlipsAreCounted()
    {
        var tenant = await fixture.NewTenantAsync();
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, tenant);
        var refreshed = fixture.Sum("layers.token.refreshes", ("platform", "tiktok"), ("outcome", "succeeded"));
        var refused = fixture.Sum("layers.token.refreshes", ("platform", "tiktok"), ("outcome", "refused"));
        var flipped = fixture.Sum("layers.accounts.reauth_required", ("platform", "tiktok"));

        var fresh = await driver.ConnectAsync("tiktok", "fresh." + Guid.NewGuid().ToString("N")[..6]);
        await MoveIntoRefreshWindowAsync(tenant, fresh);
        await Account(fresh).RunUpkeepAsync();
        Assert.Equal(refreshed + 1, fixture.Sum("layers.token.refreshes", ("platform", "tiktok"), ("outcome", "succeeded")));

        var goneHandle = "gone." + Guid.NewGuid().ToString("N")[..6];
        var gone = await driver.ConnectAsync("tiktok", goneHandle);
        using (var invalidate = await fixture.Factory.CreateClient().PostAsync($"/sandbox/tiktok/control/users/{goneHandle}/invalidate-tokens", null))
        {
            invalidate.EnsureSuccessStatusCode();
        }

        await MoveIntoRefreshWindowAsync(tenant, gone);
        await Account(gone).RunUpkeepAsync();
        Assert.Equal("reauth_required", (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{gone}")).GetProperty("status").GetString());
        Assert.Equal(refused + 1, fixture.Sum("layers.token.refreshes", ("platform", "tiktok"), ("outcome", "refused")));
        Assert.Equal(flipped + 1, fixture.Sum("layers.accounts.reauth_required", ("platform", "tiktok")));
    }

    [Fact]
    public async Task LeaseChargesAndUnpaidRenewalsAreCounted()
    {
        var leasing = new LeasingDriver(fixture.Factory);
        var (tenant, projectId) = await leasing.NewProjectAsync(LeasingDriver.Price);
        var paid = fixture.Sum("layers.lease.charges", ("outcome", "paid"));
        var cents = fixture.Sum("layers.lease.charged");
        var refused = fixture.Sum("layers.lease.charges", ("outcome", "insufficient_funds"));
        var renewalFailures = fixture.Sum("layers.lease.renewal_failures", ("outcome", "retrying"));

        var requestId = await leasing.RequestAsync(tenant, projectId, 1);
        var accountId = (await leasing.AssignAsync(requestId, await leasing.AddPoolAccountAsync())).GetProperty("assignedSocialAccountIds")[0].GetString()!;
        Assert.Equal(paid + 1, fixture.Sum("layers.lease.charges", ("outcome", "paid")));
        Assert.Equal(cents + LeasingDriver.Price, fixture.Sum("layers.lease.charged"));

        // The wallet is empty when the second month is due.
        var due = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}")).GetProperty("nextRenewalAt").GetDateTimeOffset();
        fixture.Clock.SetUtcNow(due + TimeSpan.FromMinutes(5));
        await leasing.Account(accountId).RunUpkeepAsync();
        Assert.Equal(refused + 1, fixture.Sum("layers.lease.charges", ("outcome", "insufficient_funds")));
        Assert.Equal(renewalFailures + 1, fixture.Sum("layers.lease.renewal_failures", ("outcome", "retrying")));
    }

    [Fact]
    public async Task WebhookDeliveriesAreCountedByOutcome()
    {
        var webhooks = new WebhookDriver(fixture.Factory, await fixture.NewTenantAsync());
        var (endpointId, _) = await webhooks.CreateEndpointAsync(fixture.Receiver.Url("metrics-" + Guid.NewGuid().ToString("N")));
        var delivered = fixture.Sum("layers.webhook.deliveries", ("outcome", "delivered"));

        var test = await webhooks.SendTestAsync(endpointId);
        await webhooks.DeliveryWhenAsync(test.GetProperty("id").GetString()!, d => d.Status == "delivered");

        Assert.Equal(delivered + 1, fixture.Sum("layers.webhook.deliveries", ("outcome", "delivered")));
    }

    [Fact]
    public async Task RateLimitRejectionsAreCountedByClassAndTier()
    {
        var tenant = await fixture.NewTenantAsync(tier: "standard");
        var before = fixture.Sum("layers.rate_limit.rejections", ("request.class", "read"), ("tier", "standard"));
        var rejections = 0;
        for (var i = 0; i < 125; i++)
        {
            using var response = await tenant.Client.GetAsync("/v1/whoami");
            rejections += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.InRange(rejections, 1, 125);
        Assert.Equal(before + rejections, fixture.Sum("layers.rate_limit.rejections", ("request.class", "read"), ("tier", "standard")));
    }

    [Fact]
    public async Task AspNetCoreHttpClientRuntimeAndOrleansMetersAreExported()
    {
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, await fixture.NewTenantAsync());
        await driver.ConnectAsync("tiktok", "metered." + Guid.NewGuid().ToString("N")[..6]);

        var names = fixture.CollectMetrics().Select(m => m.Name).ToHashSet();
        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("http.client.request.duration", names);
        Assert.Contains("dotnet.gc.collections", names);
        Assert.Contains(names, name => name.StartsWith("orleans-", StringComparison.Ordinal));
    }

    private ISocialAccountGrain Account(string id) =>
        fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISocialAccountGrain>(id);

    /// <summary>90 minutes before the access token expires: inside the refresh window.</summary>
    private async Task MoveIntoRefreshWindowAsync(TestTenant tenant, string accountId)
    {
        var expiry = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("tokenExpiresAt").GetDateTimeOffset();
        fixture.Clock.SetUtcNow(expiry - TimeSpan.FromMinutes(90));
    }
}

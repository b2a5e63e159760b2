using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Layers.Tests.Infrastructure;
using Layers.Tests.Leasing;
using Layers.Publishing;
using Layers.SocialAccounts;
using Layers.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Webhooks;

/// <summary>
/// Deliveries under a moving clock: the receiver checks every signature against the same clock, and the tests move
/// it and tick deliveries the way their reminders would.
/// </summary>
[Collection(ClockedCollection.Name)]
public sealed class WebhookDeliveryTests(ClockedApiFixture fixture) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync(fixture.Clock);

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task EventsOfConnectReauthRevokeAndPublishingArriveSignedAndMatchTheEventLog()
    {
        var tenant = await fixture.NewTenantAsync();
        var webhooks = new WebhookDriver(fixture.Factory, tenant);
        var (_, secret) = await webhooks.CreateEndpointAsync(_receiver.Url("everything"));
        _receiver.Trust("everything", secret);
        var publishing = await PublishingDriver.CreateAsync(fixture.Factory, tenant);
        var handle = "hooked." + Guid.NewGuid().ToString("N")[..6];
        var accountId = await publishing.ConnectAsync("tiktok", handle);
        var content = await publishing.ContentAsync(PublishingDriver.Video);

        var published = Assert.Single(await publishing.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = accountId }));
        await Post(published).RunAsync();
        Assert.Equal("published", (await publishing.SettledAsync(published)).GetProperty("status").GetString());

        await publishing.FailNextPublishAsync("tiktok", handle, "file_format_check_failed");
        var failed = Assert.Single(await publishing.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = accountId }));
        await Post(failed).RunAsync();
        Assert.Equal("failed", (await publishing.SettledAsync(failed)).GetProperty("status").GetString());

        var canceled = Assert.Single(await publishing.ScheduleAsync(content, fixture.Clock.GetUtcNow().AddDays(1), new { socialAccountId = accountId }));
        using (var cancel = await tenant.Client.DeleteAsync($"/v1/scheduled-posts/{canceled}"))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        using (var invalidate = await fixture.Factory.CreateClient().PostAsync($"/sandbox/tiktok/control/users/{handle}/invalidate-tokens", null))
        {
            invalidate.EnsureSuccessStatusCode();
        }

        // See everything so far delivered before the clock moves: a delivery still on its way would otherwise be
        // signed before the jump and checked after it.
        var beforeJump = (await tenant.Client.GetJsonAsync("/v1/events?limit=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(7, beforeJump.Count);
        await AssertDeliveredAsync("everything", beforeJump, secret);

        var expiry = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}/health")).GetProperty("tokenExpiresAt").GetDateTimeOffset();
        fixture.Clock.SetUtcNow(expiry - TimeSpan.FromHours(1));
        await fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISocialAccountGrain>(accountId).RunUpkeepAsync();
        await _receiver.WaitForEventAsync("everything", "social_account.needs_reauth");

        var oauth = new OAuthDriver(fixture.Factory, tenant);
        var reauth = await tenant.Client.PostJsonAsync($"/v1/projects/{publishing.ProjectId}/social/reauth-url", new { socialAccountId = accountId, returnUrl = OAuthDriver.ReturnUrl });
        var (_, location, _) = await oauth.CallbackAsync(await oauth.ConsentAsync(reauth.GetProperty("authorizeUrl").GetString()!, handle));
        Assert.Equal("success", OAuthDriver.Query(location!)["status"]);
        using (var revoke = await tenant.Client.DeleteAsync($"/v1/social-accounts/{accountId}"))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        // The test clock stands still between moves, so events of one instant have no order among themselves.
        var events = (await tenant.Client.GetJsonAsync("/v1/events?limit=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(
            new[]
            {
                "social_account.connected", "post.scheduled", "post.published", "post.scheduled", "post.failed", "post.scheduled",
                "post.canceled", "social_account.needs_reauth", "social_account.connected", "social_account.revoked",
            }.Order(StringComparer.Ordinal),
            events.Select(e => e.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
        await AssertDeliveredAsync("everything", events, secret);
        Assert.Single(_receiver.On("everything"), r => r.EventType == "social_account.connected"
            && r.Json.GetProperty("data").TryGetProperty("reconnected", out var reconnected) && reconnected.GetBoolean());
        Assert.All(_receiver.On("everything"), r => Assert.Equal(200, r.AnsweredStatus));
    }

    [Fact]
    public async Task LeaseAssignmentRejectionAndRenewalEventsArriveSignedAndMatchTheEventLog()
    {
        var leasing = new LeasingDriver(fixture.Factory);
        var (tenant, projectId) = await leasing.NewProjectAsync(100_000);
        var webhooks = new WebhookDriver(fixture.Factory, tenant);
        var (_, secret) = await webhooks.CreateEndpointAsync(_receiver.Url("leases"),
            ["lease_request.assigned", "lease_request.rejected", "leased_account.renewed", "leased_account.renewal_failed"]);
        _receiver.Trust("leases", secret);

        var accountId = (await leasing.LeaseAsync(tenant, projectId, 1))[0];
        var refused = await leasing.RequestAsync(tenant, projectId, 2, "cooking");
        using (var reject = await leasing.Operator.PostAsJsonAsync($"/v1/admin/lease-requests/{refused}/reject", new { reason = "No cooking accounts this month." }))
        {
            Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        }

        // The event log keeps 30 days, and the renewal is a month away: read the events, and see them delivered,
        // before the clock moves (a delivery still on its way would otherwise be signed before the jump and
        // checked after it).
        var before = await LeaseEventsAsync(tenant);
        Assert.Equal(["lease_request.assigned", "lease_request.rejected"], before.Select(e => e.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
        await AssertDeliveredAsync("leases", before, secret);

        var renewal = (await tenant.Client.GetJsonAsync($"/v1/social-accounts/{accountId}")).GetProperty("nextRenewalAt").GetDateTimeOffset();
        fixture.Clock.SetUtcNow(renewal + TimeSpan.FromHours(1));
        await leasing.Account(accountId).RunUpkeepAsync();
        var after = (await LeaseEventsAsync(tenant)).Where(e => before.All(b => b.GetProperty("id").GetString() != e.GetProperty("id").GetString())).ToList();
        Assert.Equal("leased_account.renewed", Assert.Single(after).GetProperty("type").GetString());
        await AssertDeliveredAsync("leases", [.. before, .. after], secret);
        Assert.Equal(accountId, _receiver.On("leases").Single(r => r.EventType == "leased_account.renewed").Json.GetProperty("data").GetProperty("socialAccountId").GetString());
    }

    [Fact]
    public async Task AReceiverThatFailsThreeTimesGetsTheEventOnTheFourthAttemptWithTheSameEventId()
    {
        var tenant = await fixture.NewTenantAsync();
        var webhooks = new WebhookDriver(fixture.Factory, tenant);
        var (endpointId, secret) = await webhooks.CreateEndpointAsync(_receiver.Url("flaky"));
        _receiver.Trust("flaky", secret);
        _receiver.Respond("flaky", n => n <= 3 ? 503 : 200);

        var deliveryId = (await webhooks.SendTestAsync(endpointId)).GetProperty("id").GetString()!;
        var first = await webhooks.DeliveryWhenAsync(deliveryId, d => d.Attempts.Count == 1);
        Assert.Equal(WebhookDeliveryStatus.Pending, first.Status);
        Assert.Equal(first.Attempts[0].At + TimeSpan.FromSeconds(30), first.NextAttemptAt);
        Assert.Equal(WebhookErrorCodes.UnexpectedStatus, first.LastError!.Code);

        // A tick before the retry is due sends nothing.
        await webhooks.Delivery(deliveryId).RunAsync();
        Assert.Single(_receiver.On("flaky"));

        foreach (var wait in new[] { TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5) })
        {
            fixture.Clock.Advance(wait);
            await webhooks.Delivery(deliveryId).RunAsync();
            await webhooks.Delivery(deliveryId).RunAsync();
        }

        var received = _receiver.On("flaky");
        Assert.Equal([503, 503, 503, 200], received.Select(r => r.AnsweredStatus));
        Assert.Single(received.Select(r => r.EventId).Distinct());
        Assert.Single(received.Select(r => r.Text).Distinct());
        Assert.All(received, r => Assert.Equal(deliveryId, r.Header("X-Layers-Delivery-Id")));
        Assert.All(received, r => Assert.Equal([secret], r.VerifiedWith));

        var done = await webhooks.Delivery(deliveryId).GetAsync(tenant.OrganizationId);
        Assert.Equal(WebhookDeliveryStatus.Delivered, done.Status);
        Assert.Null(done.NextAttemptAt);
        Assert.Null(done.LastError);
        Assert.Equal([1, 2, 3, 4], done.Attempts.Select(a => a.Number));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(390)],
            done.Attempts.Select(a => a.At - done.Attempts[0].At));
        Assert.Equal([503, 503, 503, 200], done.Attempts.Select(a => a.ResponseStatus ?? 0));
        Assert.Equal(0, (await webhooks.EndpointAsync(endpointId)).GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task AnAlwaysFailingReceiverEndsFailedAndTwentyConsecutiveFailuresPauseTheEndpoint()
    {
        var tenant = await fixture.NewTenantAsync();
        var webhooks = new WebhookDriver(fixture.Factory, tenant);
        var (endpointId, _) = await webhooks.CreateEndpointAsync(_receiver.Url("down"));
        _receiver.Respond("down", _ => 500);

        var deliveries = new List<string>();
        for (var ping = 0; ping < 3; ping++)
        {
            var deliveryId = (await webhooks.SendTestAsync(endpointId)).GetProperty("id").GetString()!;
            deliveries.Add(deliveryId);
            await webhooks.DeliveryWhenAsync(deliveryId, d => d.Attempts.Count == 1);
            foreach (var wait in WebhookRetrySchedule.Delays)
            {
                fixture.Clock.Advance(wait);
                await webhooks.Delivery(deliveryId).RunAsync();
            }
        }

        var first = await webhooks.Delivery(deliveries[0]).GetAsync(tenant.OrganizationId);
        Assert.Equal(WebhookDeliveryStatus.Failed, first.Status);
        Assert.Equal(8, first.Attempts.Count);
        Assert.Equal(WebhookErrorCodes.UnexpectedStatus, first.LastError!.Code);
        Assert.Null(first.NextAttemptAt);
        Assert.Equal(8, (await webhooks.Delivery(deliveries[1]).GetAsync(tenant.OrganizationId)).Attempts.Count);

        // The third ping's fourth attempt was the twentieth failure in a row: nothing is sent after it.
        Assert.Equal(20, _receiver.On("down").Count);
        var endpoint = await webhooks.EndpointAsync(endpointId);
        Assert.Equal("auto_paused", endpoint.GetProperty("status").GetString());
        Assert.Equal(20, endpoint.GetProperty("consecutiveFailures").GetInt32());
        var held = await webhooks.Delivery(deliveries[2]).GetAsync(tenant.OrganizationId);
        Assert.Equal(WebhookDeliveryStatus.Pending, held.Status);
        Assert.Equal(4, held.Attempts.Count);
        Assert.Equal(WebhookErrorCodes.EndpointPaused, held.LastError!.Code);
        Assert.Equal(2, (await webhooks.DeliveriesAsync(endpointId, "failed")).Count);
        Assert.Equal(deliveries[2], Assert.Single(await webhooks.DeliveriesAsync(endpointId, "pending")).GetProperty("id").GetString());
        await (await tenant.Client.PostAsync($"/v1/webhook-endpoints/{endpointId}/test", null)).AssertError(409, "CONFLICT");

        // Setting it active clears the count; the held delivery goes on at its next look.
        var resumed = await webhooks.PatchAsync(endpointId, new { status = "active" });
        Assert.Equal("active", resumed.GetProperty("status").GetString());
        Assert.Equal(0, resumed.GetProperty("consecutiveFailures").GetInt32());
        _receiver.Respond("down", _ => 200);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await webhooks.Delivery(deliveries[2]).RunAsync();
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await webhooks.Delivery(deliveries[2]).GetAsync(tenant.OrganizationId)).Status);
        Assert.Equal(21, _receiver.On("down").Count);
    }

    [Fact]
    public async Task DuringRotationBothSecretsSignAndAfter24HoursOnlyTheNewOne()
    {
        var tenant = await fixture.NewTenantAsync();
        var webhooks = new WebhookDriver(fixture.Factory, tenant);
        var (endpointId, oldSecret) = await webhooks.CreateEndpointAsync(_receiver.Url("rotating"));
        var rotated = await tenant.Client.PostJsonAsync($"/v1/webhook-endpoints/{endpointId}/rotate-secret", new { });
        var newSecret = rotated.GetProperty("signingSecret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(fixture.Clock.GetUtcNow().AddHours(24).ToUnixTimeSeconds(),
            rotated.GetProperty("endpoint").GetProperty("previousSecretExpiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        _receiver.Trust("rotating", oldSecret, newSecret);

        await webhooks.SendTestAsync(endpointId);
        await _receiver.WaitForAsync("rotating", 1);
        fixture.Clock.Advance(TimeSpan.FromHours(23));
        await webhooks.SendTestAsync(endpointId);
        var overlap = await _receiver.WaitForAsync("rotating", 2);
        Assert.All(overlap, r => Assert.Equal(2, SignatureVerifier.SignatureCount(r.Signature)));
        Assert.All(overlap, r => Assert.Equal([oldSecret, newSecret], r.VerifiedWith));

        fixture.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await webhooks.SendTestAsync(endpointId);
        var after = (await _receiver.WaitForAsync("rotating", 3))[2];
        Assert.Equal(1, SignatureVerifier.SignatureCount(after.Signature));
        Assert.Equal([newSecret], after.VerifiedWith);
        Assert.False(SignatureVerifier.Verify(after.Signature, after.Body, oldSecret, fixture.Clock.GetUtcNow()));
        Assert.Equal(JsonValueKind.Null, (await webhooks.EndpointAsync(endpointId)).GetProperty("previousSecretExpiresAt").ValueKind);
    }

    [Fact]
    public async Task DeletingAnEndpointStopsItsPendingDeliveries()
    {
        var tenant = await fixture.NewTenantAsync();
        var webhooks = new WebhookDriver(fixture.Factory, tenant);
        var (endpointId, _) = await webhooks.CreateEndpointAsync(_receiver.Url("deleted"));
        _receiver.Respond("deleted", _ => 502);
        var deliveryId = (await webhooks.SendTestAsync(endpointId)).GetProperty("id").GetString()!;
        await webhooks.DeliveryWhenAsync(deliveryId, d => d.Attempts.Count == 1);

        using (var delete = await tenant.Client.DeleteAsync($"/v1/webhook-endpoints/{endpointId}"))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        _receiver.Respond("deleted", _ => 200);
        foreach (var wait in WebhookRetrySchedule.Delays.Take(3))
        {
            fixture.Clock.Advance(wait);
            await webhooks.Delivery(deliveryId).RunAsync();
        }

        Assert.Single(_receiver.On("deleted"));
        var stopped = await webhooks.Delivery(deliveryId).GetAsync(tenant.OrganizationId);
        Assert.Equal(WebhookDeliveryStatus.Failed, stopped.Status);
        Assert.Equal(WebhookErrorCodes.EndpointDeleted, stopped.LastError!.Code);
        Assert.Single(stopped.Attempts);
        await (await tenant.Client.PostAsync($"/v1/webhook-deliveries/{deliveryId}/replay", null)).AssertError(404, "NOT_FOUND");
        await (await tenant.Client.GetAsync($"/v1/webhook-endpoints/{endpointId}/deliveries")).AssertError(404, "NOT_FOUND");
    }

    private static async Task<List<JsonElement>> LeaseEventsAsync(TestTenant tenant) =>
        [.. (await tenant.Client.GetJsonAsync("/v1/events?limit=200")).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString()!.StartsWith("lease", StringComparison.Ordinal))];

    private IScheduledPostGrain Post(string id) => fixture.Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledPostGrain>(id);

    /// <summary>Each event reached the path once, as the very object the event log lists, signed with the secret.</summary>
    private async Task AssertDeliveredAsync(string path, List<JsonElement> events, string secret)
    {
        foreach (var expected in events)
        {
            var id = expected.GetProperty("id").GetString()!;
            var type = expected.GetProperty("type").GetString()!;
            ReceivedWebhook received;
            try
            {
                received = await _receiver.WaitForEventAsync(path, type, r => r.EventId == id);
            }
            catch (TimeoutException e)
            {
                // What the service said about it, for the failure message.
                var said = fixture.Factory.Logs.Lines.Where(l => l.Contains(id, StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(40);
                throw new TimeoutException($"{e.Message} ({id})\n{string.Join('\n', said)}", e);
            }

            Assert.True(JsonElement.DeepEquals(expected, received.Json), $"{type}: {received.Text} ≠ {expected.GetRawText()}");
            Assert.Equal(id, received.Header("X-Layers-Event-Id"));
            Assert.Equal(type, received.Header("X-Layers-Event-Type"));
            Assert.StartsWith("application/json", received.Header("Content-Type"));
            Assert.Equal([secret], received.VerifiedWith);
        }

        Assert.Equal(events.Count, _receiver.On(path).Select(r => r.EventId).Distinct().Count());
    }
}

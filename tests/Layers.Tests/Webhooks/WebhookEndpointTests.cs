using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Layers.Tests.Infrastructure;
using Npgsql;

namespace Layers.Tests.Webhooks;

/// <summary>Managing endpoints and watching deliveries through the API, with a real receiver, on the real clock.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookEndpointTests(PostgresApiFixture fixture) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync(TimeProvider.System);

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task CreatingAnEndpointShowsItsSecretOnceAndStoresItOnlyEncrypted()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        using var response = await tenant.Client.PostAsJsonAsync("/v1/webhook-endpoints",
            new { url = _receiver.Url("secret"), events = new[] { "post.published", "post.failed" }, description = "Ops alerts" });
        var created = await response.Json();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var endpoint = created.GetProperty("endpoint");
        var id = endpoint.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/webhook-endpoints/{id}", response.Headers.Location!.OriginalString);
        Assert.StartsWith("whe_", id);
        Assert.Equal("active", endpoint.GetProperty("status").GetString());
        Assert.Equal(["post.published", "post.failed"], endpoint.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Ops alerts", endpoint.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, endpoint.GetProperty("projectId").ValueKind);
        var secret = created.GetProperty("signingSecret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.True(secret.Length >= 40);

        var read = await tenant.Client.GetAsync($"/v1/webhook-endpoints/{id}");
        var text = await read.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("signingSecret", text, StringComparison.Ordinal);
        var listed = await tenant.Client.GetStringAsync("/v1/webhook-endpoints");
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);

        // A delivery proves the stored secret is the one that was shown.
        var delivery = await new WebhookDriver(fixture.Factory, tenant).SendTestAsync(id);
        var ping = await _receiver.WaitForEventAsync("secret", "test.ping", r => r.Header("X-Layers-Delivery-Id") == delivery.GetProperty("id").GetString());
        Assert.True(SignatureVerifier.Verify(ping.Signature, ping.Body, secret, DateTimeOffset.UtcNow));

        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT grain_type, convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE payload IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        var sawEndpoint = false;
        while (await reader.ReadAsync())
        {
            var payload = reader.GetString(1);
            Assert.DoesNotContain(secret, payload, StringComparison.Ordinal);
            Assert.DoesNotContain(secret["whsec_".Length..], payload, StringComparison.Ordinal);
            sawEndpoint |= reader.GetString(0) == "webhookendpoint" && payload.Contains("\"Ciphertext\":\"test1.", StringComparison.Ordinal);
        }

        Assert.True(sawEndpoint, "the endpoint's row holds its secret encrypted with the configured key");
        Assert.DoesNotContain(fixture.Factory.Logs.Lines.ToList(), line => line.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnIdempotencyKeyReplaysTheSecretItShowedOnceAndKeepsItOnlyEncrypted()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        async Task<(HttpStatusCode Status, string Body, bool Replayed)> PostAsync(string path, object body, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await tenant.Client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
        }

        static string SecretOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("signingSecret").GetString()!;

        var url = _receiver.Url("idempotent");
        var created = await PostAsync("/v1/webhook-endpoints", new { url, events = new[] { "post.published" } }, "create-endpoint");
        var again = await PostAsync("/v1/webhook-endpoints", new { url, events = new[] { "post.published" } }, "create-endpoint");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal((created.Status, created.Body), (again.Status, again.Body));
        Assert.False(created.Replayed);
        Assert.True(again.Replayed);
        var id = JsonDocument.Parse(created.Body).RootElement.GetProperty("endpoint").GetProperty("id").GetString()!;
        var listed = await tenant.Client.GetJsonAsync("/v1/webhook-endpoints");
        Assert.Single(listed.GetProperty("items").EnumerateArray(), e => e.GetProperty("url").GetString() == url);

        // A rotation repeated with its key is the same rotation; a new key rotates again.
        var rotated = await PostAsync($"/v1/webhook-endpoints/{id}/rotate-secret", new { }, "rotate-1");
        var rotatedAgain = await PostAsync($"/v1/webhook-endpoints/{id}/rotate-secret", new { }, "rotate-1");
        var rotatedAnew = await PostAsync($"/v1/webhook-endpoints/{id}/rotate-secret", new { }, "rotate-2");
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.Equal(rotated.Body, rotatedAgain.Body);
        Assert.True(rotatedAgain.Replayed);
        Assert.NotEqual(SecretOf(rotated.Body), SecretOf(rotatedAnew.Body));

        // The newest secret signs: the replayed rotation did not rotate again behind it.
        var delivery = await new WebhookDriver(fixture.Factory, tenant).SendTestAsync(id);
        var ping = await _receiver.WaitForEventAsync("idempotent", "test.ping", r => r.Header("X-Layers-Delivery-Id") == delivery.GetProperty("id").GetString());
        Assert.True(SignatureVerifier.Verify(ping.Signature, ping.Body, SecretOf(rotatedAnew.Body), DateTimeOffset.UtcNow));

        // Neither the secrets nor the answers kept for replays (stored as base64 when kept in clear) are readable.
        var secrets = new[] { SecretOf(created.Body), SecretOf(rotated.Body), SecretOf(rotatedAnew.Body) };
        var answers = new[] { created.Body, rotated.Body, rotatedAnew.Body }.Select(body => Convert.ToBase64String(Encoding.UTF8.GetBytes(body))).ToList();
        await using var dataSource = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE payload IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var payload = reader.GetString(0);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret["whsec_".Length..], payload, StringComparison.Ordinal));
            Assert.All(answers, answer => Assert.DoesNotContain(answer, payload, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task BadUrlsAndUnknownEventNamesAreRefusedWithEveryProblemListed()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var error = await (await tenant.Client.PostAsJsonAsync("/v1/webhook-endpoints",
            new { url = "http://hooks.example.com/layers", events = new[] { "post.published", "post.exploded" } })).AssertError(422, "VALIDATION");
        Assert.Equal(["url", "events[1]"], Paths(error));

        foreach (var url in new[] { "ftp://hooks.example.com/", "https://user:pw@hooks.example.com/", "https://hooks.example.com/#frag", "/relative", "" })
        {
            var bad = await (await tenant.Client.PostAsJsonAsync("/v1/webhook-endpoints", new { url, events = new[] { "*" } })).AssertError(422, "VALIDATION");
            Assert.Equal(["url"], Paths(bad));
        }

        var mixed = await (await tenant.Client.PostAsJsonAsync("/v1/webhook-endpoints",
            new { url = _receiver.Url("x"), events = new[] { "*", "post.failed" } })).AssertError(422, "VALIDATION");
        Assert.Equal(["events"], Paths(mixed));
        var none = await (await tenant.Client.PostAsJsonAsync("/v1/webhook-endpoints",
            new { url = _receiver.Url("x"), events = Array.Empty<string>(), projectId = "not-a-uuid" })).AssertError(422, "VALIDATION");
        Assert.Equal(["events", "projectId"], Paths(none));
        var missing = await (await tenant.Client.PostAsJsonAsync("/v1/webhook-endpoints", new { description = "no url" })).AssertError(422, "VALIDATION");
        Assert.Equal(["url", "events"], Paths(missing));

        var other = await fixture.NewTenantAsync(tier: "partner");
        var foreignProject = (await other.Client.PostJsonAsync("/v1/projects", new { name = "Theirs" })).GetProperty("id").GetString();
        await (await tenant.Client.PostAsJsonAsync("/v1/webhook-endpoints",
            new { url = _receiver.Url("x"), events = new[] { "*" }, projectId = foreignProject })).AssertError(404, "NOT_FOUND");
        Assert.Empty((await tenant.Client.GetJsonAsync("/v1/webhook-endpoints")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("https://[fd00:ec2::254]/latest/meta-data/", "metadata")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/", "metadata")]
    [InlineData("https://100.100.100.200/latest/meta-data/", "metadata")]
    [InlineData("https://0.0.0.0/hook", "reserved")]
    [InlineData("https://[::ffff:169.254.169.254]/hook", "metadata")]
    public async Task CloudMetadataAndReservedAddressesAreRefusedEvenWhereConfigurationAllowsPrivateNetworks(string url, string what)
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var error = await (await tenant.Client.PostAsJsonAsync("/v1/webhook-endpoints", new { url, events = new[] { "*" } })).AssertError(422, "VALIDATION");
        var issue = Assert.Single(error.GetProperty("details").GetProperty("issues").EnumerateArray());
        Assert.Equal("url", issue.GetProperty("path").GetString());
        Assert.Contains(what, issue.GetProperty("message").GetString(), StringComparison.Ordinal);

        var (id, _) = await new WebhookDriver(fixture.Factory, tenant).CreateEndpointAsync(_receiver.Url("fine"));
        using var patch = await tenant.Client.PatchAsJsonAsync($"/v1/webhook-endpoints/{id}", new { url });
        await patch.AssertError(422, "VALIDATION");
        Assert.Equal(_receiver.Url("fine"), (await tenant.Client.GetJsonAsync($"/v1/webhook-endpoints/{id}")).GetProperty("url").GetString());
    }

    [Fact]
    public async Task EndpointsAreListedPagedPatchedAndDeleted()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var driver = new WebhookDriver(fixture.Factory, tenant);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await driver.CreateEndpointAsync(_receiver.Url($"list{i}"))).Id);
        }

        var first = await tenant.Client.GetJsonAsync("/v1/webhook-endpoints?limit=2");
        var second = await tenant.Client.GetJsonAsync($"/v1/webhook-endpoints?limit=2&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.OrderDescending(StringComparer.Ordinal), listed);

        var patched = await driver.PatchAsync(ids[0], new { url = _receiver.Url("moved"), events = new[] { "post.failed", "post.failed" }, description = (string?)null, status = "paused" });
        Assert.Equal(_receiver.Url("moved"), patched.GetProperty("url").GetString());
        Assert.Equal(["post.failed"], patched.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("description").ValueKind);
        Assert.Equal("paused", patched.GetProperty("status").GetString());
        Assert.True(patched.GetProperty("updatedAt").GetDateTimeOffset() >= patched.GetProperty("createdAt").GetDateTimeOffset());
        using (var bad = await tenant.Client.PatchAsJsonAsync($"/v1/webhook-endpoints/{ids[0]}", new { status = "auto_paused", events = new[] { "nope" } }))
        {
            Assert.Equal(["events[0]", "status"], Paths(await bad.AssertError(422, "VALIDATION")).Order());
        }

        using (var deleted = await tenant.Client.DeleteAsync($"/v1/webhook-endpoints/{ids[1]}"))
        {
            var body = await deleted.Json();
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            Assert.True(body.GetProperty("deleted").GetBoolean());
        }

        await (await tenant.Client.GetAsync($"/v1/webhook-endpoints/{ids[1]}")).AssertError(404, "NOT_FOUND");
        await (await tenant.Client.DeleteAsync($"/v1/webhook-endpoints/{ids[1]}")).AssertError(404, "NOT_FOUND");
        await (await tenant.Client.PostAsync($"/v1/webhook-endpoints/{ids[1]}/test", null)).AssertError(404, "NOT_FOUND");
        var remaining = (await tenant.Client.GetJsonAsync("/v1/webhook-endpoints")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString());
        Assert.Equal(new[] { ids[2], ids[0] }.OrderDescending(StringComparer.Ordinal), remaining);
        await (await tenant.Client.GetAsync("/v1/webhook-endpoints/whe_nonsense")).AssertError(404, "NOT_FOUND");
        await (await tenant.Client.GetAsync("/v1/webhook-endpoints?cursor=forged")).AssertError(422, "VALIDATION");
    }

    [Fact]
    public async Task AnotherOrganizationsEndpointsAndDeliveriesDoNotExist()
    {
        var owner = await fixture.NewTenantAsync(tier: "partner");
        var (id, _) = await new WebhookDriver(fixture.Factory, owner).CreateEndpointAsync(_receiver.Url("owned"));
        var delivery = await new WebhookDriver(fixture.Factory, owner).SendTestAsync(id);
        var deliveryId = delivery.GetProperty("id").GetString();

        var stranger = (await fixture.NewTenantAsync(tier: "partner")).Client;
        await (await stranger.GetAsync($"/v1/webhook-endpoints/{id}")).AssertError(404, "NOT_FOUND");
        await (await stranger.PatchAsJsonAsync($"/v1/webhook-endpoints/{id}", new { status = "paused" })).AssertError(404, "NOT_FOUND");
        await (await stranger.DeleteAsync($"/v1/webhook-endpoints/{id}")).AssertError(404, "NOT_FOUND");
        await (await stranger.PostAsync($"/v1/webhook-endpoints/{id}/rotate-secret", null)).AssertError(404, "NOT_FOUND");
        await (await stranger.PostAsync($"/v1/webhook-endpoints/{id}/test", null)).AssertError(404, "NOT_FOUND");
        await (await stranger.GetAsync($"/v1/webhook-endpoints/{id}/deliveries")).AssertError(404, "NOT_FOUND");
        await (await stranger.GetAsync($"/v1/webhook-deliveries/{deliveryId}")).AssertError(404, "NOT_FOUND");
        await (await stranger.PostAsync($"/v1/webhook-deliveries/{deliveryId}/replay", null)).AssertError(404, "NOT_FOUND");
        Assert.Empty((await stranger.GetJsonAsync("/v1/webhook-endpoints")).GetProperty("items").EnumerateArray());

        var readOnly = (await TestTenant.CreateAsync(fixture.Factory, scopes: ["social:read", "publish:write"], tier: "partner")).Client;
        var forbidden = await (await readOnly.GetAsync("/v1/webhook-endpoints")).AssertError(403, "FORBIDDEN_SCOPE");
        Assert.Equal("webhooks:write", forbidden.GetProperty("details").GetProperty("requiredScope").GetString());
    }

    [Fact]
    public async Task APausedEndpointReceivesNothingWhileAnActiveOneGetsTheEvent()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var driver = new WebhookDriver(fixture.Factory, tenant);
        var (activeId, activeSecret) = await driver.CreateEndpointAsync(_receiver.Url("awake"));
        var (pausedId, _) = await driver.CreateEndpointAsync(_receiver.Url("asleep"));
        await driver.PatchAsync(pausedId, new { status = "paused" });

        var projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Paused" })).GetProperty("id").GetString()!;
        await new OAuthDriver(fixture.Factory, tenant).ConnectAsync(projectId, "tiktok", "paused.check." + Guid.NewGuid().ToString("N")[..6]);
        var connected = await _receiver.WaitForEventAsync("awake", "social_account.connected");
        Assert.True(SignatureVerifier.Verify(connected.Signature, connected.Body, activeSecret, DateTimeOffset.UtcNow));
        var delivered = Assert.Single(await driver.DeliveriesAsync(activeId));
        Assert.Equal(connected.EventId, delivered.GetProperty("eventId").GetString());

        // Deliveries are stored before the request that caused the event returns: none was made for the paused one.
        Assert.Empty(await driver.DeliveriesAsync(pausedId));
        Assert.Equal(0, _receiver.ArrivedOn("asleep"));
        await (await tenant.Client.PostAsync($"/v1/webhook-endpoints/{pausedId}/test", null)).AssertError(409, "CONFLICT");

        // Once active again it receives what happens from then on.
        Assert.Equal("active", (await driver.PatchAsync(pausedId, new { status = "active" })).GetProperty("status").GetString());
        await driver.SendTestAsync(pausedId);
        var ping = Assert.Single(await _receiver.WaitForAsync("asleep", 1));
        Assert.Equal("test.ping", ping.EventType);
        Assert.DoesNotContain(_receiver.On("asleep"), r => r.EventType == "social_account.connected");
    }

    [Fact]
    public async Task ReplaySendsANewDeliveryOfTheSameEvent()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var driver = new WebhookDriver(fixture.Factory, tenant);
        var (id, secret) = await driver.CreateEndpointAsync(_receiver.Url("replay"));
        var test = await driver.SendTestAsync(id);
        var firstId = test.GetProperty("id").GetString()!;
        Assert.Equal("test.ping", test.GetProperty("eventType").GetString());
        var original = await _receiver.WaitForEventAsync("replay", "test.ping");
        await driver.DeliveryWhenAsync(firstId, d => d.Status == "delivered");

        using var response = await tenant.Client.PostAsync($"/v1/webhook-deliveries/{firstId}/replay", null);
        var replay = await response.Json();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var replayId = replay.GetProperty("id").GetString()!;
        Assert.NotEqual(firstId, replayId);
        Assert.Equal(firstId, replay.GetProperty("replayOf").GetString());
        Assert.Equal(original.EventId, replay.GetProperty("eventId").GetString());

        var both = await _receiver.WaitForAsync("replay", 2);
        Assert.Equal([original.EventId, original.EventId], both.Select(r => r.EventId));
        Assert.Equal([firstId, replayId], both.Select(r => r.Header("X-Layers-Delivery-Id")));
        Assert.Equal(original.Text, both[1].Text);
        Assert.All(both, r => Assert.True(SignatureVerifier.Verify(r.Signature, r.Body, secret, DateTimeOffset.UtcNow)));
        Assert.All(both, r => Assert.Equal("test.ping", r.Header("X-Layers-Event-Type")));

        await driver.DeliveryWhenAsync(replayId, d => d.Status == "delivered");
        var delivered = await driver.DeliveriesAsync(id, "delivered");
        Assert.Equal([replayId, firstId], delivered.Select(d => d.GetProperty("id").GetString()));
        Assert.Empty(await driver.DeliveriesAsync(id, "failed"));
        Assert.Empty(await driver.DeliveriesAsync(id, "pending"));
        var single = await tenant.Client.GetJsonAsync($"/v1/webhook-deliveries/{replayId}");
        var attempt = Assert.Single(single.GetProperty("attempts").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("responseStatus").GetInt32());
        await (await tenant.Client.GetAsync($"/v1/webhook-endpoints/{id}/deliveries?status=lost")).AssertError(422, "VALIDATION");
    }

    [Fact]
    public async Task AProjectsEndpointReceivesOnlyThatProjectsEvents()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var driver = new WebhookDriver(fixture.Factory, tenant);
        var mine = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Mine" })).GetProperty("id").GetString()!;
        var elsewhere = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Elsewhere" })).GetProperty("id").GetString()!;
        var (id, _) = await driver.CreateEndpointAsync(_receiver.Url("scoped"), ["social_account.connected"], mine);
        Assert.Equal(mine, (await driver.EndpointAsync(id)).GetProperty("projectId").GetString());

        var oauth = new OAuthDriver(fixture.Factory, tenant);
        await oauth.ConnectAsync(elsewhere, "instagram", "elsewhere." + Guid.NewGuid().ToString("N")[..6]);
        await oauth.ConnectAsync(mine, "tiktok", "mine." + Guid.NewGuid().ToString("N")[..6]);

        var received = await _receiver.WaitForEventAsync("scoped", "social_account.connected");
        Assert.Equal(mine, received.Json.GetProperty("projectId").GetString());
        Assert.Equal("tiktok", received.Json.GetProperty("data").GetProperty("platform").GetString());
        Assert.Single(await driver.DeliveriesAsync(id));
    }

    [Fact]
    public async Task ASlowEndpointHoldsUpNeitherTheRequestNorOtherEndpoints()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var driver = new WebhookDriver(fixture.Factory, tenant);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Respond("slow", _ => release.Task);
        var (slowId, _) = await driver.CreateEndpointAsync(_receiver.Url("slow"), ["social_account.connected"]);
        await driver.CreateEndpointAsync(_receiver.Url("quick"));
        var projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Slow" })).GetProperty("id").GetString()!;
        var publishing = new PublishingDriver(fixture.Factory, tenant, projectId);

        var accountId = await publishing.ConnectAsync("tiktok", "slow.receiver." + Guid.NewGuid().ToString("N")[..6]);
        await _receiver.WaitForEventAsync("quick", "social_account.connected");
        await WaitUntilAsync(() => _receiver.ArrivedOn("slow") == 1);

        // The slow receiver still holds its request open: the next request and the quick endpoint go on regardless.
        using (var revoke = await tenant.Client.DeleteAsync($"/v1/social-accounts/{accountId}"))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        await _receiver.WaitForEventAsync("quick", "social_account.revoked");
        Assert.Empty(_receiver.On("slow"));
        release.SetResult(200);
        var slow = await _receiver.WaitForEventAsync("slow", "social_account.connected");
        Assert.Equal(accountId, slow.Json.GetProperty("data").GetProperty("socialAccountId").GetString());
        var delivery = Assert.Single(await driver.DeliveriesAsync(slowId));
        await driver.DeliveryWhenAsync(delivery.GetProperty("id").GetString()!, d => d.Status == "delivered");
    }

    private static List<string> Paths(JsonElement error) =>
        [.. error.GetProperty("details").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("path").GetString()!)];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(50);
        }
    }
}

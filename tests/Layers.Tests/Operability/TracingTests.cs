using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Layers.Sandbox;
using Layers.Tests.Infrastructure;
using Layers.Tests.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Layers.Tests.Operability;

[Collection(OperabilityCollection.Name)]
public sealed class TracingTests(OperabilityFixture fixture)
{
    [Fact]
    public async Task APublishIsOneTraceFromTheHttpRequestThroughTheGrainsToThePlatformCall()
    {
        var tenant = await fixture.NewTenantAsync();
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, tenant);
        var handle = "traced." + Guid.NewGuid().ToString("N")[..6];
        var account = await driver.ConnectAsync("tiktok", handle);
        var content = await driver.ContentAsync(PublishingDriver.Video);

        using var response = await tenant.Client.PostAsJsonAsync($"/v1/content/{content}/publish", new { targets = new[] { new { socialAccountId = account } } });
        response.EnsureSuccessStatusCode();
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var postId = (await response.Json()).GetProperty("scheduledPosts")[0].GetProperty("id").GetString()!;
        Assert.Equal("published", (await driver.SettledAsync(postId)).GetProperty("status").GetString());

        var request = await SpanAsync(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
            && Equals(s.GetTagItem("layers.request_id"), requestId));
        Assert.Equal("/v1/content/{containerId}/publish", request.GetTagItem("http.route"));
        var handOff = await SpanAsync(s => s.Source.Name == "Layers" && Equals(s.GetTagItem("layers.scheduled_post.id"), postId));
        var platformCall = await SpanAsync(s => s.Source.Name == "System.Net.Http" && s.TraceId == handOff.TraceId
            && s.GetTagItem("url.full") is string url && url.Contains("/sandbox/tiktok/", StringComparison.Ordinal) && url.Contains("/publish/video/init/", StringComparison.Ordinal));

        // One trace: the request's span is an ancestor of the grain calls, the hand-off and the platform call.
        var trace = fixture.Spans.Snapshot().Where(s => s.TraceId == request.TraceId).ToList();
        Assert.Equal(request.TraceId, handOff.TraceId);
        var grainCall = Assert.Single(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server
            && s.GetTagItem("rpc.method") is string method && method.EndsWith("IScheduledPostGrain/ScheduleAsync", StringComparison.Ordinal));
        Assert.True(Descends(grainCall, request, trace), "the grain call runs inside the HTTP request");
        Assert.True(Descends(handOff, request, trace), "the hand-off continues the request that asked for it");
        Assert.True(Descends(platformCall, handOff, trace), "the platform call is made by the hand-off");
        Assert.Equal("tiktok", handOff.GetTagItem("layers.platform"));

        // The platform's own side of the call (the sandbox) is in the same trace too.
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
            && s.GetTagItem("http.route") is string route && route.StartsWith("/sandbox/tiktok/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoSpanCarriesATokenASecretOrAQueryString()
    {
        var tenant = await fixture.NewTenantAsync();
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, tenant);
        var handle = "quiet." + Guid.NewGuid().ToString("N")[..6];
        // Instagram's Graph API takes the access token in the query string.
        var account = await driver.ConnectAsync("instagram", handle);
        var content = await driver.ContentAsync(PublishingDriver.Video);
        var post = Assert.Single(await driver.ScheduleAsync(content, fixture.Clock.GetUtcNow(), new { socialAccountId = account }));
        Assert.Equal("published", (await driver.SettledAsync(post)).GetProperty("status").GetString());
        var graphCall = await SpanAsync(s => s.Source.Name == "System.Net.Http"
            && s.GetTagItem("url.full") is string url && url.Contains("/sandbox/instagram/", StringComparison.Ordinal) && url.Contains("/media", StringComparison.Ordinal));

        var secrets = fixture.Factory.Services.GetRequiredService<SandboxState>().For("instagram").TokensOf(handle).ToList();
        Assert.NotEmpty(secrets);
        secrets.Add(tenant.ApiKey);
        secrets.Add(tenant.ApiKey["lp_live_0123456789ABCDEF_".Length..]);
        secrets.Add(LayersFactory.AdminToken);
        foreach (var span in fixture.Spans.Snapshot())
        {
            foreach (var (key, value) in span.TagObjects)
            {
                var text = value?.ToString() ?? "";
                Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.Ordinal));
                if (key is "url.full" or "http.url")
                {
                    Assert.DoesNotContain("?", text, StringComparison.Ordinal);
                }

                Assert.NotEqual("url.query", key);
            }
        }

        Assert.DoesNotContain("?", (string)graphCall.GetTagItem("url.full")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWebhookDeliveryContinuesTheTraceOfTheRequestThatCausedItsEventAndCarriesNoSecret()
    {
        var receiver = fixture.Receiver;
        var path = "traced-" + Guid.NewGuid().ToString("N");
        var tenant = await fixture.NewTenantAsync();
        var webhooks = new WebhookDriver(fixture.Factory, tenant);
        // The partner's own credential in the endpoint's query string must not reach a span either.
        var partnerToken = "partner-token-" + Guid.NewGuid().ToString("N");
        var (endpointId, secret) = await webhooks.CreateEndpointAsync(receiver.Url(path) + "?token=" + partnerToken);
        receiver.Trust(path, secret);

        using var response = await tenant.Client.PostAsJsonAsync($"/v1/webhook-endpoints/{endpointId}/test", new { });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var deliveryId = (await response.Json()).GetProperty("id").GetString()!;
        var received = await receiver.WaitForEventAsync(path, "test.ping");
        Assert.Equal([secret], received.VerifiedWith);

        var request = await SpanAsync(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
            && Equals(s.GetTagItem("layers.request_id"), requestId));
        var delivery = await SpanAsync(s => s.Source.Name == "Layers" && s.OperationName == "webhook delivery"
            && Equals(s.GetTagItem("layers.webhook_delivery.id"), deliveryId));
        var post = await SpanAsync(s => s.Source.Name == "System.Net.Http" && s.ParentSpanId == delivery.SpanId);

        // The request, the delivery and its POST are one trace.
        Assert.Equal(request.TraceId, delivery.TraceId);
        Assert.Equal(request.TraceId, post.TraceId);
        var trace = fixture.Spans.Snapshot().Where(s => s.TraceId == request.TraceId).ToList();
        Assert.True(Descends(delivery, request, trace), "the delivery continues the request that caused its event");
        Assert.Empty(delivery.Links);
        Assert.Equal(endpointId, delivery.GetTagItem("layers.webhook_endpoint.id"));
        Assert.Equal(received.EventId, delivery.GetTagItem("layers.event.id"));
        Assert.Equal("test.ping", delivery.GetTagItem("layers.event.type"));
        Assert.Equal(1, (int)delivery.GetTagItem("layers.webhook_delivery.attempt")!);
        Assert.Equal("delivered", delivery.GetTagItem("layers.webhook_delivery.outcome"));
        Assert.Equal(receiver.Url(path), post.GetTagItem("url.full"));

        // Neither the signing secret, nor a signature, nor the endpoint's query is in any span.
        var signature = received.Signature!;
        var secrets = new List<string> { secret, secret["whsec_".Length..], signature, partnerToken };
        secrets.AddRange(signature.Split(',').Where(part => part.StartsWith("v1=", StringComparison.Ordinal)).Select(part => part["v1=".Length..]));
        AssertNoSpanContains(secrets);
    }

    [Fact]
    public async Task AWebhookRetryLongAfterTheRequestIsItsOwnTraceLinkedToTheRequest()
    {
        var receiver = fixture.Receiver;
        var path = "late-" + Guid.NewGuid().ToString("N");
        var tenant = await fixture.NewTenantAsync();
        var webhooks = new WebhookDriver(fixture.Factory, tenant);
        var (endpointId, secret) = await webhooks.CreateEndpointAsync(receiver.Url(path));
        receiver.Trust(path, secret);
        receiver.Respond(path, n => n <= 3 ? 503 : 200);

        using var response = await tenant.Client.PostAsJsonAsync($"/v1/webhook-endpoints/{endpointId}/test", new { });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var deliveryId = (await response.Json()).GetProperty("id").GetString()!;
        await webhooks.DeliveryWhenAsync(deliveryId, d => d.Attempts.Count == 1);

        // Retries 30 s, 1 min 30 s and 6 min 30 s after the request.
        foreach (var wait in new[] { TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5) })
        {
            fixture.Clock.Advance(wait);
            await webhooks.Delivery(deliveryId).RunAsync();
        }

        await receiver.WaitForEventAsync(path, "test.ping");
        var request = await SpanAsync(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
            && Equals(s.GetTagItem("layers.request_id"), requestId));
        var attempts = new List<Activity>();
        for (var number = 1; number <= 4; number++)
        {
            attempts.Add(await SpanAsync(s => s.Source.Name == "Layers" && Equals(s.GetTagItem("layers.webhook_delivery.id"), deliveryId)
                && Equals(s.GetTagItem("layers.webhook_delivery.attempt"), number)));
        }

        // Attempts within two minutes of the request are part of it; the late one links to it instead.
        Assert.All(attempts.Take(3), a => Assert.Equal(request.TraceId, a.TraceId));
        Assert.Equal("unexpected_status", attempts[0].GetTagItem("layers.webhook_delivery.outcome"));
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        var late = attempts[3];
        Assert.NotEqual(request.TraceId, late.TraceId);
        var link = Assert.Single(late.Links);
        Assert.Equal(request.TraceId, link.Context.TraceId);
        Assert.Equal("delivered", late.GetTagItem("layers.webhook_delivery.outcome"));
        var post = await SpanAsync(s => s.Source.Name == "System.Net.Http" && s.ParentSpanId == late.SpanId);
        Assert.Equal(late.TraceId, post.TraceId);
    }

    private void AssertNoSpanContains(IReadOnlyCollection<string> secrets)
    {
        foreach (var span in fixture.Spans.Snapshot())
        {
            var texts = span.TagObjects.Select(t => t.Value?.ToString())
                .Concat(span.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString())))
                .Concat(span.Links.SelectMany(l => l.Tags?.Select(t => t.Value?.ToString()) ?? []))
                .Append(span.DisplayName)
                .Append(span.StatusDescription);
            foreach (var text in texts.OfType<string>())
            {
                Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Spans end (and are exported) a moment after the answer they belong to; wait for one with a deadline.</summary>
    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (fixture.Spans.Snapshot().FirstOrDefault(match) is { } span)
            {
                return span;
            }

            Assert.True(DateTime.UtcNow < deadline, "no such span was exported");
            await Task.Delay(50);
        }
    }

    private static bool Descends(Activity span, Activity ancestor, List<Activity> trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        for (var current = span; ; )
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }

            if (!byId.TryGetValue(current.ParentSpanId, out var parent))
            {
                return false;
            }

            current = parent;
        }
    }
}

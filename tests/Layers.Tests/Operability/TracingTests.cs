using System.Diagnostics;
using System.Net.Http.Json;
using Layers.Api.Sandbox;
using Layers.Tests.Infrastructure;
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

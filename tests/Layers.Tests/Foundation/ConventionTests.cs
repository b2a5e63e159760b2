using System.Net;
using System.Net.Http.Json;
using System.Text;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class ConventionTests(PostgresApiFixture fixture)
{
    [Fact]
    public async Task ReplayingAnIdempotencyKeyReturnsTheIdenticalResponseAndCreatesNothing()
    {
        var tenant = await fixture.NewTenantAsync();
        async Task<(HttpStatusCode Status, string Body, string? Location)> PostAsync(string json)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/projects") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "create-project-1");
            using var response = await tenant.Client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString());
        }

        var first = await PostAsync("""{"name":"Launch"}""");
        var second = await PostAsync("""{"name":"Launch"}""");
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first, second);

        var list = await tenant.Client.GetJsonAsync("/v1/projects");
        Assert.Single(list.GetProperty("items").EnumerateArray());

        var different = new HttpRequestMessage(HttpMethod.Post, "/v1/projects") { Content = JsonContent.Create(new { name = "Other" }) };
        different.Headers.Add("Idempotency-Key", "create-project-1");
        using var conflict = await tenant.Client.SendAsync(different);
        await conflict.AssertError(409, "IDEMPOTENCY_CONFLICT");
        list = await tenant.Client.GetJsonAsync("/v1/projects");
        Assert.Single(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task IdempotencyKeysAreScopedToTheApiKey()
    {
        var a = await fixture.NewTenantAsync();
        var b = await fixture.NewTenantAsync();
        foreach (var tenant in new[] { a, b })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/projects") { Content = JsonContent.Create(new { name = "Same" }) };
            request.Headers.Add("Idempotency-Key", "shared-key");
            using var response = await tenant.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        Assert.Single((await b.Client.GetJsonAsync("/v1/projects")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnOverlongIdempotencyKeyIsAValidationError()
    {
        var tenant = await fixture.NewTenantAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/projects") { Content = JsonContent.Create(new { name = "x" }) };
        request.Headers.Add("Idempotency-Key", new string('k', 256));
        using var response = await tenant.Client.SendAsync(request);
        await response.AssertError(422, "VALIDATION");
    }

    [Fact]
    public async Task TheStandardTierAllows120ReadsAMinuteThenSays429WithRetryAfter()
    {
        var tenant = await fixture.NewTenantAsync();
        HttpResponseMessage? previous = null;
        for (var i = 0; i < 250; i++)
        {
            var response = await tenant.Client.GetAsync("/v1/whoami");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.AssertError(429, "RATE_LIMITED");
                var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(retryAfter, 1, 60);
                Assert.Equal("120", response.Headers.GetValues("X-RateLimit-Limit").Single());
                Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
                // The request just before was the last of the minute's budget.
                Assert.Equal("0", previous!.Headers.GetValues("X-RateLimit-Remaining").Single());
                // Writes have their own budget.
                using var write = await tenant.Client.PostAsJsonAsync("/v1/projects", new { name = "still writable" });
                Assert.Equal(HttpStatusCode.Created, write.StatusCode);
                return;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("120", response.Headers.GetValues("X-RateLimit-Limit").Single());
            previous?.Dispose();
            previous = response;
        }

        Assert.Fail("No 429 after 250 reads.");
    }

    [Fact]
    public async Task WalkingEveryPageOf300ProjectsReturnsEachExactlyOnce()
    {
        var tenant = await fixture.NewTenantAsync(tier: "partner");
        var created = new HashSet<string>();
        for (var batch = 0; batch < 300; batch += 30)
        {
            var ids = await Task.WhenAll(Enumerable.Range(batch, 30).Select(async i =>
                (await tenant.Client.PostJsonAsync("/v1/projects", new { name = $"Project {i}" })).GetProperty("id").GetString()!));
            created.UnionWith(ids);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await tenant.Client.GetJsonAsync("/v1/projects?limit=70" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(300, seen.Count);
        Assert.Equal(created.Order(), seen.Order());
        Assert.Equal(5, pages);

        var first = await tenant.Client.GetJsonAsync("/v1/projects");
        Assert.Equal(25, first.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    [InlineData("ten")]
    public async Task AbsurdLimitsAreValidationErrors(string limit)
    {
        var tenant = await fixture.NewTenantAsync();
        using var response = await tenant.Client.GetAsync($"/v1/projects?limit={limit}");
        var error = await response.AssertError(422, "VALIDATION");
        Assert.Equal("limit", error.GetProperty("details").GetProperty("issues")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task AForgedCursorIsAValidationError()
    {
        var tenant = await fixture.NewTenantAsync();
        using var response = await tenant.Client.GetAsync("/v1/projects?cursor=bm9wZQ");
        var error = await response.AssertError(422, "VALIDATION");
        Assert.Equal("cursor", error.GetProperty("details").GetProperty("issues")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task EveryResponseCarriesARequestIdAndAWellFormedIncomingOneIsEchoed()
    {
        var tenant = await fixture.NewTenantAsync();
        using var fresh = await tenant.Client.GetAsync("/v1/whoami");
        Assert.StartsWith("req_", fresh.Headers.GetValues("X-Request-Id").Single());

        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/projects/not-a-uuid");
        request.Headers.Add("X-Request-Id", "req_partner123");
        using var echoed = await tenant.Client.SendAsync(request);
        Assert.Equal("req_partner123", echoed.Headers.GetValues("X-Request-Id").Single());
        var error = await echoed.AssertError(404, "NOT_FOUND");
        Assert.Equal("req_partner123", error.GetProperty("requestId").GetString());

        var hostile = new HttpRequestMessage(HttpMethod.Get, "/v1/whoami");
        hostile.Headers.TryAddWithoutValidation("X-Request-Id", "<script>");
        using var replaced = await tenant.Client.SendAsync(hostile);
        Assert.StartsWith("req_", replaced.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task UnknownRoutesAnswerNotFoundInTheEnvelope()
    {
        using var response = await fixture.Factory.CreateClient().GetAsync("/v1/nothing-here");
        await response.AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task OpenApiDescribesTheBearerSchemeAndTheErrorEnvelope()
    {
        var doc = await fixture.Factory.CreateClient().GetJsonAsync("/openapi/v1.json");
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.True(doc.GetProperty("components").GetProperty("schemas").TryGetProperty("ApiError", out _));
        var create = doc.GetProperty("paths").GetProperty("/v1/projects").GetProperty("post");
        foreach (var status in new[] { "201", "401", "403", "422", "429" })
        {
            Assert.True(create.GetProperty("responses").TryGetProperty(status, out _), $"POST /v1/projects documents {status}");
        }

        using var ui = await fixture.Factory.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task HealthAndReadinessAnswer()
    {
        var client = fixture.Factory.CreateClient();
        Assert.Equal("ok", (await client.GetJsonAsync("/healthz")).GetProperty("status").GetString());
        var ready = await client.GetJsonAsync("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("storage").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("cluster").GetString());
    }
}

using System.Net.Http.Json;
using System.Text;
using Layers.Tests.Infrastructure;

namespace Layers.Tests.Foundation;

[Collection(ApiCollection.Name)]
public sealed class BadInputTests(PostgresApiFixture fixture)
{
    [Theory]
    [InlineData("""{"name":""", "")]
    [InlineData("""not json""", "")]
    [InlineData("""{"name":42}""", "name")]
    [InlineData("""{"name":"ok","timezone":["UTC"]}""", "timezone")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"ok","timezone":"Mars/Olympus"}""", "timezone")]
    [InlineData("""{"timezone":"UTC"}""", "name")]
    public async Task MalformedOrInvalidProjectBodiesAreValidationErrorsAndCreateNothing(string json, string path)
    {
        var tenant = await fixture.NewTenantAsync();
        using var response = await tenant.Client.PostAsync("/v1/projects", new StringContent(json, Encoding.UTF8, "application/json"));
        var error = await response.AssertError(422, "VALIDATION");
        Assert.Contains(error.GetProperty("details").GetProperty("issues").EnumerateArray(), i => i.GetProperty("path").GetString() == path);
        Assert.Empty((await tenant.Client.GetJsonAsync("/v1/projects")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task EveryBadFieldIsListed()
    {
        var tenant = await fixture.NewTenantAsync();
        using var response = await tenant.Client.PostAsJsonAsync("/v1/projects",
            new { name = new string('n', 129), timezone = "Nowhere/City", customerExternalId = new string('c', 300) });
        var error = await response.AssertError(422, "VALIDATION");
        var paths = error.GetProperty("details").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("path").GetString()).Order();
        Assert.Equal(["customerExternalId", "name", "timezone"], paths);
    }

    [Fact]
    public async Task WrongTypesAreListedWithEveryOtherBadField()
    {
        var tenant = await fixture.NewTenantAsync();
        using var response = await tenant.Client.PostAsync("/v1/projects",
            new StringContent("""{"name":"","timezone":"Mars/X","customerExternalId":5}""", Encoding.UTF8, "application/json"));
        var issues = await IssuesAsync(response);
        Assert.Equal(["customerExternalId", "name", "timezone"], issues.Keys.Order());
        Assert.Equal("The value has the wrong type.", issues["customerExternalId"]);
        Assert.Empty((await tenant.Client.GetJsonAsync("/v1/projects")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task WrongTypesInsideListsAndObjectsAreNamedByTheirPath()
    {
        var tenant = await fixture.NewTenantAsync();
        var driver = await PublishingDriver.CreateAsync(fixture.Factory, tenant);
        var containerId = await driver.ContentAsync(PublishingDriver.Video);

        const string body = """
            {"scheduledFor":"tomorrow","targets":[
              {"socialAccountId":"sa_00000000000000000000000000","mode":3,"options":{"privacyLevel":true,"disableDuet":"no"}},
              {"socialAccountId":7,"mode":"direct_publish","captionOverride":"\ud800"}]}
            """;
        using var response = await tenant.Client.PostAsync($"/v1/content/{containerId}/schedule",
            new StringContent(body, Encoding.UTF8, "application/json"));
        var issues = await IssuesAsync(response);
        Assert.Equal(
            ["scheduledFor", "targets[0].mode", "targets[0].options.disableDuet", "targets[0].options.privacyLevel", "targets[1].captionOverride", "targets[1].socialAccountId"],
            issues.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Not valid Unicode text.", issues["targets[1].captionOverride"]);
        var posts = await tenant.Client.GetJsonAsync($"/v1/projects/{driver.ProjectId}/scheduled-posts");
        Assert.Empty(posts.GetProperty("items").EnumerateArray());
    }

    private static async Task<Dictionary<string, string>> IssuesAsync(HttpResponseMessage response)
    {
        var error = await response.AssertError(422, "VALIDATION");
        return error.GetProperty("details").GetProperty("issues").EnumerateArray()
            .ToDictionary(i => i.GetProperty("path").GetString()!, i => i.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task BodiesOverOneMebibyteAre413()
    {
        var tenant = await fixture.NewTenantAsync();
        var huge = "{\"name\":\"" + new string('x', 1024 * 1024 + 10) + "\"}";
        // Sent as a careful client sends a large body, asking first (Expect: 100-continue): the refusal comes before the
        // body, so the server closing the connection after it cannot cut the client's write short.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/projects") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await tenant.Client.SendAsync(request);
        await response.AssertError(413, "PAYLOAD_TOO_LARGE");
        Assert.Empty((await tenant.Client.GetJsonAsync("/v1/projects")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ErrorsTheWebServerRaisesCarryTheEnvelopeAndTheRequestId()
    {
        var tenant = await fixture.NewTenantAsync();
        using (var text = await tenant.Client.PostAsync("/v1/projects", new StringContent("name=x", Encoding.UTF8, "text/plain")))
        {
            await text.AssertError(415, "UNSUPPORTED_MEDIA_TYPE");
            Assert.True(text.Headers.Contains("X-Request-Id"));
        }

        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 1024 * 1024 + 10) + "\"}")));
        streamed.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/projects") { Content = streamed })
        {
            request.Headers.TransferEncodingChunked = true;
            using var chunked = await tenant.Client.SendAsync(request);
            await chunked.AssertError(413, "PAYLOAD_TOO_LARGE");
        }

        using (var overlong = await tenant.Client.GetAsync("/v1/projects?cursor=" + new string('c', 10_000)))
        {
            await overlong.AssertError(414, "VALIDATION");
        }

        // What the web server refuses before the service sees the request: a NUL in the path, a request line and
        // headers over the server's own limits.
        using (var nul = await tenant.Client.GetAsync("/v1/projects/prj%00x"))
        {
            await nul.AssertError(400, "VALIDATION");
            Assert.True(nul.Headers.Contains("X-Request-Id"));
        }

        using (var overLimit = await tenant.Client.GetAsync("/v1/projects/" + new string('p', 70_000)))
        {
            await overLimit.AssertError(414, "VALIDATION");
            Assert.True(overLimit.Headers.Contains("X-Request-Id"));
        }

        using (var headers = new HttpRequestMessage(HttpMethod.Get, "/v1/projects"))
        {
            headers.Headers.Add("X-Padding", new string('h', 40_000));
            using var tooLarge = await tenant.Client.SendAsync(headers);
            await tooLarge.AssertError(431, "VALIDATION");
            Assert.True(tooLarge.Headers.Contains("X-Request-Id"));
        }

        Assert.Empty((await tenant.Client.GetJsonAsync("/v1/projects")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task PatchChangesOnlyTheFieldsSentAndArchives()
    {
        var tenant = await fixture.NewTenantAsync();
        var project = await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Before", timezone = "Europe/Paris", customerExternalId = "cust-1" });
        var id = project.GetProperty("id").GetString();

        using (var bad = await tenant.Client.PatchAsync($"/v1/projects/{id}", new StringContent("""{"status":"deleted","name":7}""", Encoding.UTF8, "application/json")))
        {
            var error = await bad.AssertError(422, "VALIDATION");
            Assert.Equal(2, error.GetProperty("details").GetProperty("issues").GetArrayLength());
        }

        using var ok = await tenant.Client.PatchAsync($"/v1/projects/{id}", new StringContent("""{"status":"archived","customerExternalId":null}""", Encoding.UTF8, "application/json"));
        var patched = await ok.Json();
        Assert.Equal("Before", patched.GetProperty("name").GetString());
        Assert.Equal("Europe/Paris", patched.GetProperty("timezone").GetString());
        Assert.Equal("archived", patched.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, patched.GetProperty("customerExternalId").ValueKind);
    }

    [Fact]
    public async Task ALoneSurrogateInAPatchIsAValidationErrorAndChangesNothing()
    {
        var tenant = await fixture.NewTenantAsync();
        var id = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Kept" })).GetProperty("id").GetString();
        using (var bad = await tenant.Client.PatchAsync($"/v1/projects/{id}", new StringContent("""{"name":"\ud800","timezone":"Mars/X","customerExternalId":5}""", Encoding.UTF8, "application/json")))
        {
            var error = await bad.AssertError(422, "VALIDATION");
            var issues = error.GetProperty("details").GetProperty("issues").EnumerateArray()
                .ToDictionary(i => i.GetProperty("path").GetString()!, i => i.GetProperty("message").GetString()!);
            Assert.Equal("Not valid Unicode text.", issues["name"]);
            Assert.Equal(["customerExternalId", "name", "timezone"], issues.Keys.Order());
        }

        var webhook = await tenant.Client.PostJsonAsync("/v1/webhook-endpoints", new { url = "https://hooks.example.com/layers", events = new[] { "*" } });
        using (var bad = await tenant.Client.PatchAsync($"/v1/webhook-endpoints/{webhook.GetProperty("endpoint").GetProperty("id").GetString()}",
            new StringContent("""{"description":"\udc00","events":["\ud800"]}""", Encoding.UTF8, "application/json")))
        {
            var error = await bad.AssertError(422, "VALIDATION");
            var paths = error.GetProperty("details").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ToList();
            Assert.Contains("description", paths);
            Assert.Contains("events[0]", paths);
        }

        Assert.Equal("Kept", (await tenant.Client.GetJsonAsync($"/v1/projects/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task OperatorWritesHonourIdempotencyKeysAsPartnerWritesDo()
    {
        var tenant = await fixture.NewTenantAsync();
        var admin = fixture.Operator();
        async Task<(System.Net.HttpStatusCode Status, string Body)> CreditAsync(string key, long cents)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/orgs/{tenant.OrganizationId}/wallet/credits")
            {
                Content = JsonContent.Create(new { amountCents = cents }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await admin.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var key = $"credit-{Guid.NewGuid():N}";
        var first = await CreditAsync(key, 500);
        var again = await CreditAsync(key, 500);
        Assert.Equal(System.Net.HttpStatusCode.OK, first.Status);
        Assert.Equal(first, again);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await CreditAsync(key, 700)).Status);
        Assert.Equal(500, (await tenant.Client.GetJsonAsync("/v1/wallet")).GetProperty("balanceCents").GetInt64());

        // A key's secret is in its creation's answer: the replay gives the same key, and no second one exists.
        async Task<string> CreateKeyAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/orgs/{tenant.OrganizationId}/api-keys")
            {
                Content = JsonContent.Create(new { name = "replayed", scopes = new[] { "*" }, allowedReturnDomains = Array.Empty<string>() }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await admin.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Equal(await CreateKeyAsync(), await CreateKeyAsync());
    }

    [Fact]
    public async Task OperatorInputIsValidatedToo()
    {
        var admin = fixture.Operator();
        using (var response = await admin.PostAsJsonAsync("/v1/admin/orgs", new { name = "" }))
        {
            await response.AssertError(422, "VALIDATION");
        }

        var org = await admin.PostJsonAsync("/v1/admin/orgs", new { name = "Validated" });
        var orgId = org.GetProperty("id").GetString();
        using (var response = await admin.PostAsJsonAsync($"/v1/admin/orgs/{orgId}/api-keys",
            new { name = "k", scopes = new[] { "social:read", "everything" }, allowedReturnDomains = Array.Empty<string>(), rateLimitTier = "gold" }))
        {
            var error = await response.AssertError(422, "VALIDATION");
            var paths = error.GetProperty("details").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("path").GetString());
            Assert.Equal(["scopes[1]", "rateLimitTier"], paths);
        }

        using (var response = await admin.PostAsJsonAsync($"/v1/admin/orgs/{orgId}/wallet/credits", new { amountCents = -5 }))
        {
            await response.AssertError(422, "VALIDATION");
        }

        using (var response = await admin.PostAsJsonAsync("/v1/admin/orgs/org_01J0000000000000000000000Z/wallet/credits", new { amountCents = 5 }))
        {
            await response.AssertError(404, "NOT_FOUND");
        }
    }

    [Fact]
    public async Task WalletCreditsShowInBalanceAndLedger()
    {
        var tenant = await fixture.NewTenantAsync();
        var credit = await fixture.Operator().PostJsonAsync($"/v1/admin/orgs/{tenant.OrganizationId}/wallet/credits", new { amountCents = 50_000, note = "welcome" });
        Assert.Equal(50_000, credit.GetProperty("balanceCents").GetInt64());
        await fixture.Operator().PostJsonAsync($"/v1/admin/orgs/{tenant.OrganizationId}/wallet/credits", new { amountCents = 2_500 });

        var wallet = await tenant.Client.GetJsonAsync("/v1/wallet");
        Assert.Equal(52_500, wallet.GetProperty("balanceCents").GetInt64());
        Assert.Equal("USD", wallet.GetProperty("currency").GetString());
        var transactions = (await tenant.Client.GetJsonAsync("/v1/wallet/transactions")).GetProperty("items");
        Assert.Equal([52_500, 50_000], transactions.EnumerateArray().Select(t => t.GetProperty("balanceAfterCents").GetInt64()));
        Assert.All(transactions.EnumerateArray(), t => Assert.Equal("credit", t.GetProperty("type").GetString()));
    }
}

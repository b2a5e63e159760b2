using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Layers.Tests.Infrastructure;

/// <summary>A fresh organization with one API key, made through the operator API like a real onboarding.</summary>
public sealed record TestTenant(string OrganizationId, string ApiKeyId, string ApiKey, HttpClient Client)
{
    public static async Task<TestTenant> CreateAsync(WebApplicationFactory<Program> factory, string[]? scopes = null, string[]? returnDomains = null, string tier = "standard")
    {
        var admin = factory.Operator();
        var org = await admin.PostJsonAsync("/v1/admin/orgs", new { name = "Org " + Guid.NewGuid().ToString("N")[..6] });
        var orgId = org.GetProperty("id").GetString()!;
        var key = await admin.PostJsonAsync($"/v1/admin/orgs/{orgId}/api-keys", new
        {
            name = "test key",
            scopes = scopes ?? ["*"],
            allowedReturnDomains = returnDomains ?? ["app.example.com"],
            rateLimitTier = tier,
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.GetProperty("key").GetString());
        return new TestTenant(orgId, key.GetProperty("id").GetString()!, key.GetProperty("key").GetString()!, client);
    }
}

public static class HttpTestExtensions
{
    public static HttpClient Operator(this WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LayersFactory.AdminToken);
        return client;
    }

    /// <summary>POSTs JSON and returns the parsed body, failing the test on a non-success status.</summary>
    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Asserts the status and the error envelope's code; returns the error object.</summary>
    public static async Task<JsonElement> AssertError(this HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status} {code}, got {(int)response.StatusCode}: {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.StartsWith("req_", error.GetProperty("requestId").GetString());
        return error.Clone();
    }
}

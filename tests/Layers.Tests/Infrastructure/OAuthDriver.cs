using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Layers.Tests.Infrastructure;

/// <summary>Plays the end customer's browser through a consent: authorize URL → sandbox decision → our callback.</summary>
public sealed class OAuthDriver(LayersFactory factory, TestTenant tenant)
{
    public const string ReturnUrl = "https://app.example.com/connected?from=tests";

    // A browser that shows each redirect instead of following it, over real HTTP to the service's port.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HttpClient> Browsers = new();

    private readonly HttpClient _browser = Browsers.GetOrAdd(factory.BaseUrl, url =>
        new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) });

    public async Task<JsonElement> StartAsync(string projectId, string platform, string returnUrl = ReturnUrl, string[]? scopes = null)
    {
        using var response = await tenant.Client.PostAsJsonAsync($"/v1/projects/{projectId}/social/oauth-url",
            scopes is null ? new { platform, returnUrl } : (object)new { platform, returnUrl, scopes });
        var body = await response.Json();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.GetRawText());
        return body;
    }

    /// <summary>Follows an authorize URL with a scripted decision and returns where the platform sent the browser.</summary>
    public async Task<Uri> ConsentAsync(string authorizeUrl, string handle, string decision = "approve", string? accountType = null, string? grantScopes = null)
    {
        var url = QueryHelpers.AddQueryString(authorizeUrl, new Dictionary<string, string?>
        {
            ["sandbox_user"] = handle,
            ["sandbox_decision"] = decision,
            ["sandbox_account_type"] = accountType,
            ["sandbox_grant_scopes"] = grantScopes,
        }.Where(p => p.Value is not null));
        using var response = await _browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Sends the browser to our callback and returns the redirect we answered with (or the status when none).</summary>
    public async Task<(HttpStatusCode Status, Uri? Location, string Body)> CallbackAsync(Uri callback)
    {
        using var response = await _browser.GetAsync(callback);
        return (response.StatusCode, response.Headers.Location, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The whole connect flow; returns the final redirect back to the partner.</summary>
    public async Task<(JsonElement Started, Uri Redirect)> ConnectAsync(string projectId, string platform, string handle, string? accountType = null)
    {
        var started = await StartAsync(projectId, platform);
        var callback = await ConsentAsync(started.GetProperty("authorizeUrl").GetString()!, handle, accountType: accountType);
        var (status, location, body) = await CallbackAsync(callback);
        Assert.True(status == HttpStatusCode.Found, body);
        return (started, location!);
    }

    public static IDictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}

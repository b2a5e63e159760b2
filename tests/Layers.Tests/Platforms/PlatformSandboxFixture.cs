using System.Net;
using System.Net.Http.Json;
using Layers.Platforms;
using Layers.Sandbox;
using Layers.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Layers.Tests.Platforms;

/// <summary>
/// The service in trial mode with both platforms in sandbox mode and a clock the tests move. The real platform
/// clients from its container talk to its simulators over loopback HTTP.
/// </summary>
public sealed class PlatformSandboxFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public LayersFactory Factory { get; private set; } = null!;

    /// <summary>A browser that does not follow redirects, so tests read where the platform sends it.</summary>
    public HttpClient Browser { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // These tests drive the clients with partners' URLs on media.example, as a deployment whose TikTok app has
        // verified that domain would (posts made through the service go through its media proxy instead).
        Factory = new LayersFactory(null, new Dictionary<string, string?> { ["Layers:SandboxTikTokVerifiedPrefixes:0"] = "https://media.example/" }, clock: Clock).Start();
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Factory.BaseUrl) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Browser.Dispose();
        await Factory.DisposeAsync();
    }

    public IPlatformClient Client(string platform) => Factory.Services.GetRequiredService<IPlatformClients>().Get(platform);

    /// <summary>The service's own callback, the redirect_uri registered with the platform.</summary>
    public string Callback(string platform) => $"{Factory.BaseUrl}/v1/social/oauth/callback/{platform}";

    /// <summary>A handle no other test uses.</summary>
    public static string NewHandle(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..24];

    public static string NewState() => "st_" + Guid.NewGuid().ToString("N");

    /// <summary>Runs a scripted consent at the simulator and returns where it redirects the browser.</summary>
    public async Task<Uri> ConsentAsync(
        IPlatformClient client, string handle, string decision = "approve", string? state = null,
        IReadOnlyList<string>? scopes = null, IDictionary<string, string?>? extra = null)
    {
        var parameters = new Dictionary<string, string?> { ["sandbox_user"] = handle, ["sandbox_decision"] = decision };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            parameters[key] = value;
        }

        var authorizeUrl = client.BuildAuthorizeUrl(state ?? NewState(), scopes ?? [], Callback(client.Platform));
        using var response = await Browser.GetAsync(QueryHelpers.AddQueryString(authorizeUrl, parameters));
        Assert.True(response.StatusCode == HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>Consents and exchanges the code: a fresh grant for <paramref name="handle"/>.</summary>
    public async Task<PlatformTokenGrant> ConnectAsync(IPlatformClient client, string handle, IDictionary<string, string?>? extra = null)
    {
        var location = await ConsentAsync(client, handle, extra: extra);
        return await client.ExchangeCodeAsync(Query(location)["code"], Callback(client.Platform), CancellationToken.None);
    }

    public async Task<SandboxUserReport> UserAsync(string platform, string handle)
    {
        var report = await Browser.GetFromJsonAsync<SandboxUserReport>($"/sandbox/{platform}/control/users/{handle}");
        return report!;
    }

    public async Task InvalidateTokensAsync(string platform, string handle)
    {
        using var response = await Browser.PostAsync($"/sandbox/{platform}/control/users/{handle}/invalidate-tokens", content: null);
        response.EnsureSuccessStatusCode();
    }

    public static Dictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}

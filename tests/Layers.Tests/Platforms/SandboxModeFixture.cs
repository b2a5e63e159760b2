using Layers.Tests.Infrastructure;

namespace Layers.Tests.Platforms;

/// <summary>The service with TikTok configured live and Instagram left in sandbox mode.</summary>
public sealed class SandboxModeFixture : IAsyncLifetime
{
    public LayersFactory Factory { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new LayersFactory(null, new Dictionary<string, string?>
        {
            ["Layers:Platforms:TikTok:ClientKey"] = "live-client-key",
            ["Layers:Platforms:TikTok:ClientSecret"] = "live-client-secret",
        }).Start();
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Factory.BaseUrl) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
    }
}

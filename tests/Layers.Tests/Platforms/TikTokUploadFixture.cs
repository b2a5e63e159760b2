using Layers.Tests.Infrastructure;

namespace Layers.Tests.Platforms;

/// <summary>The service in trial mode with TikTok videos sent by chunked <c>FILE_UPLOAD</c>.</summary>
public sealed class TikTokUploadFixture : IAsyncLifetime
{
    public LayersFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new LayersFactory(null, new Dictionary<string, string?> { ["Layers:Platforms:TikTok:MediaTransfer"] = "file_upload" }).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

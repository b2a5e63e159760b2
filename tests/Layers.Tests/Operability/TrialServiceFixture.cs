using Layers.Tests.Infrastructure;

namespace Layers.Tests.Operability;

/// <summary>The service in trial mode, as a newcomer first meets it.</summary>
public sealed class TrialServiceFixture : IAsyncLifetime
{
    public LayersFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new LayersFactory(null).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

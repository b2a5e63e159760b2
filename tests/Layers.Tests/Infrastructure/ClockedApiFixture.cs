using Microsoft.Extensions.Time.Testing;

namespace Layers.Tests.Infrastructure;

/// <summary>The service on PostgreSQL with a clock the tests move (token lifetimes, state expiry, billing periods).</summary>
public sealed class ClockedApiFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public LayersFactory Factory { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        Factory = new LayersFactory(ConnectionString, clock: Clock).Start();
    }

    public Task<TestTenant> NewTenantAsync(string[]? scopes = null, string[]? returnDomains = null) =>
        TestTenant.CreateAsync(Factory, scopes, returnDomains, "partner");

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClockedCollection : ICollectionFixture<ClockedApiFixture>
{
    public const string Name = "api on PostgreSQL with a test clock";
}

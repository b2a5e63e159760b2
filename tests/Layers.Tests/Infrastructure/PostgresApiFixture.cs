namespace Layers.Tests.Infrastructure;

/// <summary>One service on one fresh PostgreSQL database, shared by the API test collection.</summary>
public sealed class PostgresApiFixture : IAsyncLifetime
{
    public LayersFactory Factory { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        Factory = new LayersFactory(ConnectionString).Start();
    }

    public Task<TestTenant> NewTenantAsync(string[]? scopes = null, string[]? returnDomains = null, string tier = "standard") =>
        TestTenant.CreateAsync(Factory, scopes, returnDomains, tier);

    public HttpClient Operator() => Factory.Operator();

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<PostgresApiFixture>
{
    public const string Name = "api on PostgreSQL";
}

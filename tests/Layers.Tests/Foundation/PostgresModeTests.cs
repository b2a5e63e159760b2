using System.Net.Http.Json;
using Layers.Silo.Storage;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Layers.Tests.Foundation;

/// <summary>Durable mode: restarts, the schema, and several silos on one database. Each test has its own database.</summary>
public sealed class PostgresModeTests
{
    [Fact]
    public async Task AProjectCreatedBeforeARestartIsThereAfterIt()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        string apiKey, projectId;
        await using (var before = new LayersFactory(database))
        {
            var tenant = await TestTenant.CreateAsync(before);
            apiKey = tenant.ApiKey;
            projectId = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Survivor", timezone = "America/New_York" })).GetProperty("id").GetString()!;
        }

        await using var after = new LayersFactory(database);
        var client = after.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var project = await client.GetJsonAsync($"/v1/projects/{projectId}");
        Assert.Equal("Survivor", project.GetProperty("name").GetString());
        Assert.Equal("America/New_York", project.GetProperty("timezone").GetString());
        Assert.Single((await client.GetJsonAsync("/v1/projects")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task ApplyingTheSchemaTwiceChangesNothing()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);

        await migrator.ApplyAsync(CancellationToken.None);
        var first = await DescribeSchemaAsync(dataSource);
        await migrator.ApplyAsync(CancellationToken.None);
        var second = await DescribeSchemaAsync(dataSource);

        Assert.Equal(first, second);
        Assert.Contains("layers_schema_migrations", first, StringComparison.Ordinal);
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM layers_schema_migrations");
        Assert.Equal((long)SchemaMigrator.LoadMigrations().Count, (long)(await count.ExecuteScalarAsync())!);
        await using var queries = dataSource.CreateCommand("SELECT count(*) FROM orleansquery");
        Assert.True((long)(await queries.ExecuteScalarAsync())! >= 20);
    }

    [Fact]
    public async Task TwoSilosStartedTogetherOnAnEmptyDatabaseFormOneCluster()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var a = new LayersFactory(database);
        await using var b = new LayersFactory(database);
        await Task.WhenAll(Task.Run(a.Start), Task.Run(b.Start));

        var management = a.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Dictionary<SiloAddress, SiloStatus> hosts;
        do
        {
            hosts = await management.GetHosts(onlyActive: true);
        }
        while (hosts.Count < 2 && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal(2, hosts.Count);

        // State written through one front is read through the other.
        var tenant = await TestTenant.CreateAsync(a);
        var id = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Shared" })).GetProperty("id").GetString();
        var other = b.CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", tenant.ApiKey);
        Assert.Equal("Shared", (await other.GetJsonAsync($"/v1/projects/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AClientRoleFrontServesTheClustersStateWithoutASiloOfItsOwn()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var silo = new LayersFactory(database).Start();
        await using var front = new LayersFactory(database, new Dictionary<string, string?> { ["Orleans:Role"] = "client" }).Start();

        var tenant = await TestTenant.CreateAsync(front);
        var id = (await tenant.Client.PostJsonAsync("/v1/projects", new { name = "Through the front" })).GetProperty("id").GetString();
        var direct = silo.CreateClient();
        direct.DefaultRequestHeaders.Add("X-Api-Key", tenant.ApiKey);
        Assert.Equal("Through the front", (await direct.GetJsonAsync($"/v1/projects/{id}")).GetProperty("name").GetString());
        Assert.Equal("ready", (await front.CreateClient().GetJsonAsync("/readyz")).GetProperty("status").GetString());

        var hosts = await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Single(hosts);
    }

    [Fact]
    public async Task GrainStateIsStoredAsReadableJson()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var factory = new LayersFactory(database);
        var tenant = await TestTenant.CreateAsync(factory);
        await tenant.Client.PostAsJsonAsync("/v1/projects", new { name = "Readable" });

        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(
            "SELECT convert_from(payload, 'UTF8')::jsonb ->> 'Name' FROM orleans_grain_state WHERE grain_type = 'project'");
        Assert.Equal("Readable", await command.ExecuteScalarAsync());
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }

    private static async Task<string> DescribeSchemaAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_name)
            FROM information_schema.columns WHERE table_schema = 'public'
            """);
        var columns = (string)(await command.ExecuteScalarAsync())!;
        await using var rows = dataSource.CreateCommand("SELECT (SELECT count(*) FROM orleansquery) || '/' || (SELECT count(*) FROM layers_schema_migrations)");
        return columns + "|" + await rows.ExecuteScalarAsync();
    }
}

using Layers.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Layers.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server started by scripts/test.sh. Each fixture gets a database of its own, so test classes never
/// see each other's rows.
/// </summary>
public static class TestPostgres
{
    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("LAYERS_TEST_PG_ADMIN")
        ?? throw new InvalidOperationException("LAYERS_TEST_PG_ADMIN is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "layers_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 40 }.ConnectionString;
    }

    /// <summary>A new database with the service's schema applied, for tests of the storage classes on their own.</summary>
    public static async Task<NpgsqlDataSource> CreateMigratedDatabaseAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await CreateDatabaseAsync());
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync(CancellationToken.None);
        return dataSource;
    }
}

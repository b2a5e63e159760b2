using System.Data;
using Layers.Silo.Hosting;
using Layers.Silo.Storage;
using Layers.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Layers.Tests.Foundation;

/// <summary>
/// The grain-state write and delete the ADO.NET provider runs, from the query table, bound the way the provider binds
/// them: insert when no version is expected, compare-and-swap on the version otherwise, NULL on any conflict.
/// </summary>
public sealed class GrainStateQueryTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private string _write = "";
    private string _read = "";
    private string _delete = "";

    public async Task InitializeAsync()
    {
        _dataSource = await TestPostgres.CreateMigratedDatabaseAsync();
        _write = await QueryAsync("WriteToStorageKey");
        _read = await QueryAsync("ReadFromStorageKey");
        _delete = await QueryAsync("DeleteStorageKey");
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task WritesInsertOnceThenMoveOnlyFromTheVersionTheyRead()
    {
        Assert.Equal(1, await WriteAsync("sp_a", null, "first"));
        Assert.Null(await WriteAsync("sp_a", null, "second insert"));
        Assert.Equal(2, await WriteAsync("sp_a", 1, "second"));
        Assert.Null(await WriteAsync("sp_a", 1, "stale"));
        Assert.Null(await WriteAsync("sp_a", 7, "unknown version"));
        Assert.Equal(("second", 2), await ReadAsync("sp_a"));

        // A record without a key extension (integer-keyed grains) is a record of its own.
        Assert.Equal(1, await WriteAsync(null, null, "no extension"));
        Assert.Equal(2, await WriteAsync(null, 1, "no extension, again"));
        Assert.Equal(("no extension, again", 2), await ReadAsync(null));
        Assert.Equal(("second", 2), await ReadAsync("sp_a"));
    }

    [Fact]
    public async Task OfConcurrentWritesFromOneVersionExactlyOneWins()
    {
        Assert.Equal(1, await WriteAsync("sp_race", null, "start"));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => WriteAsync("sp_race", 1, $"writer {i}")));
        Assert.Single(results, r => r == 2);
        Assert.Equal(19, results.Count(r => r is null));
    }

    [Fact]
    public async Task DeletesRemoveOnlyTheVersionTheyReadAndAnswerWithANewVersion()
    {
        Assert.Equal(1, await WriteAsync("sp_gone", null, "first"));
        Assert.Equal(2, await WriteAsync("sp_gone", 1, "second"));
        Assert.Equal(1, await WriteAsync("sp_kept", null, "neighbour"));

        Assert.Null(await DeleteAsync("sp_gone", null));
        Assert.Null(await DeleteAsync("sp_gone", 1));
        Assert.Equal(("second", 2), await ReadAsync("sp_gone"));
        Assert.Equal(3, await DeleteAsync("sp_gone", 2));
        Assert.Null(await ReadAsync("sp_gone"));
        Assert.Null(await DeleteAsync("sp_gone", 2));
        Assert.Equal(("neighbour", 1), await ReadAsync("sp_kept"));

        // The key can be used again: a new record starts over.
        Assert.Equal(1, await WriteAsync("sp_gone", null, "again"));
    }

    /// <summary>
    /// Orleans' connections plan each of these statements once and keep the plan (generic, every partition in it),
    /// made from the statistics of that moment: the plan must find a row by its key index, not read the table, which
    /// holds every queued post's state.
    /// </summary>
    [Fact]
    public async Task PlansMadeOnceForAnOrleansConnectionFindEachKindsRowByItsKey()
    {
        var orleans = StorageSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Layers"] = _dataSource.ConnectionString })
            .Build()).OrleansConnectionString!;
        await using var connection = new NpgsqlConnection(orleans);
        await connection.OpenAsync();
        foreach (var (name, text) in new[] { ("read", _read), ("write", _write), ("delete", _delete) })
        {
            var plan = await GenericPlanAsync(connection, name, text, "scheduledpost");
            Assert.DoesNotContain("Seq Scan", plan);
            Assert.Contains("orleans_grain_state_default_key_uq", plan);
        }
    }

    /// <summary>The plan a statement prepared on <paramref name="connection"/> runs with, its parameters numbered in order.</summary>
    private static async Task<string> GenericPlanAsync(NpgsqlConnection connection, string name, string text, string kind)
    {
        string[] order = ["GrainIdHash", "GrainTypeHash", "GrainIdN0", "GrainIdN1", "ServiceId", "GrainTypeString", "GrainIdExtensionString", "GrainStateVersion", "PayloadBinary"];
        string[] values = ["42", "7", "0", "0", "'layers-tests'", $"'{kind}'", "'batch_1'", "1", "'\\x01'::bytea"];
        var used = order.Where(p => text.Contains("@" + p, StringComparison.Ordinal)).ToList();
        var numbered = used.Select((p, i) => (p, i)).OrderByDescending(x => x.p.Length)
            .Aggregate(text, (sql, x) => sql.Replace("@" + x.p, $"${x.i + 1}", StringComparison.Ordinal));
        var statement = $"plan_{name}_{kind}";
        await using (var prepare = new NpgsqlCommand($"PREPARE {statement} AS {numbered}", connection))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        var arguments = string.Join(", ", used.Select(p => values[Array.IndexOf(order, p)]));
        await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE {statement}({arguments})", connection);
        return string.Join("\n", await StoredRows.FirstColumnAsync(explain));
    }

    private async Task<string> QueryAsync(string key)
    {
        await using var command = _dataSource.CreateCommand("SELECT querytext FROM orleansquery WHERE querykey = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<int?> WriteAsync(string? extension, int? version, string payload)
    {
        await using var command = _dataSource.CreateCommand(_write);
        Bind(command, extension);
        Add(command, "GrainStateVersion", version, DbType.Int32);
        Add(command, "PayloadBinary", System.Text.Encoding.UTF8.GetBytes(payload), DbType.Binary);
        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? null : (int)result;
    }

    private async Task<int?> DeleteAsync(string? extension, int? version)
    {
        await using var command = _dataSource.CreateCommand(_delete);
        Bind(command, extension);
        Add(command, "GrainStateVersion", version, DbType.Int32);
        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? null : (int)result;
    }

    private async Task<(string Payload, int Version)?> ReadAsync(string? extension)
    {
        await using var command = _dataSource.CreateCommand(_read);
        Bind(command, extension);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (System.Text.Encoding.UTF8.GetString((byte[])reader["PayloadBinary"]), (int)reader["Version"])
            : null;
    }

    private static void Bind(NpgsqlCommand command, string? extension, string kind = "scheduledpost")
    {
        Add(command, "GrainIdHash", 42, DbType.Int32);
        Add(command, "GrainIdN0", 0L, DbType.Int64);
        Add(command, "GrainIdN1", 0L, DbType.Int64);
        Add(command, "GrainTypeHash", 7, DbType.Int32);
        Add(command, "GrainTypeString", kind, DbType.String);
        Add(command, "GrainIdExtensionString", extension, DbType.String);
        Add(command, "ServiceId", "layers-tests", DbType.String);
    }

    private static void Add(NpgsqlCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
    }
}

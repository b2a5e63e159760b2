using System.Text.Json.Nodes;
using Npgsql;

namespace Layers.Tests.Infrastructure;

/// <summary>What crash tests do to a service's PostgreSQL database: statements, counts, and grain states edited as a crash would leave them.</summary>
public static class StoredRows
{
    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        await using var command = Command(dataSource, sql, values);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        await using var command = Command(dataSource, sql, values);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row the command reads, as text (an <c>EXPLAIN</c>'s plan lines, say).</summary>
    public static async Task<List<string>> FirstColumnAsync(NpgsqlCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    /// <summary>Edits a grain's stored state (its JSON) as an earlier activation would have left it.</summary>
    public static async Task ChangeGrainStateAsync(NpgsqlDataSource dataSource, string grainType, string key, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var read = Command(dataSource,
            "SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = $1 AND grain_id_extension = $2", grainType, key);
        var state = JsonNode.Parse((string)(await read.ExecuteScalarAsync())!)!.AsObject();
        change(state);
        await using var write = Command(dataSource,
            "UPDATE orleans_grain_state SET payload = convert_to($1, 'UTF8') WHERE grain_type = $2 AND grain_id_extension = $3",
            state.ToJsonString(), grainType, key);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }

    private static NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

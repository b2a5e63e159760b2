using Layers.Publishing;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Layers.Silo.Storage;

/// <summary>
/// Unfinished schedule requests in PostgreSQL: the batch rows of this service's grain state stored longer ago than the
/// given age, by the database's own clock (the one that stamped them), through the batch partition's own index (migration 0017).
/// </summary>
public sealed class PostgresUnfinishedBatches(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IUnfinishedBatches
{
    /// <summary>$1 the age, $2 the service, $3 how many at most.</summary>
    internal const string Sql = """
        SELECT grain_id_extension FROM orleans_grain_state
        WHERE grain_type = 'schedulebatch' AND created_at < now() - $1 AND service_id = $2
        ORDER BY created_at LIMIT $3
        """;

    public async Task<IReadOnlyList<string>> OlderThanAsync(TimeSpan age, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = age });
        command.Parameters.Add(new NpgsqlParameter { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}

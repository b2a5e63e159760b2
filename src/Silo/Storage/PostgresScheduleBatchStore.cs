using Layers.Publishing;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Layers.Silo.Storage;

/// <summary>
/// Schedule batches in PostgreSQL (<c>layers_schedule_batches</c>, migration 0019), as JSON in the grain state's form.
/// A batch's add, change and removal go by group commit, with the other writes of the moment (each request stores one
/// and removes it moments later); its age is the database's own clock, the one that stamped it.
/// </summary>
public sealed class PostgresScheduleBatchStore(NpgsqlDataSource dataSource, PostgresGroupCommit commits, IOptions<ClusterOptions> cluster)
    : IScheduleBatchStore
{
    /// <summary>
    /// $1 the service, $2 the key, $3 the request, $4 the batch. A batch stored under the key by the same request (a
    /// commit run again after its answer was lost) counts as stored, another request's does not.
    /// </summary>
    internal const string AddSql = """
        INSERT INTO layers_schedule_batches (service_id, batch_id, request_id, payload) VALUES ($1, $2, $3, $4)
        ON CONFLICT (service_id, batch_id) DO UPDATE SET request_id = excluded.request_id
        WHERE layers_schedule_batches.request_id = excluded.request_id
        """;

    /// <summary>$1 the service, $2 the age, $3 how many at most.</summary>
    internal const string OlderThanSql = """
        SELECT batch_id FROM layers_schedule_batches
        WHERE service_id = $1 AND created_at < now() - $2
        ORDER BY created_at LIMIT $3
        """;

    private string ServiceId => cluster.Value.ServiceId;

    public async Task<bool> AddAsync(string batchId, ScheduleBatchState batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrEmpty(batch.RequestId);
        return await commits.ExecuteAsync(PostgresGroupCommit.Statement(AddSql, ServiceId, batchId, batch.RequestId, Payload(batch)), cancellationToken) == 1;
    }

    public async Task<ScheduleBatchState?> ReadAsync(string batchId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT payload FROM layers_schedule_batches WHERE service_id = $1 AND batch_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = batchId });
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] payload
            ? Hosting.LayersHosting.GrainStateSerializer.Deserialize<ScheduleBatchState>(new BinaryData(payload))
            : null;
    }

    public Task UpdateAsync(string batchId, ScheduleBatchState batch, CancellationToken cancellationToken) =>
        commits.ExecuteAsync(PostgresGroupCommit.Statement("UPDATE layers_schedule_batches SET payload = $3 WHERE service_id = $1 AND batch_id = $2",
            ServiceId, batchId, Payload(batch)), cancellationToken);

    public Task RemoveAsync(string batchId, CancellationToken cancellationToken) =>
        commits.ExecuteAsync(PostgresGroupCommit.Statement("DELETE FROM layers_schedule_batches WHERE service_id = $1 AND batch_id = $2", ServiceId, batchId), cancellationToken);

    public async Task<IReadOnlyList<string>> OlderThanAsync(TimeSpan age, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(OlderThanSql);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = age });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static byte[] Payload(ScheduleBatchState batch) => Hosting.LayersHosting.GrainStateSerializer.Serialize(batch).ToArray();
}

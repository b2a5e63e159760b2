using Layers.Common;
using Layers.Events;
using Npgsql;
using NpgsqlTypes;

namespace Layers.Silo.Storage;

/// <summary>
/// The event log in PostgreSQL (<c>layers_events</c>); appends are <c>ON CONFLICT DO NOTHING</c> and go by group commit
/// with the other appends waiting at the same moment.
/// </summary>
public sealed class PostgresEventStore(NpgsqlDataSource dataSource, PostgresGroupCommit commits) : IEventStore
{
    public Task AppendAsync(IReadOnlyCollection<EventRecord> events, CancellationToken cancellationToken) =>
        Task.WhenAll(events.Select(record =>
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO layers_events (event_id, organization_id, project_id, event_type, created_at, data)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = record.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = record.OrganizationId });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)record.ProjectId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = record.Type });
            command.Parameters.Add(new NpgsqlParameter { Value = record.CreatedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = record.DataJson, NpgsqlDbType = NpgsqlDbType.Json });
            return commits.ExecuteAsync(command, cancellationToken);
        }));

    public async Task<Page<EventRecord>> ListAsync(
        string organizationId, EventQuery query, string? afterEventId, int limit, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT event_id, event_type, created_at, project_id, data::text
            FROM layers_events
            WHERE organization_id = $1 AND ($2::text IS NULL OR event_id < $2) AND created_at >= $3
              AND ($4::uuid IS NULL OR project_id = $4) AND ($5::text IS NULL OR event_type = $5)
            ORDER BY event_id DESC
            LIMIT $6
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = organizationId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterEventId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = notBefore.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.ProjectId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.Type ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<EventRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new EventRecord(
                reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), organizationId,
                reader.IsDBNull(3) ? null : reader.GetGuid(3), reader.GetString(4)));
        }

        return items.Count > limit ? new Page<EventRecord>(items[..limit], items[limit - 1].Id) : new Page<EventRecord>(items, null);
    }
}

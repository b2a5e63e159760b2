using System.Text.Json;
using Layers.Common;
using Layers.Webhooks;
using Npgsql;
using NpgsqlTypes;

namespace Layers.Silo.Storage;

/// <summary>
/// The delivery listing in PostgreSQL (<c>layers_webhook_deliveries</c>); a row only moves to a higher version. Rows
/// are written by group commit.
/// </summary>
public sealed class PostgresWebhookDeliveryLog(NpgsqlDataSource dataSource, PostgresGroupCommit commits) : IWebhookDeliveryLog
{
    public async Task UpsertAsync(string organizationId, WebhookDeliveryView view, long version, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO layers_webhook_deliveries (delivery_id, endpoint_id, organization_id, event_id, status, version, view)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (delivery_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version, view = EXCLUDED.view
            WHERE layers_webhook_deliveries.version < EXCLUDED.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = view.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = view.EndpointId });
        command.Parameters.Add(new NpgsqlParameter { Value = organizationId });
        command.Parameters.Add(new NpgsqlParameter { Value = view.EventId });
        command.Parameters.Add(new NpgsqlParameter { Value = view.Status });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(view, WireJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await commits.ExecuteAsync(command, cancellationToken);
    }

    public async Task<Page<WebhookDeliveryView>> ListAsync(
        string endpointId, string? status, string? afterDeliveryId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT view::text FROM layers_webhook_deliveries
            WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR delivery_id < $3)
            ORDER BY delivery_id DESC
            LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = endpointId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterDeliveryId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        var items = new List<WebhookDeliveryView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize<WebhookDeliveryView>(reader.GetString(0), WireJson.Options)!);
        }

        return items.Count > limit
            ? new Page<WebhookDeliveryView>(items[..limit], items[limit - 1].Id)
            : new Page<WebhookDeliveryView>(items, null);
    }
}

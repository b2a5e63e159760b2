using System.Diagnostics;
using Layers.Maintenance;
using Npgsql;

namespace Layers.Silo.Storage;

/// <summary>
/// Deletes what is past its keep, a batch of rows per statement (each its own short transaction), kind after kind,
/// until every kind has less than a batch left or the pass's budget is spent.
/// </summary>
public sealed class PostgresRetentionStore(NpgsqlDataSource dataSource, Microsoft.Extensions.Options.IOptions<RetentionOptions> options) : IRetentionStore
{
    private const int Batch = 1000;

    private readonly RetentionOptions _keep = options.Value;

    /// <summary>
    /// Each kind: its name, how long it is kept, and a statement deleting at most $2 rows older than $1. Grain-state
    /// kinds are aged by when their row was stored, through an index of each kind's own (migration 0015); each delete
    /// names its kind, as a row's <c>ctid</c> is unique only within its partition (migration 0017).
    /// </summary>
    internal static readonly (string Kind, Func<RetentionOptions, TimeSpan> Keep, string Sql)[] Kinds =
    [
        ("events", keep => keep.Events, """
            DELETE FROM layers_events WHERE event_id IN (
                SELECT event_id FROM layers_events WHERE created_at < $1 ORDER BY created_at LIMIT $2)
            """),
        ("webhook_delivery_states", keep => keep.Events, """
            DELETE FROM orleans_grain_state WHERE grain_type = 'webhookdelivery' AND ctid IN (
                SELECT ctid FROM orleans_grain_state
                WHERE grain_type = 'webhookdelivery' AND created_at < $1
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'Status' IN ('delivered', 'failed')
                LIMIT $2)
            """),
        ("webhook_deliveries", keep => keep.Events, """
            DELETE FROM layers_webhook_deliveries WHERE delivery_id IN (
                SELECT delivery_id FROM layers_webhook_deliveries
                WHERE status IN ('delivered', 'failed') AND (view ->> 'createdAt')::timestamptz < $1
                LIMIT $2)
            """),
        ("hand_offs", keep => keep.HandOffs, """
            DELETE FROM layers_hand_offs WHERE scheduled_post_id IN (
                SELECT h.scheduled_post_id FROM layers_hand_offs h
                JOIN layers_scheduled_posts p ON p.post_id = h.scheduled_post_id
                WHERE h.handed_off_at < $1 AND p.status IN ('published', 'draft', 'failed', 'canceled')
                LIMIT $2)
            """),
        ("idempotency_records", keep => keep.Idempotency, """
            DELETE FROM orleans_grain_state WHERE grain_type = 'idempotency' AND ctid IN (
                SELECT ctid FROM orleans_grain_state WHERE grain_type = 'idempotency' AND created_at < $1 LIMIT $2)
            """),
        ("oauth_states", keep => keep.OAuthStates, """
            DELETE FROM orleans_grain_state WHERE grain_type = 'oauthsession' AND ctid IN (
                SELECT ctid FROM orleans_grain_state WHERE grain_type = 'oauthsession' AND created_at < $1 LIMIT $2)
            """),
    ];

    public async Task<RetentionReport> PruneAsync(DateTimeOffset now, TimeSpan budget, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var deleted = Kinds.ToDictionary(k => k.Kind, _ => 0L, StringComparer.Ordinal);
        var pending = Kinds.ToList();
        while (pending.Count > 0)
        {
            if (clock.Elapsed >= budget)
            {
                return new RetentionReport(deleted, MoreLeft: true);
            }

            foreach (var kind in pending.ToList())
            {
                await using var command = dataSource.CreateCommand(kind.Sql);
                command.Parameters.Add(new NpgsqlParameter { Value = (now - kind.Keep(_keep)).UtcDateTime });
                command.Parameters.Add(new NpgsqlParameter { Value = Batch });
                var rows = await command.ExecuteNonQueryAsync(cancellationToken);
                deleted[kind.Kind] += rows;
                if (rows < Batch)
                {
                    pending.Remove(kind);
                }
            }
        }

        return new RetentionReport(deleted, MoreLeft: false);
    }
}

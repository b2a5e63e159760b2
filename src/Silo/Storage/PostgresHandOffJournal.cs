using Layers.Publishing;
using Npgsql;
using NpgsqlTypes;

namespace Layers.Silo.Storage;

/// <summary>
/// The hand-off journal in PostgreSQL (<c>layers_hand_offs</c>). Hand-offs recorded at the same moment share one
/// transaction of two statements: one upsert of all their attempts, one delete of all their account-queue rows.
/// </summary>
public sealed class PostgresHandOffJournal : IHandOffJournal, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const int Flushers = 2;

    private const string Upsert = """
        INSERT INTO layers_hand_offs (scheduled_post_id, attempt, handed_off_at)
        SELECT * FROM unnest($1::text[], $2::integer[], $3::timestamptz[])
        ON CONFLICT (scheduled_post_id) DO UPDATE
            SET attempt = EXCLUDED.attempt, handed_off_at = EXCLUDED.handed_off_at
            WHERE layers_hand_offs.attempt < EXCLUDED.attempt
        """;

    // Each departing row is found by its key, one index probe per post, and deleted by its address. As a join
    // (DELETE … USING unnest(…)) the planner, which sees the arrays' length, hashed the whole table instead once a
    // batch was large against it: 79 ms for 500 posts with 28,000 queued, against 2 ms this way, and the burst's
    // hand-offs waited for it.
    internal const string Dequeue = """
        DELETE FROM layers_account_queue
        WHERE ctid = ANY (ARRAY(
            SELECT (SELECT q.ctid FROM layers_account_queue q
                    WHERE q.social_account_id = gone.social_account_id AND q.scheduled_post_id = gone.scheduled_post_id)
            FROM unnest($1::text[], $2::text[]) AS gone (social_account_id, scheduled_post_id)))
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly BatchQueue<HandOffRecord, bool> _queue;

    public PostgresHandOffJournal(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _queue = new(MaxBatch, Flushers, CommitAsync);
    }

    public Task RecordAsync(HandOffRecord handOff, CancellationToken cancellationToken) =>
        _queue.EnqueueAsync(handOff, cancellationToken);

    public async Task<LastHandOff?> FindAsync(string scheduledPostId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT attempt, handed_off_at FROM layers_hand_offs WHERE scheduled_post_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = scheduledPostId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new LastHandOff(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    private async Task CommitAsync(IReadOnlyList<BatchItem<HandOffRecord, bool>> batch)
    {
        // One row per post (a post waits for its record before it can make another).
        var latest = batch.Select(b => b.Value).GroupBy(h => h.ScheduledPostId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(h => h.Attempt)!).ToList();
        await using (var statements = _dataSource.CreateBatch())
        {
            var upsert = new NpgsqlBatchCommand(Upsert);
            upsert.Parameters.Add(Array(latest.Select(h => h.ScheduledPostId), NpgsqlDbType.Text));
            upsert.Parameters.Add(Array(latest.Select(h => h.Attempt), NpgsqlDbType.Integer));
            upsert.Parameters.Add(Array(latest.Select(h => h.At.UtcDateTime), NpgsqlDbType.TimestampTz));
            var dequeue = new NpgsqlBatchCommand(Dequeue);
            dequeue.Parameters.Add(Array(latest.Select(h => h.SocialAccountId), NpgsqlDbType.Text));
            dequeue.Parameters.Add(Array(latest.Select(h => h.ScheduledPostId), NpgsqlDbType.Text));
            statements.BatchCommands.Add(upsert);
            statements.BatchCommands.Add(dequeue);
            await statements.ExecuteNonQueryAsync();
        }

        foreach (var pending in batch)
        {
            pending.Done.TrySetResult(true);
        }
    }

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType elementType) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | elementType };

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}

using Npgsql;

namespace Layers.Silo.Storage;

/// <summary>
/// Group commit for small statements: those handed in while others are on their way go to PostgreSQL together, in
/// one round trip and one transaction, and each caller gets its own statement's row count. Under light load a
/// statement goes alone at once; under heavy load one commit carries hundreds. A batch that fails on a statement is
/// run again one statement at a time, so a caller only ever sees its own statement's failure. A batch whose connection
/// turns out broken (the server restarted while it sat idle in the pool) is run once more on a fresh one, after the
/// pool's other idle connections, as stale, are closed: the statements handed here are idempotent (upserts, inserts
/// that skip existing rows, deletes), so running one twice leaves what running it once does (only its row count may
/// then read 0).
/// </summary>
public sealed class PostgresGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const int Flushers = 4;

    private readonly NpgsqlDataSource _dataSource;
    private readonly BatchQueue<NpgsqlBatchCommand, int> _queue;

    public PostgresGroupCommit(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _queue = new(MaxBatch, Flushers, CommitAsync);
    }

    /// <summary>A statement for <see cref="ExecuteAsync"/>, its parameters ($1, $2, …) in order.</summary>
    public static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>Runs the statement with whatever else is waiting; returns the rows it affected.</summary>
    public Task<int> ExecuteAsync(NpgsqlBatchCommand command, CancellationToken cancellationToken) =>
        _queue.EnqueueAsync(command, cancellationToken);

    private Task CommitAsync(IReadOnlyList<BatchItem<NpgsqlBatchCommand, int>> batch) => CommitAsync(batch, afterBrokenConnection: false);

    private async Task CommitAsync(IReadOnlyList<BatchItem<NpgsqlBatchCommand, int>> batch, bool afterBrokenConnection)
    {
        try
        {
            await using (var statements = _dataSource.CreateBatch())
            {
                foreach (var pending in batch)
                {
                    statements.BatchCommands.Add(pending.Value);
                }

                try
                {
                    await statements.ExecuteNonQueryAsync();
                }
                finally
                {
                    // The statements may have to run again in batches of their own.
                    statements.BatchCommands.Clear();
                }
            }

            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(pending.Value.RecordsAffected);
            }
        }
        catch (NpgsqlException e) when (!afterBrokenConnection && IsBrokenConnection(e))
        {
            _dataSource.Clear();
            await CommitAsync(batch, afterBrokenConnection: true);
        }
        catch (PostgresException) when (batch.Count > 1)
        {
            // The transaction was rolled back as a whole; find out whose statement it was.
            foreach (var pending in batch)
            {
                try
                {
                    await CommitAsync([pending], afterBrokenConnection);
                }
                catch (Exception e)
                {
                    pending.Done.TrySetException(e);
                }
            }
        }
    }

    /// <summary>
    /// The connection, not the statements, failed: its socket was closed under it, or the server said it was shutting
    /// down (a restarted server's old connections read that first).
    /// </summary>
    private static bool IsBrokenConnection(NpgsqlException e) => e is PostgresException postgres
        ? postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
        : e.InnerException is IOException or System.Net.Sockets.SocketException;

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}

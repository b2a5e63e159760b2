using System.Threading.Channels;
using Npgsql;

namespace Layers.Silo.Storage;

/// <summary>
/// Group commit for small statements: those handed in while others are on their way go to PostgreSQL together, in
/// one round trip and one transaction, and each caller gets its own statement's row count. Under light load a
/// statement goes alone at once; under heavy load one commit carries hundreds. A batch that fails on a statement is
/// run again one statement at a time, so a caller only ever sees its own statement's failure.
/// </summary>
public sealed class PostgresGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const int Flushers = 4;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Task[] _flushers;

    public PostgresGroupCommit(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _flushers = [.. Enumerable.Range(0, Flushers).Select(_ => Task.Run(FlushAsync))];
    }

    /// <summary>Runs the statement with whatever else is waiting; returns the rows it affected.</summary>
    public Task<int> ExecuteAsync(NpgsqlBatchCommand command, CancellationToken cancellationToken)
    {
        var pending = new Pending(command);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            await using (var statements = _dataSource.CreateBatch())
            {
                foreach (var pending in batch)
                {
                    statements.BatchCommands.Add(pending.Command);
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
                pending.Done.TrySetResult(pending.Command.RecordsAffected);
            }
        }
        catch (PostgresException) when (batch.Count > 1)
        {
            // The transaction was rolled back as a whole; find out whose statement it was.
            foreach (var pending in batch)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_flushers);
    }

    private sealed record Pending(NpgsqlBatchCommand Command)
    {
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

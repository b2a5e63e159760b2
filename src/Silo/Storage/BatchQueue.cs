using System.Threading.Channels;

namespace Layers.Silo.Storage;

/// <summary>
/// Items handed in while earlier ones are on their way go to the commit together: under light load an item goes alone
/// at once, under heavy load one commit carries up to <c>maxBatch</c>. The commit completes each item's
/// <see cref="BatchItem{TItem, TResult}.Done"/>; any item it leaves open when it throws fails with the exception.
/// </summary>
public sealed class BatchQueue<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<BatchItem<TItem, TResult>> _queue = Channel.CreateUnbounded<BatchItem<TItem, TResult>>();
    private readonly Func<IReadOnlyList<BatchItem<TItem, TResult>>, Task> _commit;
    private readonly int _maxBatch;
    private readonly Task[] _flushers;

    /// <param name="maxBatch">The most items one commit takes.</param>
    /// <param name="flushers">How many commits may be on their way at once.</param>
    /// <param name="commit">Stores a batch and completes its items.</param>
    public BatchQueue(int maxBatch, int flushers, Func<IReadOnlyList<BatchItem<TItem, TResult>>, Task> commit)
    {
        _maxBatch = maxBatch;
        _commit = commit;
        _flushers = [.. Enumerable.Range(0, flushers).Select(_ => Task.Run(FlushAsync))];
    }

    /// <summary>Queues the item for the next commit; completes with what the commit gives it.</summary>
    public Task<TResult> EnqueueAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new BatchItem<TItem, TResult>(item);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushAsync()
    {
        var batch = new List<BatchItem<TItem, TResult>>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await _commit(batch);
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_flushers);
    }
}

/// <summary>One item waiting in a <see cref="BatchQueue{TItem, TResult}"/>, and its caller's answer.</summary>
public sealed class BatchItem<TItem, TResult>(TItem value)
{
    public TItem Value { get; } = value;

    public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

namespace Layers.Publishing;

/// <summary>
/// Schedule requests' batches (<c>ScheduleBatchGrain</c>): each is stored before its request makes any post and removed
/// once the request is finished, so one stored longer ago than any request takes is one a crash cut short. Stored
/// apart from the grains' state: a batch lives for moments, and its add and removal go with other writes of the moment.
/// </summary>
public interface IScheduleBatchStore
{
    /// <summary>
    /// Stores a new batch under its key; false when another request's batch is stored under it. Storing the same
    /// request's batch again (as a retry after a lost answer does) is true and changes nothing.
    /// </summary>
    Task<bool> AddAsync(string batchId, ScheduleBatchState batch, CancellationToken cancellationToken);

    /// <summary>The batch stored under the key, or null.</summary>
    Task<ScheduleBatchState?> ReadAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Stores what changed in a stored batch (its request was refused).</summary>
    Task UpdateAsync(string batchId, ScheduleBatchState batch, CancellationToken cancellationToken);

    Task RemoveAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>The keys of at most <paramref name="limit"/> batches stored more than <paramref name="age"/> ago, oldest first.</summary>
    Task<IReadOnlyList<string>> OlderThanAsync(TimeSpan age, int limit, CancellationToken cancellationToken);
}

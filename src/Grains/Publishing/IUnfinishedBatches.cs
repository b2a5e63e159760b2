namespace Layers.Publishing;

/// <summary>
/// Schedule requests a crash cut short: their batch is stored (it is stored before any post is made and deleted once
/// the request is finished) and older than any request takes.
/// </summary>
public interface IUnfinishedBatches
{
    /// <summary>The keys of at most <paramref name="limit"/> batches stored more than <paramref name="age"/> ago, oldest first.</summary>
    Task<IReadOnlyList<string>> OlderThanAsync(TimeSpan age, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// Trial mode keeps nothing across a restart, so no batch outlives its process; one cut short within it by a failure
/// finishes itself (<c>ScheduleBatchGrain</c>).
/// </summary>
public sealed class NoUnfinishedBatches : IUnfinishedBatches
{
    public Task<IReadOnlyList<string>> OlderThanAsync(TimeSpan age, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

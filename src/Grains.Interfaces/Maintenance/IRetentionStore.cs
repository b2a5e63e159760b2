namespace Layers.Maintenance;

/// <summary>Where the retention job deletes: the database in durable mode; nothing in trial mode.</summary>
public interface IRetentionStore
{
    /// <summary>Deletes what is past its keep at <paramref name="now"/>, in batches, until done or out of <paramref name="budget"/>.</summary>
    Task<RetentionReport> PruneAsync(DateTimeOffset now, TimeSpan budget, CancellationToken cancellationToken);
}

/// <summary>Trial mode keeps nothing beyond the process: there is nothing to delete.</summary>
public sealed class NoRetentionStore : IRetentionStore
{
    public Task<RetentionReport> PruneAsync(DateTimeOffset now, TimeSpan budget, CancellationToken cancellationToken) =>
        Task.FromResult(new RetentionReport(new Dictionary<string, long>(), false));
}

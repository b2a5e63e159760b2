namespace Layers.Maintenance;

/// <summary>Where the retention job deletes: the database in durable mode; nothing in trial mode.</summary>
public interface IRetentionStore
{
    /// <summary>Deletes what is past its keep at <paramref name="now"/>, in batches, until done or out of <paramref name="budget"/>.</summary>
    Task<RetentionReport> PruneAsync(DateTimeOffset now, TimeSpan budget, CancellationToken cancellationToken);
}

/// <summary>How long each kind of record is kept once it is no longer needed.</summary>
public static class RetentionPeriods
{
    /// <summary>Events are listed for 30 days (<see cref="Layers.Events.EventRetention"/>); finished deliveries as long.</summary>
    public static readonly TimeSpan Events = Layers.Events.EventRetention.Period;

    /// <summary>A settled post's journal row only guards a hand-off that may still be in flight.</summary>
    public static readonly TimeSpan HandOffs = TimeSpan.FromDays(1);

    /// <summary>Stored responses are replayed for 24 hours.</summary>
    public static readonly TimeSpan Idempotency = TimeSpan.FromHours(25);

    /// <summary>OAuth states expire after 10 minutes and clear themselves a day later; this catches any left.</summary>
    public static readonly TimeSpan OAuthStates = TimeSpan.FromDays(2);
}

/// <summary>Trial mode keeps nothing beyond the process: there is nothing to delete.</summary>
public sealed class NoRetentionStore : IRetentionStore
{
    public Task<RetentionReport> PruneAsync(DateTimeOffset now, TimeSpan budget, CancellationToken cancellationToken) =>
        Task.FromResult(new RetentionReport(new Dictionary<string, long>(), false));
}

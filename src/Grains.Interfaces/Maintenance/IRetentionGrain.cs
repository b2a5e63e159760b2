namespace Layers.Maintenance;

/// <summary>
/// The cluster's one retention job: every few minutes it deletes, in small batches, what the service no longer
/// needs — events past their 30 days, finished webhook deliveries as old, hand-off journal rows of settled posts,
/// expired idempotency records and OAuth states — so that nothing grows without bound under a steady load.
/// </summary>
public interface IRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the job's reminder is set (the silo calls it on start).</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>One pass now; how many rows it deleted, by kind.</summary>
    [Alias("Run")]
    Task<RetentionReport> RunAsync();
}

/// <summary>Rows one pass deleted, by kind, and whether it stopped at its time budget with more to delete.</summary>
[GenerateSerializer, Immutable]
public sealed record RetentionReport(
    [property: Id(0)] IReadOnlyDictionary<string, long> Deleted,
    [property: Id(1)] bool MoreLeft);

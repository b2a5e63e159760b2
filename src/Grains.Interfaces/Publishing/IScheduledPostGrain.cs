using Orleans.Concurrency;

namespace Layers.Publishing;

/// <summary>
/// One post to one account (<c>sp_…</c>): due time, mode, status, the platform's handle, error and metrics. Handed
/// to the platform at most once.
/// </summary>
[Alias("Layers.IScheduledPostGrain")]
public interface IScheduledPostGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues the post; Conflict when the id is taken or the account is disconnected. A batch resuming its request
    /// only makes sure a post it made is complete.
    /// </summary>
    [Alias("Schedule")]
    Task<ScheduledPostView> ScheduleAsync(PostDraft draft);

    /// <summary>Cancels the post when it is still queued and was made by the batch <paramref name="batchId"/> (a rejected request).</summary>
    [Alias("TakeBack")]
    Task TakeBackAsync(string batchId);

    [Alias("Get")]
    Task<ScheduledPostView> GetAsync(string organizationId);

    /// <summary>Moves a queued post; Conflict in any other status.</summary>
    [Alias("Reschedule")]
    Task<ScheduledPostView> RescheduleAsync(string organizationId, DateTimeOffset scheduledFor);

    /// <summary>Cancels a queued post; Conflict in any other status.</summary>
    [Alias("Cancel")]
    Task<ScheduledPostView> CancelAsync(string organizationId, string? reason);

    /// <summary>
    /// The account was revoked at <paramref name="revokedAt"/>: cancel if still queued. True when the post is canceled
    /// for that reason (now or by its own check just before). Runs even while the post waits on its account, so the
    /// two never wait on each other.
    /// </summary>
    [Alias("CancelForRevoke"), AlwaysInterleave]
    Task<bool> CancelForRevokeAsync(DateTimeOffset revokedAt);

    /// <summary>
    /// The partner's URL of asset <paramref name="assetIndex"/> while the post is being handed to its platform (the
    /// media proxy serves it then); null before and after, or for an asset the post does not have.
    /// </summary>
    [Alias("MediaSource"), AlwaysInterleave]
    Task<string?> MediaSourceAsync(int assetIndex);

    /// <summary>
    /// Brings the post into memory and nothing else: a queued post due soon arms its timer as it activates (a silo
    /// starting after a crash wakes the posts whose timers died with the old process). The wake-up reads the post from
    /// the listing, whose row was written from state <paramref name="listedVersion"/>: what that row shows handed on
    /// (the state's events, the row itself) is not handed on again.
    /// </summary>
    [Alias("Wake")]
    Task WakeAsync(long listedVersion);

    /// <summary>What a tick does: publish when due, follow a handed-off post, recover after a crash, sync metrics.</summary>
    [Alias("Run")]
    Task RunAsync();

    /// <summary>Fetches the post's metrics from the platform now (published posts of active accounts).</summary>
    [Alias("SyncMetrics")]
    Task SyncMetricsAsync();
}

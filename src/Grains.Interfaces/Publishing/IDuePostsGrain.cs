namespace Layers.Publishing;

/// <summary>
/// The wake-up of due posts (key 0). Its reminder ticks every minute and wakes, from the listing, the queued posts due
/// within the next three minutes and the posts being handed off; they arm their own timers for the last stretch. So a
/// queued post needs no reminder of its own and, far from its due time, no memory: its stored state and its listing
/// row are all it is until it is woken. Published posts are woken the same way for their metrics reads and for a public
/// id their platform has not given yet, and the schedule requests a crash cut short are resumed
/// (<see cref="IScheduleBatchGrain"/>).
/// </summary>
[Alias("Layers.IDuePostsGrain")]
public interface IDuePostsGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder unless it is registered (every silo asks at start).</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>
    /// One pass: wakes the posts due soon and those being handed off, then those due a metrics read or awaiting their
    /// public id; returns how many. After a restart that can be thousands of posts (a burst's, due their first metrics
    /// read or still in moderation), which take longer than a call's default 30 s.
    /// </summary>
    [Alias("Wake")]
    [ResponseTimeout("00:10:00")]
    Task<int> WakeAsync();

    /// <summary>
    /// Resumes the schedule requests a crash cut short (their batch stored more than a minute ago and not finished);
    /// returns how many were resumed.
    /// </summary>
    [Alias("ResumeUnfinishedBatches")]
    Task<int> ResumeUnfinishedBatchesAsync();
}

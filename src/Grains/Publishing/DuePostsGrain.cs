using System.Diagnostics;
using Layers.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Layers.Publishing;

/// <summary>
/// Wakes the posts due soon, every minute, from the listing (<see cref="IDuePostsGrain"/>). The look-ahead is longer
/// than the tick plus the posts' own timer horizon, so every queued post is woken at least once within 90 s of its due
/// time even when a tick comes late; a post woken twice only arms its timer again. Published posts whose metrics read
/// has come are woken too (their cadence is a quarter of an hour at the shortest, so a minute late is on time), and
/// those still awaiting their public id, after the posts with a hand-off ahead. Each
/// tick also resumes the schedule requests a crash cut short (<see cref="IScheduleBatchStore"/>).
/// </summary>
internal sealed partial class DuePostsGrain(
    IPostReadModel listing,
    IScheduleBatchStore batches,
    HandOffPriority priority,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DuePostsGrain> logger) : Grain, IDuePostsGrain, IRemindable
{
    private const string Reminder = "due-posts";
    private const int Limit = 100_000;
    private const int AtOnce = 256;

    /// <summary>Published posts' calls in flight: their reads can wait, and each brings a post back from storage.</summary>
    private const int FollowUpsAtOnce = 64;
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LookAhead = TimeSpan.FromMinutes(3);

    /// <summary>A batch this old belongs to no request still running: a request stores it and finishes in moments.</summary>
    private static readonly TimeSpan UnfinishedAfter = TimeSpan.FromMinutes(1);

    public async Task EnsureScheduledAsync()
    {
        if (await this.GetReminder(Reminder) is null)
        {
            await this.RegisterOrUpdateReminder(Reminder, Period, Period);
        }
    }

    public async Task<int> WakeAsync()
    {
        var now = time.GetUtcNow();
        var due = await listing.ToWakeAsync(now, now + LookAhead, Limit, CancellationToken.None);
        var followUps = await listing.FollowUpsDueAsync(now, Limit, CancellationToken.None);
        var found = due.Count + followUps.Count;
        var started = Stopwatch.GetTimestamp();

        // The posts with a hand-off ahead (or under way) first, all of them, then the published ones, fewer at a time
        // and each only once no post of this silo is due or storing its hand-off: after a restart a burst's posts can be
        // thousands, each read back from storage, and they would hold up the hand-offs and their answers.
        var woken = await WakeEachAsync(due, AtOnce, yields: false, settledBefore: 0);
        woken += await WakeEachAsync(followUps, FollowUpsAtOnce, yields: true, settledBefore: due.Count);
        if (found > 0)
        {
            LogWoken(logger, woken, found - woken);
        }

        return woken;

        // A stopping silo places no grain: each call would wait out its placement's retries and fail, and the silo's
        // stop would wait for them all. No post is taken once the stop begins; the next tick, on a running silo, wakes
        // the rest.
        Task<int> WakeEachAsync(IReadOnlyList<ListedPost> posts, int atOnce, bool yields, int settledBefore) => EachAsync(
            posts.TakeWhile(_ => !lifetime.ApplicationStopping.IsCancellationRequested),
            atOnce,
            async post =>
            {
                if (yields)
                {
                    await priority.YieldToHandOffsAsync();
                }

                await GrainFactory.GetGrain<IScheduledPostGrain>(post.Id).WakeAsync(post.Version);
            },
            (e, post) => LogWakeFailed(logger, e, post.Id),
            settled =>
            {
                if ((settledBefore + settled) % AtOnce == 0)
                {
                    LogProgress(logger, settledBefore + settled, found, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            });
    }

    public async Task<int> ResumeUnfinishedBatchesAsync()
    {
        var unfinished = await batches.OlderThanAsync(UnfinishedAfter, AtOnce, CancellationToken.None);
        var resumed = await EachAsync(unfinished, AtOnce, id => GrainFactory.GetGrain<IScheduleBatchGrain>(id).ResumeAsync(), (e, id) => LogResumeFailed(logger, e, id));
        if (unfinished.Count > 0)
        {
            LogResumed(logger, resumed, unfinished.Count);
        }

        return resumed;
    }

    /// <summary>
    /// Calls a grain for each item, <paramref name="atOnce"/> calls in flight, in the items' order: an item's call starts as
    /// soon as any earlier one ends (the slowest call holds up no batch of the others). One that fails holds up no
    /// other (the next tick tries again); returns how many answered, the others' failures told to
    /// <paramref name="failed"/>, and each settled call counted to <paramref name="settled"/>.
    /// </summary>
    private static async Task<int> EachAsync<T>(IEnumerable<T> items, int atOnce, Func<T, Task> call, Action<Exception, T> failed, Action<int>? settled = null)
    {
        var answered = 0;
        var done = 0;
        // On the grain's own scheduler: the counters are touched by one turn at a time.
        var window = new ParallelOptions { MaxDegreeOfParallelism = atOnce, TaskScheduler = TaskScheduler.Current };
        await Parallel.ForEachAsync(items, window, async (item, _) =>
        {
            try
            {
                await call(item);
                answered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed(e, item);
            }

            settled?.Invoke(++done);
        });
        return answered;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        await WakeAsync();
        await ResumeUnfinishedBatchesAsync();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Woke {Count} of {Found} posts, {ElapsedMs:F0} ms after the listing answered")]
    private static partial void LogProgress(ILogger logger, int count, int found, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Woke {Woken} posts due soon, being handed off, due a metrics read or awaiting a public id ({Failed} failed)")]
    private static partial void LogWoken(ILogger logger, int woken, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Resumed} of {Found} schedule requests a crash cut short")]
    private static partial void LogResumed(ILogger logger, int resumed, int found);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule request {BatchId} cut short could not be resumed; the next tick tries again")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception, string batchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {ScheduledPostId} could not be woken; the next tick tries again")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string scheduledPostId);
}

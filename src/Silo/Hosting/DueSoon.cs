using System.Diagnostics;
using Layers.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Layers.Silo.Hosting;

/// <summary>
/// On a silo's start, one pass of the wake-up of due posts (<see cref="IDuePostsGrain"/>) brings the queued posts due
/// soon (or overdue) and the posts being handed off into memory, where they arm the timers that died with a crashed
/// process; its reminder would otherwise bring them back only at its next tick, up to a minute late. It runs beside the
/// silo's start rather than before it is ready (thousands of posts still being followed took seconds to bring back),
/// and once the host has started: a co-hosted front serves the media proxy that TikTok pulls each post's files from,
/// and posts handed off before it listened had TikTok's pull fail (<c>video_pull_failed</c>).
/// </summary>
internal static class DueSoon
{
    /// <summary>The start-up task: starts <see cref="WakeOnceStartedAsync"/> in the background and returns.</summary>
    public static Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        _ = WakeOnceStartedAsync(services, services.GetRequiredService<IHostApplicationLifetime>());
        return Task.CompletedTask;
    }

    /// <summary>Waits for the host to have started (every hosted service, the HTTP front included), then wakes.</summary>
    public static async Task WakeOnceStartedAsync(IServiceProvider services, IHostApplicationLifetime lifetime)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (lifetime.ApplicationStopping.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await WakeAsync(services, lifetime.ApplicationStopping);
    }

    /// <summary>Wakes what it can; a failure leaves the posts to the wake-up's reminder, which is the durable path.</summary>
    public static async Task WakeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DueSoon));
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            var woken = await services.GetRequiredService<IGrainFactory>().GetGrain<IDuePostsGrain>(0).WakeAsync();
            // On the record, with its duration: how long a starting silo took to take up what fell due while none ran.
            logger.LogInformation(
                "Woke {Woken} posts due soon, overdue or being handed off on start, in {ElapsedMs:F0} ms", woken, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Posts due soon were not woken on start; the wake-up of due posts will");
        }
    }
}

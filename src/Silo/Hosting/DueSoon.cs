using Layers.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Layers.Silo.Hosting;

/// <summary>
/// On a silo's start, the queued posts due within the next two minutes (or overdue) and the posts being handed off are
/// brought into memory, where they arm the timers that died with a crashed process; the wake-up of due posts
/// (<see cref="IDuePostsGrain"/>) would otherwise bring them back only at its next tick, up to a minute late. It runs
/// beside the silo's start rather than before it is ready (thousands of posts still being followed took seconds to
/// bring back), queued posts first.
/// </summary>
internal static class DueSoon
{
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(2);
    private const int Limit = 100_000;
    private const int AtOnce = 64;

    /// <summary>The start-up task: starts <see cref="WakeAsync"/> in the background, ended when the service stops.</summary>
    public static Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        _ = Task.Run(() => WakeAsync(services, stopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Wakes what it can; a failure leaves the posts to the wake-up's reminder, which is the durable path.</summary>
    public static async Task WakeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await WakeDueAsync(services, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DueSoon)).LogWarning(e, "Posts due soon were not woken on start; the wake-up of due posts will");
        }
    }

    private static async Task WakeDueAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredKeyedService<TimeProvider>(Layers.Common.LayersTime.Key);
        var posts = await services.GetRequiredService<IPostReadModel>().ToWakeAsync(time.GetUtcNow() + Horizon, Limit, cancellationToken);
        var grains = services.GetRequiredService<IGrainFactory>();
        await Parallel.ForEachAsync(posts, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = cancellationToken },
            async (id, _) => await grains.GetGrain<IScheduledPostGrain>(id).WakeAsync());
    }
}

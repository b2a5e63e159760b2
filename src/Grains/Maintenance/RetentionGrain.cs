using Layers.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Layers.Maintenance;

/// <summary>
/// The retention job (key 0): its reminder runs a pass every <see cref="RetentionOptions.Period"/>; each pass deletes in batches for
/// at most <see cref="Budget"/>, so it never holds locks for long, and what is left waits for the next pass.
/// </summary>
internal sealed partial class RetentionGrain(
    IRetentionStore store,
    Microsoft.Extensions.Options.IOptions<RetentionOptions> options,
    [FromKeyedServices(LayersTime.Key)] TimeProvider time,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    private const string Reminder = "retention";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async Task EnsureScheduledAsync()
    {
        // Registered anew at every start, so a changed period takes effect.
        var period = options.Value.Period;
        await this.RegisterOrUpdateReminder(Reminder, period, period);
    }

    public async Task<RetentionReport> RunAsync()
    {
        var report = await store.PruneAsync(time.GetUtcNow(), Budget, CancellationToken.None);
        if (report.Deleted.Values.Any(n => n > 0))
        {
            LogPruned(logger, string.Join(", ", report.Deleted.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}")), report.MoreLeft);
        }

        return report;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Deleted}; more left: {MoreLeft}")]
    private static partial void LogPruned(ILogger logger, string deleted, bool moreLeft);
}

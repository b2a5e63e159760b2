using Layers.Webhooks;
using Orleans.Concurrency;

namespace Layers.Events;

/// <summary>
/// Takes appends side by side: it holds nothing between calls, and the store commits the appends it is handed together.
/// Taking one call at a time, its activations (as many as the silo has cores) let two appends through at once, and a
/// burst's published posts queued behind them for seconds, each post's listing row waiting for its events.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class EventLogGrain(IEventStore store) : Grain, IEventLogGrain
{
    /// <summary>
    /// The log first, then webhooks: every delivery of the events is stored (not sent) before this returns, so an
    /// outbox that lets go of an event after this call has lost nothing. Both steps are idempotent.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<EventRecord> events)
    {
        await store.AppendAsync(events, CancellationToken.None);
        await WebhookDispatch.HandOffAsync(GrainFactory, events);
    }
}

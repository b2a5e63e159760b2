using Layers.Webhooks;
using Orleans.Concurrency;

namespace Layers.Events;

[StatelessWorker]
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

using Orleans.Concurrency;

namespace Layers.Events;

[StatelessWorker]
internal sealed class EventLogGrain(IEventStore store) : Grain, IEventLogGrain
{
    public Task AppendAsync(IReadOnlyList<EventRecord> events) => store.AppendAsync(events, CancellationToken.None);
}

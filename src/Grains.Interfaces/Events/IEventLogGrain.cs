namespace Layers.Events;

/// <summary>
/// Hands events to the event log from any grain. A stateless worker: it runs next to its caller and holds nothing;
/// appends are idempotent by event id, so an outbox may hand the same event on more than once.
/// </summary>
[Alias("Layers.IEventLogGrain")]
public interface IEventLogGrain : IGrainWithIntegerKey
{
    [Alias("Append")]
    Task AppendAsync(IReadOnlyList<EventRecord> events);
}

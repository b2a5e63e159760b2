using Layers.Common;
using Layers.Events;

namespace Layers.Tests.Grains;

/// <summary>
/// The event log as a database would fail it: refusing appends outright, or storing them and losing the answer
/// (a timeout after the commit). Reads always work.
/// </summary>
public sealed class FaultyEventStore(IEventStore inner) : IEventStore
{
    private volatile Fault _fault;

    public enum Fault
    {
        None,

        /// <summary>Nothing is stored and the append throws.</summary>
        Refuse,

        /// <summary>The events are stored, then the append throws as if the answer never came.</summary>
        LoseAnswer,
    }

    public int FailedAppends { get; private set; }

    public void Set(Fault fault) => _fault = fault;

    public async Task AppendAsync(IReadOnlyCollection<EventRecord> events, CancellationToken cancellationToken)
    {
        var fault = _fault;
        if (fault == Fault.LoseAnswer)
        {
            await inner.AppendAsync(events, cancellationToken);
        }

        if (fault != Fault.None)
        {
            FailedAppends++;
            throw new TimeoutException($"event store: {fault}");
        }

        await inner.AppendAsync(events, cancellationToken);
    }

    public Task<Page<EventRecord>> ListAsync(
        string organizationId, EventQuery query, string? afterEventId, int limit, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        inner.ListAsync(organizationId, query, afterEventId, limit, notBefore, cancellationToken);
}

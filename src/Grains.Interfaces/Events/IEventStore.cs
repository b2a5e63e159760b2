using Layers.Common;

namespace Layers.Events;

/// <summary>
/// The organizations' event log: where outboxes hand their events and what <c>GET /v1/events</c> reads. Appending
/// is idempotent by event id, so an outbox may hand the same event on again after a crash.
/// </summary>
public interface IEventStore
{
    Task AppendAsync(IReadOnlyCollection<EventRecord> events, CancellationToken cancellationToken);

    /// <summary>The organization's matching events newest first, not older than <paramref name="notBefore"/>.</summary>
    Task<Page<EventRecord>> ListAsync(
        string organizationId, EventQuery query, string? afterEventId, int limit, DateTimeOffset notBefore, CancellationToken cancellationToken);
}

using Layers.Common;

namespace Layers.Events;

/// <summary>
/// One organization's events of one UTC day (key <c>evlog_&lt;orgId&gt;_&lt;yyyyMMdd&gt;</c>). Appending is idempotent by
/// event id, so an outbox may hand the same event on more than once.
/// </summary>
[Alias("Layers.IEventLogGrain")]
public interface IEventLogGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task AppendAsync(IReadOnlyList<EventRecord> events);

    /// <summary>Matching events newest first, starting below <paramref name="before"/> (an index; null for the newest).</summary>
    [Alias("List")]
    Task<EventSlice> ListAsync(EventQuery query, int? before, int limit);
}

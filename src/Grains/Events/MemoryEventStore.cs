using Layers.Common;

namespace Layers.Events;

/// <summary>The event log of trial mode: in memory, like everything else there.</summary>
public sealed class MemoryEventStore : IEventStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedList<string, EventRecord>> _byOrganization = new(StringComparer.Ordinal);

    public Task AppendAsync(IReadOnlyCollection<EventRecord> events, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var record in events)
            {
                if (!_byOrganization.TryGetValue(record.OrganizationId, out var log))
                {
                    _byOrganization[record.OrganizationId] = log = new SortedList<string, EventRecord>(StringComparer.Ordinal);
                }

                log.TryAdd(record.Id, record);
            }
        }

        return Task.CompletedTask;
    }

    public Task<Page<EventRecord>> ListAsync(
        string organizationId, EventQuery query, string? afterEventId, int limit, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_byOrganization.TryGetValue(organizationId, out var log))
            {
                return Task.FromResult(new Page<EventRecord>([], null));
            }

            var matches = log.Values.Reverse()
                .Where(e => afterEventId is null || string.CompareOrdinal(e.Id, afterEventId) < 0)
                .Where(e => e.CreatedAt >= notBefore && query.Matches(e))
                .Take(limit + 1)
                .ToList();
            return Task.FromResult(matches.Count > limit
                ? new Page<EventRecord>(matches[..limit], matches[limit - 1].Id)
                : new Page<EventRecord>(matches, null));
        }
    }
}

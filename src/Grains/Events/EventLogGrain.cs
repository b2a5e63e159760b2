using Layers.Common;
using Layers.Organizations;

namespace Layers.Events;

internal sealed class EventLogGrain(
    [PersistentState("eventlog", StorageNames.Layers)] IPersistentState<EventLogState> state) : Grain, IEventLogGrain
{
    private HashSet<string>? _ids;

    public async Task AppendAsync(IReadOnlyList<EventRecord> events)
    {
        _ids ??= [.. state.State.Events.Select(e => e.Id)];
        var wasEmpty = state.State.Events.Count == 0;
        var added = false;
        foreach (var record in events.OrderBy(e => e.CreatedAt))
        {
            if (_ids.Add(record.Id))
            {
                state.State.Events.Add(record);
                added = true;
            }
        }

        if (!added)
        {
            return;
        }

        await state.WriteStateAsync();
        if (wasEmpty)
        {
            var organizationId = events[0].OrganizationId;
            await GrainFactory.GetGrain<IOrganizationGrain>(organizationId).NoteEventDayAsync(EventLog.Day(events[0].CreatedAt));
        }
    }

    public Task<EventSlice> ListAsync(EventQuery query, int? before, int limit)
    {
        var events = state.State.Events;
        var results = new List<EventRecord>();
        var index = Math.Min(before ?? events.Count, events.Count) - 1;
        for (; index >= 0 && results.Count < limit; index--)
        {
            var candidate = events[index];
            if ((query.ProjectId is null || candidate.ProjectId == query.ProjectId) && (query.Type is null || candidate.Type == query.Type))
            {
                results.Add(candidate);
            }
        }

        return Task.FromResult(new EventSlice(results, index >= 0 ? index + 1 : null));
    }
}

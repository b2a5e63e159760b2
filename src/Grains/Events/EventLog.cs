namespace Layers.Events;

public static class EventLog
{
    /// <summary>How long events stay listable at <c>GET /v1/events</c>.</summary>
    public static readonly TimeSpan Retention = EventRetention.Period;

    /// <summary>Hands events to the event log. Appends are idempotent, so a retry after a crash is harmless.</summary>
    public static Task AppendAsync(IGrainFactory grains, IReadOnlyCollection<EventRecord> events) =>
        events.Count == 0 ? Task.CompletedTask : grains.GetGrain<IEventLogGrain>(0).AppendAsync([.. events]);
}

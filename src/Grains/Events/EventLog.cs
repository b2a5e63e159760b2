using System.Globalization;

namespace Layers.Events;

/// <summary>How events are partitioned: one log grain per organization and UTC day.</summary>
public static class EventLog
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string GrainKey(string organizationId, string day) => $"evlog_{organizationId}_{day}";

    /// <summary>Hands events to their day logs. Appends are idempotent, so a retry after a crash is harmless.</summary>
    public static Task AppendAsync(IGrainFactory grains, IReadOnlyCollection<EventRecord> events) =>
        Task.WhenAll(events
            .GroupBy(e => (e.OrganizationId, Day: Day(e.CreatedAt)))
            .Select(g => grains.GetGrain<IEventLogGrain>(GrainKey(g.Key.OrganizationId, g.Key.Day)).AppendAsync([.. g])));
}

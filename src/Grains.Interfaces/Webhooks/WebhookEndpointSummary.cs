using Layers.Events;

namespace Layers.Webhooks;

/// <summary>What the organization's directory knows of an endpoint: enough to route events to it.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookEndpointSummary(
    [property: Id(0)] string EndpointId,
    [property: Id(1)] Guid? ProjectId,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] long Version)
{
    public const string AllEvents = "*";

    /// <summary>
    /// True when the endpoint subscribes to the event: its type (or <c>*</c>), its project when the endpoint has one,
    /// and recorded after the endpoint was created (an outbox handing an old event on again does not backfill).
    /// </summary>
    public bool Matches(EventRecord record) =>
        (Events.Contains(AllEvents) || Events.Contains(record.Type))
        && (ProjectId is null || ProjectId == record.ProjectId)
        && record.CreatedAt >= CreatedAt.AddSeconds(-1);
}

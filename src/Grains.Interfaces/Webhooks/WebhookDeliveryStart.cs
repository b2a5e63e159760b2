using Layers.Events;

namespace Layers.Webhooks;

/// <summary>What a delivery is made of: the event, the endpoint, and the delivery it replays (if any).</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookDeliveryStart(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] string EndpointId,
    [property: Id(2)] EventRecord Event,
    [property: Id(3)] string? ReplayOf);

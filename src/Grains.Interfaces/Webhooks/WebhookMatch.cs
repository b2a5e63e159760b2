namespace Layers.Webhooks;

/// <summary>One event to be delivered to one endpoint.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookMatch([property: Id(0)] string EventId, [property: Id(1)] string EndpointId);

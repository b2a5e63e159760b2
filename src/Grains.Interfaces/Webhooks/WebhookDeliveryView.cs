namespace Layers.Webhooks;

/// <summary>One event sent to one endpoint, with every attempt (at most eight).</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookDeliveryView(
    [property: Id(0)] string Id,
    [property: Id(1)] string EndpointId,
    [property: Id(2)] string EventId,
    [property: Id(3)] string EventType,
    [property: Id(4)] string Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] DateTimeOffset? CompletedAt,
    [property: Id(8)] string? ReplayOf,
    [property: Id(9)] WebhookError? LastError,
    [property: Id(10)] IReadOnlyList<WebhookAttempt> Attempts);

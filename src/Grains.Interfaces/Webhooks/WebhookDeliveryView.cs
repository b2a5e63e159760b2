using Layers.Common;

namespace Layers.Webhooks;

/// <summary>One event sent to one endpoint, with every attempt.</summary>
/// <remarks>One event sent to one endpoint, with every attempt (at most eight).</remarks>
/// <param name="Id">The delivery's id (`whd_…`).</param>
/// <param name="EndpointId">The endpoint's id (`whe_…`).</param>
/// <param name="EventId">The event's id (`evt_…`), also sent as `X-Layers-Event-Id`.</param>
/// <param name="EventType">The event's type, also sent as `X-Layers-Event-Type`.</param>
/// <param name="Status">
/// `pending` (an attempt is due), `delivered` (an attempt got a 2xx within 10 s) or `failed` (the retries after 30 s, 1
/// min, 5 min, 15 min, 1 h, 6 h and 24 h ran out, or the endpoint was deleted).
/// </param>
/// <param name="CreatedAt">When the delivery was created (ISO-8601, UTC).</param>
/// <param name="NextAttemptAt">When the next attempt is due (ISO-8601, UTC). Null once `delivered` or `failed`.</param>
/// <param name="CompletedAt">When the delivery was delivered or failed (ISO-8601, UTC). Null while `pending`.</param>
/// <param name="ReplayOf">The delivery this one replays (`whd_…`); null for a first delivery.</param>
/// <param name="LastError">Why the last attempt failed, or why the delivery waits; null once delivered.</param>
/// <param name="Attempts">Every attempt, oldest first; at most eight.</param>
[GenerateSerializer, Immutable]
public sealed record WebhookDeliveryView(
    [property: Id(0)] string Id,
    [property: Id(1)] string EndpointId,
    [property: Id(2)] string EventId,
    [property: Id(3), OneOf(typeof(Layers.Events.EventTypes))] string EventType,
    [property: Id(4), OneOf(typeof(WebhookDeliveryStatus))] string Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] DateTimeOffset? CompletedAt,
    [property: Id(8)] string? ReplayOf,
    [property: Id(9)] WebhookError? LastError,
    [property: Id(10)] IReadOnlyList<WebhookAttempt> Attempts);

using Layers.Common;

namespace Layers.Webhooks;

/// <summary>A webhook endpoint. Never carries a signing secret.</summary>
/// <remarks>A webhook endpoint as partners see it. Never carries a signing secret.</remarks>
/// <param name="Id">The endpoint's id (`whe_…`).</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Events">The event types it receives; `["*"]` for all.</param>
/// <param name="ProjectId">
/// Only this project's events are sent (a UUID); null for every event of the organization.
/// </param>
/// <param name="Description">A note for people; null for none.</param>
/// <param name="Status">
/// `active`, `paused` (by the partner) or `auto_paused` (after 20 consecutive failed attempts). A paused endpoint is
/// sent nothing; its deliveries wait until it is `active` again.
/// </param>
/// <param name="ConsecutiveFailures">
/// Failed attempts in a row; 20 make the endpoint `auto_paused`. 0 after a delivery.
/// </param>
/// <param name="CreatedAt">
/// When the endpoint was created (ISO-8601, UTC). It receives events recorded after this.
/// </param>
/// <param name="UpdatedAt">When the endpoint last changed (ISO-8601, UTC).</param>
/// <param name="PreviousSecretExpiresAt">
/// After a rotation, when the previous secret stops signing (24 hours later) (ISO-8601, UTC). Null when only one secret
/// signs.
/// </param>
[GenerateSerializer, Immutable]
public sealed record WebhookEndpointView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2), OneOf(typeof(Layers.Events.EventTypes), nameof(Layers.Events.EventTypes.Subscribable))] IReadOnlyList<string> Events,
    [property: Id(3)] Guid? ProjectId,
    [property: Id(4)] string? Description,
    [property: Id(5), OneOf(WebhookEndpointStatus.Active, WebhookEndpointStatus.Paused, WebhookEndpointStatus.AutoPaused)] string Status,
    [property: Id(6)] int ConsecutiveFailures,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] DateTimeOffset? PreviousSecretExpiresAt);

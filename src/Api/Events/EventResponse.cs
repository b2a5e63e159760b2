using System.Text.Json;
using Layers.Events;

namespace Layers.Api.Events;

/// <summary>An event: the object webhooks deliver and `GET /v1/events` lists.</summary>
/// <remarks>An event as webhooks deliver it: <c>{id, type, createdAt, projectId, data}</c>.</remarks>
/// <param name="Id">The event's id (`evt_…`). Receivers dedupe on it: delivery is at least once.</param>
/// <param name="Type">
/// One of `social_account.connected`, `social_account.needs_reauth`, `social_account.revoked`,
/// `lease_request.assigned`, `lease_request.rejected`, `leased_account.renewed`, `leased_account.renewal_failed`,
/// `post.scheduled`, `post.published`, `post.failed`, `post.canceled` or `test.ping`.
/// </param>
/// <param name="CreatedAt">When the event happened (ISO-8601, UTC).</param>
/// <param name="ProjectId">The project the event belongs to (a UUID); null for an organization-wide event.</param>
/// <param name="Data">
/// The resource the event is about, as the API shows it: a social account for `social_account.*` (with `reconnected:
/// true` after a reauth), a lease request for `lease_request.*`, the leased account with the billed `periodStart`,
/// `periodEnd` and `amountCents` for `leased_account.*`, a scheduled post for `post.*`, and `{webhookEndpointId,
/// message}` for `test.ping`.
/// </param>
public sealed record EventResponse(string Id, string Type, DateTimeOffset CreatedAt, Guid? ProjectId, JsonElement Data)
{
    public static EventResponse From(EventRecord record) =>
        new(record.Id, record.Type, record.CreatedAt, record.ProjectId, JsonDocument.Parse(record.DataJson).RootElement.Clone());
}

using System.ComponentModel.DataAnnotations;
using Layers.Api.OpenApi;
using Layers.Common;
using Layers.Events;

namespace Layers.Api.Webhooks;

/// <summary>A new webhook endpoint.</summary>
/// <param name="Url">
/// Where events are POSTed: an `https` URL. Hosts resolving to private, loopback, link-local or cloud-metadata
/// addresses are refused (`422`), except that trial mode accepts `http://localhost` and `http://127.0.0.1`. Required.
/// </param>
/// <param name="Events">
/// The event types to receive (1–50), or `["*"]` for all; an unknown type is `422`. One of `social_account.connected`,
/// `social_account.needs_reauth`, `social_account.revoked`, `lease_request.assigned`, `lease_request.rejected`,
/// `leased_account.renewed`, `leased_account.renewal_failed`, `post.scheduled`, `post.published`, `post.failed`,
/// `post.canceled` or `test.ping`. Required.
/// </param>
/// <param name="Description">A note for people, at most 500 characters; optional.</param>
/// <param name="ProjectId">Only events of this project (a UUID); left out, every event of the organization.</param>
[RequestExample("""{"url": "https://hooks.partner.example/layers", "events": ["post.published", "post.failed", "social_account.needs_reauth"], "description": "production"}""")]
public sealed record CreateWebhookEndpointRequest(
    [property: Required, StringLength(2048)] string? Url,
    [property: Required, Length(1, 50), OneOf(typeof(EventTypes), nameof(EventTypes.Subscribable))] List<string?>? Events,
    [property: StringLength(500)] string? Description,
    [property: RegularExpression(WirePatterns.Uuid)] string? ProjectId);

/// <summary>Changes to a webhook endpoint: fields left out stay as they are.</summary>
/// <remarks>
/// The documented shape of a webhook endpoint PATCH. The handler reads the body as raw JSON, because an absent field
/// (left as it is) and an explicit null (<c>description</c> cleared) mean different things.
/// </remarks>
/// <param name="Url">
/// Where events are POSTed: an `https` URL. Hosts resolving to private, loopback, link-local or cloud-metadata
/// addresses are refused (`422`), except that trial mode accepts `http://localhost` and `http://127.0.0.1`.
/// </param>
/// <param name="Events">
/// The event types to receive (1–50), or `["*"]` for all; an unknown type is `422`. One of `social_account.connected`,
/// `social_account.needs_reauth`, `social_account.revoked`, `lease_request.assigned`, `lease_request.rejected`,
/// `leased_account.renewed`, `leased_account.renewal_failed`, `post.scheduled`, `post.published`, `post.failed`,
/// `post.canceled` or `test.ping`.
/// </param>
/// <param name="Description">A note for people, at most 500 characters; `null` clears it.</param>
/// <param name="Status">
/// `active` or `paused`. Setting `active` resumes a paused or `auto_paused` endpoint and clears its failure count.
/// </param>
[RequestExample("""{"events": ["*"], "status": "active"}""")]
public sealed record UpdateWebhookEndpointRequest(
    [property: StringLength(2048)] string? Url,
    [property: Length(1, 50), OneOf(typeof(EventTypes), nameof(EventTypes.Subscribable))] List<string?>? Events,
    [property: StringLength(500)] string? Description,
    [property: OneOf("active", "paused")] string? Status);

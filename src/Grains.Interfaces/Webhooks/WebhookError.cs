namespace Layers.Webhooks;

/// <summary>Why a webhook attempt or delivery did not succeed.</summary>
/// <param name="Code">
/// `timeout` (no complete answer within 10 s), `connection_failed` (DNS, TCP or TLS failed), `address_refused` (the
/// host resolves to an address webhooks may not reach), `unexpected_status` (an answer other than 2xx; redirects are
/// not followed), `interrupted` (cut short by a restart; the event is sent again), `endpoint_paused` or
/// `endpoint_deleted`.
/// </param>
/// <param name="Message">A human-readable explanation; wording may change.</param>
[GenerateSerializer, Immutable]
public sealed record WebhookError([property: Id(0)] string Code, [property: Id(1)] string Message);

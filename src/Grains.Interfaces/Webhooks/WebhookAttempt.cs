namespace Layers.Webhooks;

/// <summary>One POST to the endpoint.</summary>
/// <remarks>
/// One POST to the endpoint: when, what came back (status, the start of the body) and how long it took.
/// </remarks>
/// <param name="Number">1 for the first attempt, up to 8.</param>
/// <param name="At">When the POST was sent (ISO-8601, UTC).</param>
/// <param name="ResponseStatus">The HTTP status the endpoint answered; null when no answer came.</param>
/// <param name="Error">
/// Null when delivered; otherwise `timeout` (no complete answer within 10 s), `connection_failed` (DNS, TCP or TLS
/// failed), `address_refused` (the host resolves to an address webhooks may not reach), `unexpected_status` (an answer
/// other than 2xx; redirects are not followed), `interrupted` (cut short by a restart; the event is sent again),
/// `endpoint_paused` or `endpoint_deleted`.
/// </param>
/// <param name="DurationMs">How long the exchange took, in milliseconds.</param>
/// <param name="ResponseBody">The start of the answer's body (at most 512 characters); null when it was empty.</param>
[GenerateSerializer, Immutable]
public sealed record WebhookAttempt(
    [property: Id(0)] int Number,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int? ResponseStatus,
    [property: Id(3)] string? Error,
    [property: Id(4)] long DurationMs,
    [property: Id(5)] string? ResponseBody);

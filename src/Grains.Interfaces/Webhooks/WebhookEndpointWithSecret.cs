namespace Layers.Webhooks;

/// <summary>An endpoint and its signing secret: the only answer that shows the secret.</summary>
/// <remarks>The answer to creating an endpoint or rotating its secret: the only time the secret is shown.</remarks>
/// <param name="Endpoint">The endpoint.</param>
/// <param name="SigningSecret">
/// The signing secret (`whsec_…`): the HMAC-SHA256 key, as UTF-8 bytes, of `X-Layers-Signature`. Shown this once; store
/// it.
/// </param>
[GenerateSerializer, Immutable]
public sealed record WebhookEndpointWithSecret(
    [property: Id(0)] WebhookEndpointView Endpoint,
    [property: Id(1)] string SigningSecret);

namespace Layers.Webhooks;

/// <summary>The answer to creating an endpoint or rotating its secret: the only time the secret is shown.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookEndpointWithSecret(
    [property: Id(0)] WebhookEndpointView Endpoint,
    [property: Id(1)] string SigningSecret);

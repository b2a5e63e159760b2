namespace Layers.Webhooks;

[GenerateSerializer, Immutable]
public sealed record WebhookError([property: Id(0)] string Code, [property: Id(1)] string Message);

namespace Layers.Webhooks;

/// <summary>A webhook endpoint as partners see it. Never carries a signing secret.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookEndpointView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] Guid? ProjectId,
    [property: Id(4)] string? Description,
    [property: Id(5)] string Status,
    [property: Id(6)] int ConsecutiveFailures,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] DateTimeOffset? PreviousSecretExpiresAt);

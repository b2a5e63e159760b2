namespace Layers.Webhooks;

/// <summary>A validated partial update; null fields stay as they are.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookEndpointPatch(
    [property: Id(0)] string? Url,
    [property: Id(1)] IReadOnlyList<string>? Events,
    [property: Id(2)] string? Description,
    [property: Id(3)] bool ClearDescription,
    [property: Id(4)] string? Status);

namespace Layers.Webhooks;

/// <summary>A validated new endpoint.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookEndpointDraft(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Events,
    [property: Id(3)] string? Description,
    [property: Id(4)] Guid? ProjectId);

namespace Layers.Leasing;

/// <summary>A validated request for leased accounts, as the partner submitted it.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaseRequestDraft(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] int Count,
    [property: Id(3)] LeaseNiche Niche,
    [property: Id(4)] string? Target,
    [property: Id(5)] string? Note);

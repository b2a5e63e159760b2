namespace Layers.Leasing;

/// <summary>A lease request as operators see it: the partner's view and the organization it belongs to.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaseReviewEntry(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] LeaseRequestView Request);

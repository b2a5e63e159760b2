namespace Layers.Leasing;

/// <summary>A pool account wanted by a lease request, and the id its leased account will have.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolClaim(
    [property: Id(0)] string PoolAccountId,
    [property: Id(1)] string SocialAccountId);

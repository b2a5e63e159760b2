namespace Layers.Leasing;

/// <summary>One account of an assignment under way: the pool account, the leased account id chosen for it, its price.</summary>
[GenerateSerializer, Immutable]
public sealed record PlannedLease(
    [property: Id(0)] string PoolAccountId,
    [property: Id(1)] string SocialAccountId,
    [property: Id(2)] long MonthlyPriceCents);

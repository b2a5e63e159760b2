using Layers.SocialAccounts;

namespace Layers.Leasing;

/// <summary>Makes a social account the leased copy of a pool account, its first month already paid.</summary>
[GenerateSerializer, Immutable]
public sealed record LeaseAssignCommand(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] string LeaseRequestId,
    [property: Id(3)] PoolReservation Pool,
    [property: Id(4)] DateTimeOffset AssignedAt,
    [property: Id(5)] long MonthlyPriceCents);

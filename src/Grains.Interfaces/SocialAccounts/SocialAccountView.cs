namespace Layers.SocialAccounts;

/// <summary>
/// The one shape partners see for every social account, connected or leased (API.md §3). Lease fields are null for
/// connected accounts. Never carries a token.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SocialAccountView(
    [property: Id(0)] string SocialAccountId,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2)] string Platform,
    [property: Id(3)] bool Leased,
    [property: Id(4)] string Handle,
    [property: Id(5)] string? DisplayName,
    [property: Id(6)] string? AvatarUrl,
    [property: Id(7)] string PlatformUserId,
    [property: Id(8)] string Status,
    [property: Id(9)] IReadOnlyList<string> Scopes,
    [property: Id(10)] DateTimeOffset ConnectedAt,
    [property: Id(11)] DateTimeOffset? TokenExpiresAt,
    [property: Id(12)] DateTimeOffset? DisconnectedAt,
    [property: Id(13)] string? DisconnectedReason,
    [property: Id(14)] DateTimeOffset? AssignedAt,
    [property: Id(15)] DateTimeOffset? NextRenewalAt,
    [property: Id(16)] long? MonthlyPriceCents,
    [property: Id(17)] string? LeaseRequestId);

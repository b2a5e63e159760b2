using Layers.Common;

namespace Layers.Leasing;

/// <summary>
/// A warmed account of the pool. Its credentials never leave the pool; only their lifetimes are shown.
/// </summary>
/// <remarks>A pool account as operators see it. Credentials never leave the pool; only their lifetimes do.</remarks>
/// <param name="Id">The pool account's id (`pool_…`).</param>
/// <param name="Platform">Always `tiktok`.</param>
/// <param name="Handle">The account's handle on TikTok.</param>
/// <param name="DisplayName">The profile's display name; null for none.</param>
/// <param name="PlatformUserId">The platform's own stable id of the account's user.</param>
/// <param name="Niche">What the accounts are about: `vertical` (required), `audience`, `language` and `geo`.</param>
/// <param name="Scopes">The scopes its tokens grant.</param>
/// <param name="Status">`available` (ready to assign) or `bound` (assigned to a lease request).</param>
/// <param name="LeaseRequestId">The lease request it is bound to (`lreq_…`); null while `available`.</param>
/// <param name="SocialAccountId">The leased account it became (`sa_…`); null while `available`.</param>
/// <param name="BoundAt">When it was bound to a lease request (ISO-8601, UTC). Null while `available`.</param>
/// <param name="AddedAt">When it was added to the pool (ISO-8601, UTC).</param>
/// <param name="TokenExpiresAt">When its access token expires (ISO-8601, UTC).</param>
/// <param name="RefreshTokenExpiresAt">When its refresh token expires (ISO-8601, UTC). Null when unknown.</param>
/// <param name="TimesLeased">How many times it has been leased.</param>
[GenerateSerializer, Immutable]
public sealed record PoolAccountView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Platform,
    [property: Id(2)] string Handle,
    [property: Id(3)] string? DisplayName,
    [property: Id(4)] string PlatformUserId,
    [property: Id(5)] LeaseNiche Niche,
    [property: Id(6)] IReadOnlyList<string> Scopes,
    [property: Id(7), OneOf(typeof(PoolAccountStatus))] string Status,
    [property: Id(8)] string? LeaseRequestId,
    [property: Id(9)] string? SocialAccountId,
    [property: Id(10)] DateTimeOffset? BoundAt,
    [property: Id(11)] DateTimeOffset AddedAt,
    [property: Id(12)] DateTimeOffset TokenExpiresAt,
    [property: Id(13)] DateTimeOffset? RefreshTokenExpiresAt,
    [property: Id(14)] int TimesLeased);

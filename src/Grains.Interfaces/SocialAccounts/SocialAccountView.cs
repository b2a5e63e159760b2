using Layers.Common;

namespace Layers.SocialAccounts;

/// <summary>
/// A social account, connected by a customer or leased from Layers (both share this shape; lease fields are null for
/// connected accounts). Never carries a token.
/// </summary>
/// <remarks>
/// The one shape partners see for every social account, connected or leased (API.md §3). Lease fields are null for
/// connected accounts. Never carries a token.
/// </remarks>
/// <param name="SocialAccountId">The social account's id (`sa_…`). It stays the same across reconnects.</param>
/// <param name="ProjectId">The project's id (a UUID).</param>
/// <param name="Platform">The platform: `tiktok` or `instagram`.</param>
/// <param name="Leased">
/// True for an account leased from Layers' warmed pool, false for one a customer connected.
/// </param>
/// <param name="Handle">The account's handle on the platform, e.g. `acme.coffee`.</param>
/// <param name="DisplayName">The profile's display name; null when the platform gives none.</param>
/// <param name="AvatarUrl">The profile picture's URL; null when the platform gives none.</param>
/// <param name="PlatformUserId">The platform's own stable id of the account's user.</param>
/// <param name="Status">
/// `connected`, `reauth_required` (the platform no longer accepts the token: reconnect with reauth-url; posts due
/// meanwhile fail with `CREDENTIAL_INVALID`) or `disconnected` (revoked or released; final).
/// </param>
/// <param name="Scopes">The platform scopes the account's tokens grant, e.g. `video.publish`.</param>
/// <param name="ConnectedAt">When the account was last connected or reconnected (ISO-8601, UTC).</param>
/// <param name="TokenExpiresAt">
/// When the current access token expires (ISO-8601, UTC). Layers refreshes it before then. Null when unknown or
/// disconnected.
/// </param>
/// <param name="DisconnectedAt">When the account was disconnected (ISO-8601, UTC). Null unless `disconnected`.</param>
/// <param name="DisconnectedReason">
/// `revoked_by_partner`, `released_by_partner` or `payment_failed` (a leased account whose renewal went unpaid for 7
/// days); null unless `disconnected`.
/// </param>
/// <param name="AssignedAt">
/// Leased accounts: when the account was assigned to the project (ISO-8601, UTC). Null for connected accounts.
/// </param>
/// <param name="NextRenewalAt">
/// Leased accounts: when the next monthly charge is due (ISO-8601, UTC). Null for connected accounts and once released.
/// </param>
/// <param name="MonthlyPriceCents">
/// Leased accounts: The monthly price in US cents (15000 is $150.00). Null for connected accounts.
/// </param>
/// <param name="LeaseRequestId">
/// Leased accounts: the lease request the account was assigned to (`lreq_…`). Null for connected accounts.
/// </param>
[GenerateSerializer, Immutable]
public sealed record SocialAccountView(
    [property: Id(0)] string SocialAccountId,
    [property: Id(1)] Guid ProjectId,
    [property: Id(2), OneOf(typeof(PlatformNames), nameof(PlatformNames.Supported))] string Platform,
    [property: Id(3)] bool Leased,
    [property: Id(4)] string Handle,
    [property: Id(5)] string? DisplayName,
    [property: Id(6)] string? AvatarUrl,
    [property: Id(7)] string PlatformUserId,
    [property: Id(8), OneOf(typeof(SocialAccountStatus))] string Status,
    [property: Id(9)] IReadOnlyList<string> Scopes,
    [property: Id(10)] DateTimeOffset ConnectedAt,
    [property: Id(11)] DateTimeOffset? TokenExpiresAt,
    [property: Id(12)] DateTimeOffset? DisconnectedAt,
    [property: Id(13)] string? DisconnectedReason,
    [property: Id(14)] DateTimeOffset? AssignedAt,
    [property: Id(15)] DateTimeOffset? NextRenewalAt,
    [property: Id(16)] long? MonthlyPriceCents,
    [property: Id(17)] string? LeaseRequestId);

using Layers.Common;

namespace Layers.SocialAccounts;

/// <summary>How an account's token and publishing are doing.</summary>
/// <param name="SocialAccountId">The social account's id (`sa_…`).</param>
/// <param name="Status">`connected`, `reauth_required` or `disconnected`.</param>
/// <param name="TokenExpiresAt">
/// When the current access token expires (ISO-8601, UTC). Null when unknown or disconnected.
/// </param>
/// <param name="LastRefreshAt">When the token was last refreshed (ISO-8601, UTC). Null if it never was.</param>
/// <param name="LastRefreshError">
/// Why the last refresh failed (the platform's error code or reason); null after a successful one.
/// </param>
/// <param name="ConsecutiveRefreshFailures">Refreshes that failed in a row; 0 after a success.</param>
/// <param name="QueuedPosts">Posts to this account waiting in `queued`.</param>
/// <param name="LastPublishAt">When a post was last handed to the platform (ISO-8601, UTC). Null if none was.</param>
/// <param name="LastPublishError">
/// The error code of the last failed publish (as in a post's `lastError.code`); null after a success.
/// </param>
[GenerateSerializer, Immutable]
public sealed record SocialAccountHealth(
    [property: Id(0)] string SocialAccountId,
    [property: Id(1), OneOf(typeof(SocialAccountStatus))] string Status,
    [property: Id(2)] DateTimeOffset? TokenExpiresAt,
    [property: Id(3)] DateTimeOffset? LastRefreshAt,
    [property: Id(4)] string? LastRefreshError,
    [property: Id(5)] int ConsecutiveRefreshFailures,
    [property: Id(6)] int QueuedPosts,
    [property: Id(7)] DateTimeOffset? LastPublishAt,
    [property: Id(8)] string? LastPublishError);

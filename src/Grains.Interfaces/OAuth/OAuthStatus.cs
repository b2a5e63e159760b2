using Layers.Common;

namespace Layers.OAuth;

/// <summary>How a consent attempt ended.</summary>
/// <remarks>The outcome of one consent attempt as <c>GET /v1/social/oauth-status/:state</c> shows it.</remarks>
/// <param name="State">The attempt's state (`st_…`).</param>
/// <param name="Status">`pending` (the user has not come back yet), `completed`, `failed` or `expired`.</param>
/// <param name="Platform">The platform: `tiktok` or `instagram`.</param>
/// <param name="ProjectId">The project's id (a UUID).</param>
/// <param name="SocialAccountId">The account connected or reconnected (`sa_…`); null unless `completed`.</param>
/// <param name="Error">Why it did not complete; null unless `failed` or `expired`.</param>
/// <param name="ExpiresAt">When the state stops being accepted (ISO-8601, UTC).</param>
/// <param name="CompletedAt">
/// When the user came back and the attempt ended (ISO-8601, UTC). Null while `pending` or once `expired`.
/// </param>
[GenerateSerializer, Immutable]
public sealed record OAuthStatus(
    [property: Id(0)] string State,
    [property: Id(1), OneOf("pending", "completed", "failed", "expired")] string Status,
    [property: Id(2), OneOf(typeof(Layers.SocialAccounts.PlatformNames), nameof(Layers.SocialAccounts.PlatformNames.Supported))] string Platform,
    [property: Id(3)] Guid ProjectId,
    [property: Id(4)] string? SocialAccountId,
    [property: Id(5)] OAuthError? Error,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] DateTimeOffset? CompletedAt);

namespace Layers.OAuth;

/// <summary>The outcome of one consent attempt as <c>GET /v1/social/oauth-status/:state</c> shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record OAuthStatus(
    [property: Id(0)] string State,
    [property: Id(1)] string Status,
    [property: Id(2)] string Platform,
    [property: Id(3)] Guid ProjectId,
    [property: Id(4)] string? SocialAccountId,
    [property: Id(5)] OAuthError? Error,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] DateTimeOffset? CompletedAt);

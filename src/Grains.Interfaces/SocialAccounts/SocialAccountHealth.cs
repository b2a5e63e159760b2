namespace Layers.SocialAccounts;

[GenerateSerializer, Immutable]
public sealed record SocialAccountHealth(
    [property: Id(0)] string SocialAccountId,
    [property: Id(1)] string Status,
    [property: Id(2)] DateTimeOffset? TokenExpiresAt,
    [property: Id(3)] DateTimeOffset? LastRefreshAt,
    [property: Id(4)] string? LastRefreshError,
    [property: Id(5)] int ConsecutiveRefreshFailures,
    [property: Id(6)] int QueuedPosts,
    [property: Id(7)] DateTimeOffset? LastPublishAt,
    [property: Id(8)] string? LastPublishError);

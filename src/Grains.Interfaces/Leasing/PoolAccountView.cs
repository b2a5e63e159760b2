namespace Layers.Leasing;

/// <summary>A pool account as operators see it. Credentials never leave the pool; only their lifetimes do.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolAccountView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Platform,
    [property: Id(2)] string Handle,
    [property: Id(3)] string? DisplayName,
    [property: Id(4)] string PlatformUserId,
    [property: Id(5)] LeaseNiche Niche,
    [property: Id(6)] IReadOnlyList<string> Scopes,
    [property: Id(7)] string Status,
    [property: Id(8)] string? LeaseRequestId,
    [property: Id(9)] string? SocialAccountId,
    [property: Id(10)] DateTimeOffset? BoundAt,
    [property: Id(11)] DateTimeOffset AddedAt,
    [property: Id(12)] DateTimeOffset TokenExpiresAt,
    [property: Id(13)] DateTimeOffset? RefreshTokenExpiresAt,
    [property: Id(14)] int TimesLeased);

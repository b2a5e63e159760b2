using Layers.SocialAccounts;

namespace Layers.Leasing;

/// <summary>A warmed account joining the pool. Its credentials are already encrypted for the pool account's id.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolAccountDraft(
    [property: Id(0)] string Id,
    [property: Id(1)] string Platform,
    [property: Id(2)] string Handle,
    [property: Id(3)] string? DisplayName,
    [property: Id(4)] string PlatformUserId,
    [property: Id(5)] LeaseNiche Niche,
    [property: Id(6)] IReadOnlyList<string> Scopes,
    [property: Id(7)] StoredTokens Credentials);

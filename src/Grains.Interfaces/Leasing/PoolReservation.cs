using Layers.SocialAccounts;

namespace Layers.Leasing;

/// <summary>
/// A pool account held for a lease request: its profile and its credentials, encrypted for the leased account's
/// own id (never in plaintext).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PoolReservation(
    [property: Id(0)] string PoolAccountId,
    [property: Id(1)] string SocialAccountId,
    [property: Id(2)] string Platform,
    [property: Id(3)] string Handle,
    [property: Id(4)] string? DisplayName,
    [property: Id(5)] string PlatformUserId,
    [property: Id(6)] IReadOnlyList<string> Scopes,
    [property: Id(7)] StoredTokens Tokens);

namespace Layers.ApiKeys;

[GenerateSerializer, Immutable]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] IReadOnlyList<string> AllowedReturnDomains,
    [property: Id(5)] string RateLimitTier,
    [property: Id(6)] bool Revoked,
    [property: Id(7)] DateTimeOffset CreatedAt);

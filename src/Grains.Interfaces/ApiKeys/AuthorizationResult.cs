namespace Layers.ApiKeys;

/// <summary>The key behind a request (null when unknown, revoked or the secret does not match) and its rate-limit count.</summary>
[GenerateSerializer, Immutable]
public sealed record AuthorizationResult(
    [property: Id(0)] ApiKeyInfo? Key,
    [property: Id(1)] RateLimitDecision? RateLimit);

namespace Layers.ApiKeys;

/// <summary>The outcome of counting one request against the key's per-minute budget.</summary>
[GenerateSerializer, Immutable]
public sealed record RateLimitDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int Limit,
    [property: Id(2)] int Remaining,
    [property: Id(3)] DateTimeOffset ResetAt);

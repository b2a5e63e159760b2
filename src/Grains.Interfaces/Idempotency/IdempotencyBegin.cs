namespace Layers.Idempotency;

/// <summary>What to do with a request that carries an <c>Idempotency-Key</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record IdempotencyBegin(
    [property: Id(0)] IdempotencyOutcome Outcome,
    [property: Id(1)] StoredResponse? Response);

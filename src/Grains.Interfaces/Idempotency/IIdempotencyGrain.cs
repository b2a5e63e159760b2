namespace Layers.Idempotency;

/// <summary>
/// One idempotency key of one API key on one method and route; keyed by a hash of the three. Holds the first
/// response for 24 hours.
/// </summary>
[Alias("Layers.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    [Alias("Begin")]
    Task<IdempotencyBegin> BeginAsync(byte[] bodyHash, Guid attemptId);

    [Alias("Complete")]
    Task CompleteAsync(Guid attemptId, StoredResponse response);

    /// <summary>Forgets an attempt that ended without a response worth keeping, so the client can try again.</summary>
    [Alias("Abandon")]
    Task AbandonAsync(Guid attemptId);
}

namespace Layers.Idempotency;

public enum IdempotencyOutcome
{
    /// <summary>First time: run the request, then complete or abandon.</summary>
    Proceed,

    /// <summary>Seen before with the same body: send the stored response.</summary>
    Replay,

    /// <summary>Seen before with another body, or the first request is still running.</summary>
    Conflict,
}

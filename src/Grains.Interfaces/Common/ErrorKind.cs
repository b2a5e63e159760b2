namespace Layers.Common;

/// <summary>
/// The stable error codes of the public API. Each maps to exactly one HTTP status in the API's error mapper.
/// </summary>
public enum ErrorKind
{
    Unauthenticated,
    ForbiddenScope,
    ReturnUrlNotAllowed,
    NotFound,
    Conflict,
    IdempotencyConflict,
    Validation,
    PlatformNotSupported,
    ModeNotSupported,
    InsufficientFunds,
    PayloadTooLarge,
    RateLimited,
    Unavailable,
    Internal,

    /// <summary>A request body that is not JSON (415).</summary>
    UnsupportedMediaType,

    /// <summary>A request the web server cannot read (400), answered as a validation error.</summary>
    MalformedRequest,

    /// <summary>A request target longer than the service reads (414), answered as a validation error.</summary>
    UriTooLong,
}

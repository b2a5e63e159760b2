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
}

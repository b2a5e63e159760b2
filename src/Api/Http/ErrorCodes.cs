using Layers.Common;

namespace Layers.Api.Http;

/// <summary>The one mapping from domain error codes to wire codes and HTTP statuses.</summary>
public static class ErrorCodes
{
    public static (int Status, string Code) ToWire(ErrorKind code) => code switch
    {
        ErrorKind.Unauthenticated => (StatusCodes.Status401Unauthorized, "UNAUTHENTICATED"),
        ErrorKind.ForbiddenScope => (StatusCodes.Status403Forbidden, "FORBIDDEN_SCOPE"),
        ErrorKind.ReturnUrlNotAllowed => (StatusCodes.Status403Forbidden, "RETURN_URL_NOT_ALLOWED"),
        ErrorKind.NotFound => (StatusCodes.Status404NotFound, "NOT_FOUND"),
        ErrorKind.Conflict => (StatusCodes.Status409Conflict, "CONFLICT"),
        ErrorKind.IdempotencyConflict => (StatusCodes.Status409Conflict, "IDEMPOTENCY_CONFLICT"),
        ErrorKind.Validation => (StatusCodes.Status422UnprocessableEntity, "VALIDATION"),
        ErrorKind.PlatformNotSupported => (StatusCodes.Status422UnprocessableEntity, "PLATFORM_NOT_SUPPORTED"),
        ErrorKind.ModeNotSupported => (StatusCodes.Status422UnprocessableEntity, "MODE_NOT_SUPPORTED"),
        ErrorKind.InsufficientFunds => (StatusCodes.Status402PaymentRequired, "INSUFFICIENT_FUNDS"),
        ErrorKind.PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE"),
        ErrorKind.RateLimited => (StatusCodes.Status429TooManyRequests, "RATE_LIMITED"),
        ErrorKind.Unavailable => (StatusCodes.Status503ServiceUnavailable, "UNAVAILABLE"),
        ErrorKind.UnsupportedMediaType => (StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"),
        ErrorKind.MalformedRequest => (StatusCodes.Status400BadRequest, "VALIDATION"),
        ErrorKind.UriTooLong => (StatusCodes.Status414UriTooLong, "VALIDATION"),
        _ => (StatusCodes.Status500InternalServerError, "INTERNAL"),
    };
}

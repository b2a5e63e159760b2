namespace Layers.Platforms;

/// <summary>
/// The service's error codes for platform refusals (each platform module says which of its codes mean which), and
/// whether a failed hand-off may have reached the platform after all.
/// </summary>
public static class PlatformErrors
{
    /// <summary>The service's code for media the platform refused (format, size, duration, unreachable URL).</summary>
    public const string MediaRejected = "MEDIA_REJECTED";

    /// <summary>
    /// The service's code for post options the creator no longer allows at the hand-off (a privacy level taken away
    /// since scheduling); the post fails rather than going out with other options.
    /// </summary>
    public const string OptionsNotAllowed = "OPTIONS_NOT_ALLOWED";

    /// <summary>The service's code for any other refusal; the platform's own code goes alongside.</summary>
    public const string PlatformError = "PLATFORM_ERROR";

    /// <summary>
    /// True when the call may have taken effect although no answer said so: the network failed, the call timed out,
    /// or the platform answered with a server error. A hand-off failing this way must be reconciled (status query),
    /// never repeated blindly. A failure with a definite refusal (4xx, a rate limit, an auth error) did not post.
    /// </summary>
    public static bool IsOutcomeUnknown(PlatformException exception) =>
        exception is not PlatformAuthException && !exception.NotSent && (exception.HttpStatus is null || exception.HttpStatus >= 500);

    /// <summary>Network failures that happen before any byte of the request leaves: the platform never saw it.</summary>
    public static bool NeverSent(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.ProxyTunnelError or HttpRequestError.SecureConnectionError;
}

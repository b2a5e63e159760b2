using Layers.SocialAccounts;

namespace Layers.Platforms;

/// <summary>
/// How to read a platform's failure codes when choosing the service's error code for a post: whether the platform
/// refused the media itself (<c>MEDIA_REJECTED</c>) rather than failing for another reason (<c>PLATFORM_ERROR</c>),
/// and whether a failed hand-off may have reached the platform after all.
/// </summary>
public static class PlatformErrors
{
    /// <summary>The service's code for media the platform refused (format, size, duration, unreachable URL).</summary>
    public const string MediaRejected = "MEDIA_REJECTED";

    /// <summary>The service's code for any other refusal; the platform's own code goes alongside.</summary>
    public const string PlatformError = "PLATFORM_ERROR";

    /// <summary>
    /// TikTok init errors and <c>fail_reason</c>s about the media: the file cannot be pulled, or fails the format,
    /// duration, frame rate or picture size checks. <c>invalid_params</c> is here because the only free-form input of
    /// an init request is the media (URLs) and the caption, and captions are validated before posting.
    /// </summary>
    private static readonly HashSet<string> TikTokMediaCodes = new(StringComparer.Ordinal)
    {
        "invalid_params",
        "url_ownership_unverified",
        "file_format_check_failed",
        "duration_check_failed",
        "frame_rate_check_failed",
        "picture_size_check_failed",
        "video_pull_failed",
        "photo_pull_failed",
        "invalid_file_upload",
    };

    private static readonly string[] TikTokMediaWords =
        ["video", "photo", "picture", "image", "format", "duration", "frame", "size", "resolution", "pull"];

    /// <summary>
    /// Instagram error codes and subcodes about the media: image too large or of an unsupported format or aspect
    /// ratio, video of an unsupported format, media that cannot be fetched from its URL, a bad carousel item.
    /// </summary>
    private static readonly HashSet<string> InstagramMediaCodes = new(StringComparer.Ordinal)
    {
        "352", "9004", "36000", "36001", "36003", "36004",
        "2207004", "2207005", "2207009", "2207023", "2207026", "2207028", "2207052",
    };

    /// <summary>
    /// True when <paramref name="platformCode"/> (a <see cref="PlatformException.PlatformCode"/> or a
    /// <see cref="PublishProgress.PlatformCode"/>) says the platform refused the post's media, so the post fails with
    /// <see cref="MediaRejected"/> rather than <see cref="PlatformError"/>.
    /// </summary>
    public static bool IsMediaRejection(string platform, string? platformCode)
    {
        if (string.IsNullOrEmpty(platformCode))
        {
            return false;
        }

        return platform switch
        {
            PlatformNames.TikTok => TikTokMediaCodes.Contains(platformCode)
                || (!platformCode.StartsWith("spam_risk", StringComparison.Ordinal)
                    && TikTokMediaWords.Any(w => platformCode.Contains(w, StringComparison.Ordinal))),
            PlatformNames.Instagram => InstagramMediaCodes.Contains(platformCode),
            _ => false,
        };
    }

    /// <summary>The service's error code for a refusal with <paramref name="platformCode"/>.</summary>
    public static string ErrorCodeFor(string platform, string? platformCode) =>
        IsMediaRejection(platform, platformCode) ? MediaRejected : PlatformError;

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

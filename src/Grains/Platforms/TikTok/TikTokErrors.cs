namespace Layers.Platforms.TikTok;

/// <summary>How TikTok's error codes and <c>fail_reason</c>s read for a post.</summary>
internal static class TikTokErrors
{
    /// <summary>
    /// Init errors and <c>fail_reason</c>s about the media: the file cannot be pulled, or fails the format, duration,
    /// frame rate or picture size checks. <c>invalid_params</c> is here because the only free-form input of an init
    /// request is the media (URLs) and the caption, and captions are validated before posting.
    /// </summary>
    private static readonly HashSet<string> MediaCodes = new(StringComparer.Ordinal)
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

    private static readonly string[] MediaWords =
        ["video", "photo", "picture", "image", "format", "duration", "frame", "size", "resolution", "pull"];

    /// <summary>
    /// Refusals that lift with time: server trouble, and the posting caps (a creator's daily posts, the app's daily
    /// publishing users), which TikTok answers from creator info and init alike.
    /// </summary>
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "internal_error", "server_error", "temporarily_unavailable", "spam_risk_too_many_posts", "reached_active_user_cap",
        "spam_risk_too_many_pending_share",
    };

    public static bool IsMediaRejection(string? platformCode) =>
        !string.IsNullOrEmpty(platformCode)
        && (MediaCodes.Contains(platformCode)
            || (!platformCode.StartsWith("spam_risk", StringComparison.Ordinal)
                && MediaWords.Any(w => platformCode.Contains(w, StringComparison.Ordinal))));

    public static bool IsTransient(string? platformCode) => platformCode is not null && TransientCodes.Contains(platformCode);

    /// <summary>Init refusals about the post's options: the privacy level is not among the creator's current options.</summary>
    public static bool IsOptionsRefusal(string? platformCode) => platformCode == PrivacyMismatch;

    public const string PrivacyMismatch = "privacy_level_option_mismatch";

    public static string ErrorCodeFor(string? platformCode) =>
        IsOptionsRefusal(platformCode) ? PlatformErrors.OptionsNotAllowed
        : IsMediaRejection(platformCode) ? PlatformErrors.MediaRejected
        : PlatformErrors.PlatformError;
}

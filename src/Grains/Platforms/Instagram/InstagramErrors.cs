namespace Layers.Platforms.Instagram;

/// <summary>How the Graph API's error codes and subcodes read for a post.</summary>
internal static class InstagramErrors
{
    /// <summary>
    /// Codes and subcodes about the media: image too large or of an unsupported format or aspect ratio, video of an
    /// unsupported format, media that cannot be fetched from its URL, a bad carousel item.
    /// </summary>
    private static readonly HashSet<string> MediaCodes = new(StringComparer.Ordinal)
    {
        "352", "9004", "36000", "36001", "36003", "36004",
        "2207004", "2207005", "2207009", "2207023", "2207026", "2207028", "2207052",
    };

    /// <summary>
    /// Call limits: application (4), user (17), Pages (32), custom (613) and the Instagram business use case (80002);
    /// and the account's 24-hour publishing quota (code 9, subcode 2207042).
    /// </summary>
    private static readonly HashSet<string> RateLimitCodes = new(StringComparer.Ordinal) { "4", "9", "17", "32", "613", "80002", "2207042" };

    public static bool IsMediaRejection(string? platformCode) => platformCode is not null && MediaCodes.Contains(platformCode);

    public static bool IsRateLimit(string? code, string? subcode) =>
        (code is not null && RateLimitCodes.Contains(code)) || (subcode is not null && RateLimitCodes.Contains(subcode));

    public static string ErrorCodeFor(string? platformCode) =>
        IsMediaRejection(platformCode) ? PlatformErrors.MediaRejected : PlatformErrors.PlatformError;
}

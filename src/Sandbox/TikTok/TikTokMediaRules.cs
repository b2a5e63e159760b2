using Layers.Media;
using Layers.Publishing;

namespace Layers.Sandbox.TikTok;

/// <summary>
/// What TikTok checks of the media it pulled or received, from the Media Transfer Guide's "Video restrictions" and
/// "Image restrictions" (developers.tiktok.com/doc/content-posting-api-media-transfer-guide), each failure named by the
/// <c>fail_reason</c> the status fetch reports (content-posting-api-reference-get-video-status).
/// </summary>
internal static class TikTokMediaRules
{
    public const long MaxVideoBytes = 4L << 30;
    private const int MaxVideoSeconds = 600;
    private const int MinSide = 360;
    private const int MaxSide = 4096;
    public const long MaxPhotoBytes = 20L << 20;

    /// <summary>Video formats: MP4, WebM, MOV.</summary>
    private static readonly string[] VideoTypes = [MediaTypes.Mp4, MediaTypes.WebM, MediaTypes.QuickTime];

    /// <summary>Image formats: WebP and JPEG.</summary>
    private static readonly string[] PhotoTypes = [MediaTypes.Jpeg, MediaTypes.WebP];

    /// <summary>The <c>fail_reason</c> for a video, or null when TikTok takes it; <paramref name="creatorMaxSeconds"/> applies to direct posts.</summary>
    public static string? VideoFailure(MediaFacts? facts, string? problem, int? creatorMaxSeconds)
    {
        if (facts is null)
        {
            return problem == AssetProblemCodes.MediaUnreachable ? "video_pull_failed" : "file_format_check_failed";
        }

        if (!VideoTypes.Contains(facts.MimeType) || facts.Bytes > MaxVideoBytes)
        {
            return "file_format_check_failed";
        }

        if (facts.DurationMs > Math.Min(MaxVideoSeconds, creatorMaxSeconds ?? MaxVideoSeconds) * 1000L)
        {
            return "duration_check_failed";
        }

        if (facts.FrameRate is < 23 or > 60)
        {
            return "frame_rate_check_failed";
        }

        return facts.Width is < MinSide or > MaxSide || facts.Height is < MinSide or > MaxSide ? "picture_size_check_failed" : null;
    }

    /// <summary>The <c>fail_reason</c> for a photo, or null when TikTok takes it: at most 20 MB and 1080p.</summary>
    public static string? PhotoFailure(MediaFacts? facts, string? problem)
    {
        if (facts is null)
        {
            return problem == AssetProblemCodes.MediaUnreachable ? "photo_pull_failed" : "file_format_check_failed";
        }

        if (!PhotoTypes.Contains(facts.MimeType) || facts.Bytes > MaxPhotoBytes)
        {
            return "file_format_check_failed";
        }

        return facts is { Width: { } w, Height: { } h } && (Math.Max(w, h) > 1920 || Math.Min(w, h) > 1080) ? "picture_size_check_failed" : null;
    }
}

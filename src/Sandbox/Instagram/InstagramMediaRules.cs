using Layers.Media;
using Layers.Publishing;

namespace Layers.Sandbox.Instagram;

/// <summary>
/// What Instagram checks of the media it fetched for a container, from the IG User Media reference's image and reel
/// specifications (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media), each
/// failure named by its error subcode (…/reference/error-codes): 2207052 the media could not be fetched, 2207005 an
/// image format other than JPEG, 2207004 an image over 8 MB, 2207009 an aspect ratio outside 4:5 to 1.91:1, 2207026 a
/// video that is not MOV or MP4. The reference names no code for a reel outside its other limits (300 MB, 3 s to
/// 15 min, 1920 columns, 0.01:1 to 10:1, 23 to 60 fps); the container then ends in ERROR with 2207026 too.
/// </summary>
internal static class InstagramMediaRules
{
    public const long MaxImageBytes = 8L << 20;
    public const long MaxReelBytes = 300L << 20;

    public static string? ImageFailure(MediaFacts? facts, string? problem)
    {
        if (facts is null)
        {
            return problem == AssetProblemCodes.MediaUnreachable ? "2207052" : "2207005";
        }

        if (facts.MimeType != MediaTypes.Jpeg)
        {
            return "2207005";
        }

        if (facts.Bytes > MaxImageBytes)
        {
            return "2207004";
        }

        return facts is { Width: > 0, Height: > 0 } && ((double)facts.Width / facts.Height.Value is < 0.8 or > 1.91) ? "2207009" : null;
    }

    public static string? ReelFailure(MediaFacts? facts, string? problem)
    {
        if (facts is null)
        {
            return problem == AssetProblemCodes.MediaUnreachable ? "2207052" : "2207026";
        }

        var outside = facts.MimeType is not (MediaTypes.Mp4 or MediaTypes.QuickTime)
            || facts.Bytes > MaxReelBytes
            || facts.DurationMs is < 3_000 or > 900_000
            || facts.Width > 1920
            || facts.FrameRate is < 23 or > 60
            || (facts is { Width: > 0, Height: > 0 } && ((double)facts.Width / facts.Height.Value is < 0.01 or > 10));
        return outside ? "2207026" : null;
    }
}

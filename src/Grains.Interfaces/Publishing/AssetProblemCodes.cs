namespace Layers.Publishing;

/// <summary>The codes of <see cref="AssetProblem"/>.</summary>
public static class AssetProblemCodes
{
    public const string MediaUnreachable = "media_unreachable";
    public const string MediaTypeNotSupported = "media_type_not_supported";
    public const string MediaTooLarge = "media_too_large";
    public const string DurationOutOfRange = "duration_out_of_range";
    public const string DimensionsOutOfRange = "dimensions_out_of_range";
    public const string AspectRatioOutOfRange = "aspect_ratio_out_of_range";
    public const string FrameRateOutOfRange = "frame_rate_out_of_range";
}

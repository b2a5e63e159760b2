using Layers.Common;

namespace Layers.Publishing;

/// <summary>Why one media file cannot be published.</summary>
/// <param name="Path">The asset it concerns, e.g. `assets[0]`.</param>
/// <param name="Code">What is wrong: `media_unreachable`, `media_type_not_supported`, `media_too_large`, `duration_out_of_range`, `dimensions_out_of_range`, `aspect_ratio_out_of_range` or `frame_rate_out_of_range`.</param>
/// <param name="Message">The problem in words, with the limit that applies.</param>
[GenerateSerializer, Immutable]
public sealed record AssetProblem(
    [property: Id(0)] string Path,
    [property: Id(1), OneOf(AssetProblemCodes.MediaUnreachable, AssetProblemCodes.MediaTypeNotSupported, AssetProblemCodes.MediaTooLarge,
        AssetProblemCodes.DurationOutOfRange, AssetProblemCodes.DimensionsOutOfRange, AssetProblemCodes.AspectRatioOutOfRange, AssetProblemCodes.FrameRateOutOfRange)] string Code,
    [property: Id(2)] string Message);

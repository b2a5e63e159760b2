using Layers.Common;

namespace Layers.Publishing;

/// <summary>One media file of a content container.</summary>
/// <remarks>One media file of a content container. <see cref="Kind"/> is <c>video</c> or <c>image</c>.</remarks>
/// <param name="Kind">`video` or `image`.</param>
/// <param name="Url">Where the platform fetches the file: an absolute `https` URL.</param>
/// <param name="MimeType">The file's media type, e.g. `video/mp4`; null when not given.</param>
/// <param name="DurationMs">A video's length in milliseconds; null when not given.</param>
[GenerateSerializer, Immutable]
public sealed record ContentAsset(
    [property: Id(0), OneOf("video", "image")] string Kind,
    [property: Id(1)] string Url,
    [property: Id(2)] string? MimeType,
    [property: Id(3)] long? DurationMs);

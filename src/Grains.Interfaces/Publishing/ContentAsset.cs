using Layers.Common;

namespace Layers.Publishing;

/// <summary>One media file of a content container, with the facts read from the file once it was checked.</summary>
/// <remarks>One media file of a content container. <see cref="Kind"/> is <c>video</c> or <c>image</c>.</remarks>
/// <param name="Kind">`video` or `image`.</param>
/// <param name="Url">Where the file is fetched from: an absolute `https` URL.</param>
/// <param name="MimeType">The file's media type, e.g. `video/mp4`: as given, then as read from the file; null when neither is known yet.</param>
/// <param name="DurationMs">A video's length in milliseconds: as given, then as read from its container header; null when not known.</param>
/// <param name="Bytes">The file's size in bytes, once checked; null while the content is validating.</param>
/// <param name="Width">The picture's width in pixels, once read from the file; null when not known.</param>
/// <param name="Height">The picture's height in pixels, once read from the file; null when not known.</param>
/// <param name="FrameRate">A video's frames per second, read from its container header; null when not known.</param>
[GenerateSerializer, Immutable]
public sealed record ContentAsset(
    [property: Id(0), OneOf("video", "image")] string Kind,
    [property: Id(1)] string Url,
    [property: Id(2)] string? MimeType,
    [property: Id(3)] long? DurationMs,
    [property: Id(4)] long? Bytes = null,
    [property: Id(5)] int? Width = null,
    [property: Id(6)] int? Height = null,
    [property: Id(7)] double? FrameRate = null)
{
    /// <summary>True once the file was read: its size is known.</summary>
    public bool IsChecked => Bytes is not null;
}

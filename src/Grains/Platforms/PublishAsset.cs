using Layers.Publishing;

namespace Layers.Platforms;

/// <summary>
/// A media file of a post. <see cref="Kind"/> is <c>video</c> or <c>image</c>; <see cref="Url"/> is the partner's
/// file. <see cref="PullUrl"/>, when set, is the service's media proxy link for the same file, which a platform that
/// pulls only from verified prefixes (TikTok) is given instead. <see cref="Bytes"/> is the file's size once checked.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PublishAsset(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Url,
    [property: Id(2)] string? MimeType,
    [property: Id(3)] long? DurationMs,
    [property: Id(4)] long? Bytes = null,
    [property: Id(5)] string? PullUrl = null)
{
    public static PublishAsset From(ContentAsset asset, string? pullUrl = null) =>
        new(asset.Kind, asset.Url, asset.MimeType, asset.DurationMs, asset.Bytes, pullUrl);
}

namespace Layers.Publishing;

/// <summary>One media file of a content container. <see cref="Kind"/> is <c>video</c> or <c>image</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ContentAsset(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Url,
    [property: Id(2)] string? MimeType,
    [property: Id(3)] long? DurationMs);

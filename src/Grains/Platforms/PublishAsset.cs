namespace Layers.Platforms;

/// <summary>A media file the platform pulls from a public https URL. <see cref="Kind"/> is <c>video</c> or <c>image</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record PublishAsset(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Url,
    [property: Id(2)] string? MimeType,
    [property: Id(3)] long? DurationMs);

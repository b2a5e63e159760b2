namespace Layers.Platforms;

/// <summary>
/// Where a handed-off post stands. On <see cref="PublishState.Failed"/>, <see cref="ErrorCode"/> is the service's
/// code (<c>MEDIA_REJECTED</c> when the platform refused the media, else <c>PLATFORM_ERROR</c>) and
/// <see cref="PlatformCode"/> the platform's own.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PublishProgress(
    [property: Id(0)] PublishState State,
    [property: Id(1)] string? ExternalId,
    [property: Id(2)] string? ExternalUrl,
    [property: Id(3)] string? ErrorCode,
    [property: Id(4)] string? PlatformCode,
    [property: Id(5)] string? Message);

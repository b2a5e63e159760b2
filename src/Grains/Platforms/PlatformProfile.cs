namespace Layers.Platforms;

/// <summary>The platform user behind a token. <see cref="AccountType"/> is Instagram's (BUSINESS, MEDIA_CREATOR, PERSONAL).</summary>
[GenerateSerializer, Immutable]
public sealed record PlatformProfile(
    [property: Id(0)] string PlatformUserId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string? DisplayName,
    [property: Id(3)] string? AvatarUrl,
    [property: Id(4)] string? AccountType);

namespace Layers.OAuth;

/// <summary>What the platform sent back to the callback.</summary>
[GenerateSerializer, Immutable]
public sealed record OAuthCallback(
    [property: Id(0)] string Platform,
    [property: Id(1)] string? Code,
    [property: Id(2)] string? Error,
    [property: Id(3)] string? ErrorDescription);

namespace Layers.Platforms;

/// <summary>
/// Tokens as one platform response gave them. Lifetimes are the response's own <c>expires_in</c> /
/// <c>refresh_expires_in</c>, never constants. <see cref="RefreshToken"/> is null when the response carried none.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PlatformTokenGrant(
    [property: Id(0)] string AccessToken,
    [property: Id(1)] long ExpiresInSeconds,
    [property: Id(2)] string? RefreshToken,
    [property: Id(3)] long? RefreshExpiresInSeconds,
    [property: Id(4)] IReadOnlyList<string> Scopes,
    [property: Id(5)] string? PlatformUserId);

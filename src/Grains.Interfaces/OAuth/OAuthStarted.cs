namespace Layers.OAuth;

[GenerateSerializer, Immutable]
public sealed record OAuthStarted(
    [property: Id(0)] string AuthorizeUrl,
    [property: Id(1)] string State,
    [property: Id(2)] DateTimeOffset ExpiresAt);

namespace Layers.OAuth;

[GenerateSerializer, Immutable]
public sealed record OAuthError([property: Id(0)] string Code, [property: Id(1)] string Message);

namespace Layers.OAuth;

/// <summary>Where to send the user after the callback; null <see cref="Location"/> means an unknown state (no redirect).</summary>
[GenerateSerializer, Immutable]
public sealed record OAuthRedirect([property: Id(0)] string? Location);

namespace Layers.OAuth;

/// <summary>A consent attempt: send the user to `authorizeUrl`.</summary>
/// <param name="AuthorizeUrl">
/// The platform's own consent page (TikTok `…/v2/auth/authorize/`, Instagram `…/oauth/authorize`), carrying Layers'
/// callback as `redirect_uri` and the `state`.
/// </param>
/// <param name="State">
/// The attempt's state (`st_` and 40 characters): single-use, and the key to `GET /v1/social/oauth-status/{state}`.
/// </param>
/// <param name="ExpiresAt">When the state stops being accepted, 10 minutes after it was issued (ISO-8601, UTC).</param>
[GenerateSerializer, Immutable]
public sealed record OAuthStarted(
    [property: Id(0)] string AuthorizeUrl,
    [property: Id(1)] string State,
    [property: Id(2)] DateTimeOffset ExpiresAt);

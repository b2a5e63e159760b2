namespace Layers.Platforms;

/// <summary>
/// One social platform's HTTP API as this service uses it, written against the platform's documented protocol.
/// The same client talks to the live platform or to the built-in sandbox simulator; only base URLs differ.
/// </summary>
public interface IPlatformClient
{
    /// <summary><c>tiktok</c> or <c>instagram</c>.</summary>
    string Platform { get; }

    /// <summary>True when no client credentials are configured and the sandbox simulator stands in for the platform.</summary>
    bool IsSandbox { get; }

    /// <summary>Scopes requested when the partner names none.</summary>
    IReadOnlyList<string> DefaultScopes { get; }

    /// <summary>Scopes without which an account cannot publish; a consent lacking one fails with <c>scope_missing</c>.</summary>
    IReadOnlyList<string> RequiredScopes { get; }

    /// <summary>The platform's consent URL carrying our callback as redirect_uri and the state.</summary>
    string BuildAuthorizeUrl(string state, IReadOnlyList<string> scopes, string redirectUri);

    /// <summary>
    /// Exchanges an authorization code for tokens (for Instagram: the short-lived token, then straight away the
    /// long-lived one). Throws <see cref="PlatformException"/> when the platform refuses.
    /// </summary>
    Task<PlatformTokenGrant> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken);

    /// <summary>The user behind an access token. Throws <see cref="PlatformAuthException"/> when the token is refused.</summary>
    Task<PlatformProfile> GetProfileAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>
    /// Refreshes tokens (TikTok: refresh grant with the refresh token; Instagram: long-lived token refresh with the
    /// access token). Throws <see cref="PlatformAuthException"/> when the platform refuses for good.
    /// </summary>
    Task<PlatformTokenGrant> RefreshAsync(string accessToken, string? refreshToken, CancellationToken cancellationToken);

    /// <summary>Revokes the token at the platform; false where the platform offers no revocation.</summary>
    Task<bool> RevokeAsync(string accessToken, CancellationToken cancellationToken);
}

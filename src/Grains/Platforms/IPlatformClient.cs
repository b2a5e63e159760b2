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

    /// <summary>
    /// Hands a post to the platform, once: TikTok creator-info query then the init call for the mode (direct video
    /// post <c>PULL_FROM_URL</c>, inbox upload for <c>draft_to_device</c>, photo post); Instagram creates the media
    /// container(s). Returns the platform's handle (TikTok <c>publish_id</c>, Instagram container id) as soon as the
    /// platform gives it. Never retried internally.
    /// </summary>
    Task<PublishHandle> StartPublishAsync(string accessToken, PublishRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a hand-off in <paramref name="mode"/> begins with a read that can be made shortly before it (TikTok's
    /// creator info before a direct post).
    /// </summary>
    bool ReadsAheadOfPublish(string mode);

    /// <summary>
    /// Starts that read for a hand-off due shortly and returns at once; <see cref="StartPublishAsync"/> then uses its
    /// answer while it is fresh. A failed read is forgotten, and the hand-off reads again.
    /// </summary>
    void ReadAheadOfPublish(string accessToken, string mode);

    /// <summary>
    /// Asks where a handed-off post stands (TikTok status fetch; Instagram container <c>status_code</c>). Safe to
    /// repeat.
    /// </summary>
    Task<PublishProgress> CheckPublishAsync(string accessToken, PublishHandle handle, CancellationToken cancellationToken);

    /// <summary>
    /// The last, non-idempotent step where the platform has one (Instagram <c>media_publish</c> of a finished
    /// container); returns the published media. TikTok never reports <see cref="PublishState.ReadyToFinalize"/>.
    /// </summary>
    Task<PublishProgress> FinalizePublishAsync(string accessToken, PublishHandle handle, CancellationToken cancellationToken);

    /// <summary>Current counters of a published post (TikTok video query; Instagram media insights).</summary>
    Task<PostMetrics> GetMetricsAsync(string accessToken, string externalId, CancellationToken cancellationToken);
}

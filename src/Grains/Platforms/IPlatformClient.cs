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

    /// <summary>The publish modes the platform offers; the first is the default.</summary>
    IReadOnlyList<string> Modes { get; }

    /// <summary>
    /// Why assets of these kinds (<c>video</c>, <c>image</c>, in order) cannot go out in <paramref name="mode"/>, or null
    /// when they can.
    /// </summary>
    string? AssetProblem(string mode, IReadOnlyList<string> kinds);

    /// <summary>The platform's documented limits on media, as this client reads them (README "Platforms" cites them).</summary>
    Layers.Media.MediaRules Media { get; }

    /// <summary>The mode the platform is called with for a post in <paramref name="mode"/> with assets of these kinds.</summary>
    string PlatformMode(string mode, IReadOnlyList<string> kinds);

    /// <summary>
    /// Checks a target's options for a post in platform mode <paramref name="mode"/> (<see cref="PlatformMode"/>) with
    /// these assets, against the creator's settings as last read (null when they could not be read: what depends on
    /// them is checked at the hand-off).
    /// </summary>
    OptionsCheck CheckOptions(string mode, IReadOnlyList<PublishAsset> assets, Layers.Publishing.PostOptions? requested, Layers.SocialAccounts.CreatorInfoView? creator);

    /// <summary>Whether <see cref="CheckOptions"/> for a post in <paramref name="mode"/> needs the creator's settings (TikTok direct posts).</summary>
    bool OptionsDependOnCreator(string mode);

    /// <summary>
    /// What a posting screen must show for the account, read from the platform (TikTok creator info; Instagram account
    /// type and publishing limit). Callers keep it at most a minute.
    /// </summary>
    Task<Layers.SocialAccounts.CreatorInfoView> GetCreatorInfoAsync(string accessToken, string platformUserId, CancellationToken cancellationToken);

    /// <summary>
    /// Posts a comment under a published post and returns the comment's id; null where the platform has no API for it
    /// (<see cref="PlatformFeatures.Comments"/> is then absent from <see cref="FeatureScopes"/>).
    /// </summary>
    Task<string?> PostCommentAsync(string accessToken, string externalId, string message, CancellationToken cancellationToken);

    /// <summary>When tokens like these are refreshed: ahead of expiry, by the platform's own rules.</summary>
    DateTimeOffset RefreshAt(Layers.SocialAccounts.StoredTokens tokens);

    /// <summary>
    /// Scopes each optional feature needs, by feature (<see cref="PlatformFeatures"/>). A user who declines one still
    /// publishes; the feature is then unavailable for the account (<c>scope_missing</c>).
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlyList<string>> FeatureScopes { get; }

    /// <summary>
    /// The documented per-token limits of the calls an account paces (<see cref="PlatformCalls"/>); a call kind not
    /// listed is not paced.
    /// </summary>
    IReadOnlyDictionary<string, CallLimit> CallLimits { get; }

    /// <summary>How a handed-off post is followed until the platform reports an outcome.</summary>
    PollSchedule ProcessingPolls { get; }

    /// <summary>
    /// How a published post is followed until the platform names its public id (TikTok's moderation); null where the
    /// platform names it when the post goes live.
    /// </summary>
    PollSchedule? PublicIdPolls { get; }

    /// <summary>
    /// True when a hand-off that may have reached the platform left nothing anyone can see (Instagram containers are
    /// invisible until <c>media_publish</c> and expire), so a post cut short there is handed over again instead of
    /// failing as outcome unknown.
    /// </summary>
    bool UnconfirmedStartIsInvisible { get; }

    /// <summary>
    /// The service's error code for a refusal with the platform's <paramref name="platformCode"/>:
    /// <c>MEDIA_REJECTED</c> when the platform refused the media itself, else <c>PLATFORM_ERROR</c>.
    /// </summary>
    string ErrorCodeFor(string? platformCode);

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

    /// <summary>
    /// Why the user behind <paramref name="profile"/> cannot be connected (an OAuth error code such as
    /// <c>not_business_account</c>), or null when they can.
    /// </summary>
    string? RefuseProfile(PlatformProfile profile);

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

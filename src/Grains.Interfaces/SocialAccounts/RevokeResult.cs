namespace Layers.SocialAccounts;

/// <summary>The outcome of a revoke or a lease release: all of it happened, in one step.</summary>
/// <param name="SocialAccountId">The social account's id (`sa_…`).</param>
/// <param name="Status">Always `disconnected`.</param>
/// <param name="DisconnectedReason">
/// `revoked_by_partner` (a connected account) or `released_by_partner` (a leased one).
/// </param>
/// <param name="DisconnectedAt">When the account was disconnected (ISO-8601, UTC).</param>
/// <param name="CanceledScheduledPosts">
/// How many queued posts of the account were canceled (`cancelReason: account_revoked`).
/// </param>
/// <param name="PlatformTokenRevoked">
/// True when the platform revoked the token; false where the platform offers no revocation or did not confirm it.
/// </param>
[GenerateSerializer, Immutable]
public sealed record RevokeResult(
    [property: Id(0)] string SocialAccountId,
    [property: Id(1)] string Status,
    [property: Id(2)] string DisconnectedReason,
    [property: Id(3)] DateTimeOffset DisconnectedAt,
    [property: Id(4)] int CanceledScheduledPosts,
    [property: Id(5)] bool PlatformTokenRevoked);

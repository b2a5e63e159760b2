using Layers.Leasing;
using Orleans.Concurrency;

namespace Layers.SocialAccounts;

/// <summary>
/// A social account (<c>sa_…</c>), connected by a partner's customer or leased from Layers: its profile, status,
/// encrypted tokens and their upkeep. Every partner-facing call names the caller's organization.
/// </summary>
[Alias("Layers.ISocialAccountGrain")]
public interface ISocialAccountGrain : IGrainWithStringKey
{
    /// <summary>Stores a first connection or a reconnection (same id, new tokens, back to connected).</summary>
    [Alias("Connect")]
    Task<SocialAccountView> ConnectAsync(ConnectCommand command);

    /// <summary>The account, or NotFound when it does not exist or belongs to another organization.</summary>
    [Alias("Get")]
    Task<SocialAccountView> GetAsync(string organizationId);

    [Alias("GetHealth")]
    Task<SocialAccountHealth> GetHealthAsync(string organizationId);

    /// <summary>
    /// What the creator may post (API.md §5a), read from the platform at most once a minute. Disconnected →
    /// <c>NOT_FOUND</c>; <c>reauth_required</c> (or a token the platform refuses now) → <c>CONFLICT</c>.
    /// </summary>
    Task<CreatorInfoView> GetCreatorInfoAsync(string organizationId);

    /// <summary>
    /// Checks that a reconnect may start for this account in this project: NotFound when unknown, disconnected or
    /// in another project; Conflict when leased.
    /// </summary>
    [Alias("EnsureReconnectable")]
    Task<SocialAccountView> EnsureReconnectableAsync(string organizationId, Guid projectId);

    /// <summary>Revokes the account for good (API.md §3). NotFound when already disconnected.</summary>
    [Alias("Revoke")]
    Task<RevokeResult> RevokeAsync(string organizationId);

    /// <summary>
    /// Makes this account the leased copy of a pool account (first month paid). Repeating it for the same lease
    /// request returns the account; any other existing account is a Conflict.
    /// </summary>
    [Alias("AssignLease")]
    Task<SocialAccountView> AssignLeaseAsync(LeaseAssignCommand command);

    /// <summary>
    /// Releases a leased account (API.md §4): the same effects as <see cref="RevokeAsync"/>. NotFound when unknown or
    /// already disconnected; Conflict when the account is a connected (not leased) one.
    /// </summary>
    [Alias("ReleaseLease")]
    Task<RevokeResult> ReleaseLeaseAsync(string organizationId, string? reason);

    /// <summary>
    /// The work a reminder tick does: refresh tokens that are due, hand on unsent events. Safe to call at any time
    /// and any number of times.
    /// </summary>
    [Alias("RunUpkeep")]
    Task RunUpkeepAsync();

    /// <summary>Counts a queued post against the account; Conflict when the account is disconnected.</summary>
    [Alias("TrackQueuedPost")]
    Task TrackQueuedPostAsync(string scheduledPostId);

    /// <summary>Forgets a queued post that was canceled, or that ended without being handed off.</summary>
    [Alias("UntrackQueuedPost")]
    Task UntrackQueuedPostAsync(string scheduledPostId);

    /// <summary>
    /// The hand-off check: a post leaves the account's queue and, when the account may publish, gets its credentials.
    /// A revoked account answers disconnected from the moment its revocation is stored. When the account's token has
    /// used up its platform's hand-off limit, the post stays queued and is told when to ask again
    /// (<see cref="PublishCredentials.RetryAt"/>). Writes nothing and interleaves, so the many posts of one account due
    /// at one instant are not held up by each other.
    /// </summary>
    [Alias("BeginPublish"), AlwaysInterleave]
    Task<PublishCredentials> BeginPublishAsync(string scheduledPostId);

    /// <summary>
    /// Credentials for one platform call of the kind <paramref name="call"/> (e.g. a status read), counted against the
    /// token's limit for it; when the limit is used up no token is given and <see cref="PublishCredentials.RetryAt"/>
    /// says when to ask again.
    /// </summary>
    [Alias("BeginCall"), AlwaysInterleave]
    Task<PublishCredentials> BeginCallAsync(string call);

    /// <summary>
    /// The platform refused a call of kind <paramref name="call"/> for this token's rate limit: no call of that kind
    /// is made for the account before <paramref name="until"/>. Other accounts are not affected.
    /// </summary>
    [Alias("PauseCalls"), AlwaysInterleave]
    Task PauseCallsAsync(string call, DateTimeOffset until);

    /// <summary>Credentials for reading a published post's metrics (status disconnected once revoked).</summary>
    [Alias("GetCredentials"), AlwaysInterleave]
    Task<PublishCredentials> GetCredentialsAsync();

    /// <summary>Records the outcome of a publish for the account's health.</summary>
    [Alias("RecordPublishOutcome")]
    Task RecordPublishOutcomeAsync(string? errorCode);

    /// <summary>The platform refused the account's token during a publish: flip to reauth_required (one event per transition).</summary>
    [Alias("MarkReauthRequired")]
    Task MarkReauthRequiredAsync(string reason);
}

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
    /// Checks that a reconnect may start for this account in this project: NotFound when unknown, disconnected or
    /// in another project; Conflict when leased.
    /// </summary>
    [Alias("EnsureReconnectable")]
    Task<SocialAccountView> EnsureReconnectableAsync(string organizationId, Guid projectId);

    /// <summary>Revokes the account for good (API.md §3). NotFound when already disconnected.</summary>
    [Alias("Revoke")]
    Task<RevokeResult> RevokeAsync(string organizationId);

    /// <summary>
    /// The work a reminder tick does: refresh tokens that are due, hand on unsent events. Safe to call at any time
    /// and any number of times.
    /// </summary>
    [Alias("RunUpkeep")]
    Task RunUpkeepAsync();
}

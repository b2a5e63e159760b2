using Layers.Common;
using Layers.SocialAccounts;

namespace Layers.Projects;

/// <summary>
/// A project (keyed by its UUID) of one organization. Every read and write names the caller's organization:
/// a project of another organization does not exist for it.
/// </summary>
[Alias("Layers.IProjectGrain")]
public interface IProjectGrain : IGrainWithGuidKey
{
    /// <summary>Initializes the project for its organization; repeating the same call is a no-op.</summary>
    [Alias("Initialize")]
    Task<ProjectInfo> InitializeAsync(string organizationId, ProjectDraft draft);

    /// <summary>The project, or NotFound when it does not exist or belongs to another organization.</summary>
    [Alias("Get")]
    Task<ProjectInfo> GetAsync(string organizationId);

    /// <summary>The project when it exists and belongs to the organization, else null (for listings).</summary>
    [Alias("Find")]
    Task<ProjectInfo?> FindAsync(string organizationId);

    /// <summary>Applies a partial update; archiving is one of them.</summary>
    [Alias("Update")]
    Task<ProjectInfo> UpdateAsync(string organizationId, ProjectPatch patch);

    /// <summary>
    /// The account id for a platform user connecting to this project: the active account that user already has
    /// here, else <paramref name="proposedId"/>, now reserved for them.
    /// </summary>
    [Alias("ClaimAccount")]
    Task<string> ClaimAccountAsync(string platform, string platformUserId, string proposedId);

    /// <summary>Keeps the project's catalogue view of one of its accounts current (written by the account).</summary>
    [Alias("UpsertAccountView")]
    Task UpsertAccountViewAsync(SocialAccountView view);

    /// <summary>
    /// Lists a lease request in the project's catalogue (repeating it is a no-op). NotFound when the project is not the
    /// organization's; Conflict when it is archived or its catalogue is full.
    /// </summary>
    [Alias("AddLeaseRequest")]
    Task AddLeaseRequestAsync(string organizationId, string leaseRequestId);

    /// <summary>A page of the project's lease request ids, newest first.</summary>
    [Alias("ListLeaseRequestIds")]
    Task<Page<string>> ListLeaseRequestIdsAsync(string organizationId, string? cursor, int limit);

    /// <summary>
    /// A page of the project's accounts, newest first, filtered. The grain keeps each page asked for until an account
    /// changes, and the views are immutable, so a repeated listing neither searches nor copies. NotFound when the
    /// project is not the organization's.
    /// </summary>
    [Alias("ListAccountsPage")]
    Task<Page<SocialAccountView>> ListAccountsPageAsync(string organizationId, AccountListFilter filter, string? cursor, int limit);
}

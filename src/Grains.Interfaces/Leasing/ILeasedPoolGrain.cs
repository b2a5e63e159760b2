using Layers.Common;
using Layers.SocialAccounts;

namespace Layers.Leasing;

/// <summary>
/// The warmed accounts of one platform (key <c>leasedpool_&lt;platform&gt;</c>). One activation serializes every
/// change, so two assignments of the same pool account cannot both win.
/// </summary>
[Alias("Layers.ILeasedPoolGrain")]
public interface ILeasedPoolGrain : IGrainWithStringKey
{
    /// <summary>Adds an account; repeating the same id returns it. Conflict when the platform user is already in the pool.</summary>
    [Alias("Add")]
    Task<PoolAccountView> AddAsync(PoolAccountDraft draft);

    /// <summary>One pool account, or NotFound.</summary>
    [Alias("Get")]
    Task<PoolAccountView> GetAsync(string poolAccountId);

    /// <summary>Pool accounts, newest first, filtered.</summary>
    [Alias("List")]
    Task<Page<PoolAccountView>> ListAsync(PoolAccountFilter filter, string? cursor, int limit);

    /// <summary>
    /// Binds every claimed account to the request, or none: Validation when one is unknown, Conflict when one is
    /// bound elsewhere. Claims this request already holds are returned again.
    /// </summary>
    [Alias("Reserve")]
    Task<IReadOnlyList<PoolReservation>> ReserveAsync(string leaseRequestId, IReadOnlyList<PoolClaim> claims);

    /// <summary>Makes the accounts held for a request available again (an assignment that could not be paid).</summary>
    [Alias("ReleaseReservations")]
    Task ReleaseReservationsAsync(string leaseRequestId);

    /// <summary>
    /// A leased account hands its pool account back, with its newest credentials (encrypted for the pool account)
    /// when it has them. Ignored unless the pool account is bound to that leased account.
    /// </summary>
    [Alias("Return")]
    Task ReturnAsync(string poolAccountId, string socialAccountId, StoredTokens? credentials);
}

namespace Layers.Leasing;

/// <summary>
/// A request for leased accounts (<c>lreq_…</c>): what the partner asked for, the operator's decision, the accounts
/// assigned. Partner-facing calls name the caller's organization; a request of another organization does not exist
/// for it.
/// </summary>
[Alias("Layers.ILeaseRequestGrain")]
public interface ILeaseRequestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the request and lists it in its project. Submitting the same request again returns it unchanged;
    /// a different request under the same id is an IdempotencyConflict.
    /// </summary>
    [Alias("Submit")]
    Task<LeaseRequestView> SubmitAsync(LeaseRequestDraft draft);

    /// <summary>The request, or NotFound when it does not exist or belongs to another organization.</summary>
    [Alias("Get")]
    Task<LeaseRequestView> GetAsync(string organizationId);

    /// <summary>The request when it exists and belongs to the organization, else null (for listings).</summary>
    [Alias("Find")]
    Task<LeaseRequestView?> FindAsync(string organizationId);

    /// <summary>The request for operators, whatever its organization; NotFound when it does not exist.</summary>
    [Alias("Review")]
    Task<LeaseReviewEntry> ReviewAsync();

    /// <summary>
    /// Assigns pool accounts (1 to the count requested): reserves them, charges the first month of each in one
    /// all-or-nothing wallet charge (InsufficientFunds assigns none), creates the leased accounts, and decides the
    /// request as <c>assigned</c> or <c>partial</c>. Conflict when already decided or when a pool account is taken.
    /// Repeating an interrupted assignment with the same accounts finishes it without charging twice.
    /// </summary>
    [Alias("Assign")]
    Task<LeaseReviewEntry> AssignAsync(IReadOnlyList<LeasePick> picks);

    /// <summary>Decides the request as rejected. Conflict when already decided or while an assignment is under way.</summary>
    [Alias("Reject")]
    Task<LeaseReviewEntry> RejectAsync(string reason);
}

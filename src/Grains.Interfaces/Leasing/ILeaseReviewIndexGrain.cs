namespace Layers.Leasing;

/// <summary>
/// The operators' review listing for the lease requests submitted in one UTC month (key <c>leasereview_yyyyMM</c>),
/// kept current by the requests themselves.
/// </summary>
[Alias("Layers.ILeaseReviewIndexGrain")]
public interface ILeaseReviewIndexGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task UpsertAsync(LeaseReviewEntry entry);

    /// <summary>Entries newest first, optionally of one status, starting before position <paramref name="before"/>.</summary>
    [Alias("List")]
    Task<LeaseReviewSlice> ListAsync(string? status, int? before, int limit);
}

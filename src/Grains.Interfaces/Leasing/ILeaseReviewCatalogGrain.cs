namespace Layers.Leasing;

/// <summary>The months (yyyyMM) that have lease requests, so the review listing knows where to look.</summary>
[Alias("Layers.ILeaseReviewCatalogGrain")]
public interface ILeaseReviewCatalogGrain : IGrainWithStringKey
{
    [Alias("NoteMonth")]
    Task NoteMonthAsync(string month);

    /// <summary>The months with requests, newest first.</summary>
    [Alias("ListMonths")]
    Task<IReadOnlyList<string>> ListMonthsAsync();
}

using Layers.Common;

namespace Layers.Leasing;

internal sealed class LeaseReviewCatalogGrain(
    [PersistentState("leasereviewcatalog", StorageNames.Layers)] IPersistentState<LeaseReviewCatalogState> state) : Grain, ILeaseReviewCatalogGrain
{
    public async Task NoteMonthAsync(string month)
    {
        var months = state.State.Months;
        if (months.Contains(month))
        {
            return;
        }

        months.Add(month);
        months.Sort(StringComparer.Ordinal);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListMonthsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. Enumerable.Reverse(state.State.Months)]);
}

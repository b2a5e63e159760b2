using Layers.Common;

namespace Layers.Leasing;

internal sealed class LeaseReviewIndexGrain(
    [PersistentState("leasereviewindex", StorageNames.Layers)] IPersistentState<LeaseReviewIndexState> state) : Grain, ILeaseReviewIndexGrain
{
    private bool _monthNoted;

    private LeaseReviewIndexState S => state.State;

    public async Task UpsertAsync(LeaseReviewEntry entry)
    {
        var id = entry.Request.RequestId;
        if (!S.Entries.ContainsKey(id))
        {
            S.RequestIds.Add(id);
        }

        S.Entries[id] = entry;
        await state.WriteStateAsync();
        // Once per activation (not once ever), so a crash right after the first write cannot leave the month unlisted.
        if (!_monthNoted)
        {
            var key = this.GetPrimaryKeyString();
            await GrainFactory.GetGrain<ILeaseReviewCatalogGrain>(LeaseKeys.ReviewCatalog).NoteMonthAsync(key[(key.LastIndexOf('_') + 1)..]);
            _monthNoted = true;
        }
    }

    public Task<LeaseReviewSlice> ListAsync(string? status, int? before, int limit)
    {
        var items = new List<LeaseReviewEntry>();
        var index = Math.Min(before ?? S.RequestIds.Count, S.RequestIds.Count) - 1;
        for (; index >= 0 && items.Count < limit; index--)
        {
            var entry = S.Entries[S.RequestIds[index]];
            if (status is null || entry.Request.Status == status)
            {
                items.Add(entry);
            }
        }

        return Task.FromResult(new LeaseReviewSlice(items, index >= 0 ? index + 1 : null));
    }
}

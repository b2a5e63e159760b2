using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Layers.Tests.Grains;

/// <summary>
/// Grain state kept in the test process, outside every silo, so it outlives stopped or killed silos (as a database
/// would); each record's reads are counted.
/// </summary>
public sealed class SharedGrainStorage(
    ConcurrentDictionary<(string, GrainId), (object State, string ETag)> rows, ConcurrentDictionary<(string, GrainId), int> reads, DeepCopier copier)
    : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        reads.AddOrUpdate((stateName, grainId), 1, (_, n) => n + 1);
        if (rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = copier.Copy((T)row.State);
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = Guid.NewGuid().ToString("N");
        object copy = copier.Copy(grainState.State)!;
        rows.AddOrUpdate((stateName, grainId),
            _ => grainState.ETag is null ? (copy, etag) : throw new InconsistentStateException("Row is gone", "none", grainState.ETag),
            (_, old) => old.ETag == grainState.ETag ? (copy, etag) : throw new InconsistentStateException("ETag mismatch", old.ETag, grainState.ETag ?? "none"));
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        rows.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }
}

/// <summary>Reminder rows kept in the test process, shared by every silo.</summary>
public sealed class SharedReminderTable : Orleans.IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId, string), ReminderEntry> _rows = new();

    private static ReminderEntry Copy(ReminderEntry e) => new() { GrainId = e.GrainId, ReminderName = e.ReminderName, StartAt = e.StartAt, Period = e.Period, ETag = e.ETag };

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(new ReminderTableData(_rows.Values.Where(e => e.GrainId == grainId).Select(Copy).ToList()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var range = RangeFactory.CreateRange(begin, end);
        return Task.FromResult(new ReminderTableData(_rows.Values.Where(e => range.InRange(e.GrainId)).Select(Copy).ToList()));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var e) ? Copy(e) : null);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var row = Copy(entry);
        row.ETag = Guid.NewGuid().ToString("N");
        _rows[(entry.GrainId, entry.ReminderName)] = row;
        return Task.FromResult<string?>(row.ETag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var e) && e.ETag == eTag && _rows.TryRemove((grainId, reminderName), out _));

    public Task TestOnlyClearTable()
    {
        _rows.Clear();
        return Task.CompletedTask;
    }
}

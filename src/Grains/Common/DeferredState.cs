using Orleans.Storage;

namespace Layers.Common;

/// <summary>
/// A grain's stored state, kept by the same grain storage as <see cref="PersistentStateAttribute"/> state and under
/// the same name, but read when the grain asks for it instead of when it activates. A grain whose first call creates
/// it (a new scheduled post, a schedule request) stores it with <see cref="CreateAsync"/> and never reads the row it
/// knows is not there: one round trip to the database fewer for every post scheduled.
/// </summary>
/// <remarks>
/// A grain whose stored form differs from the state it holds gives <paramref name="storedForm"/>: each write stores what
/// it makes of the state as it is when the write is asked for (a copy; the state held is left as it is), and each read
/// passes the state read to <paramref name="readBack"/> before anyone sees it.
/// </remarks>
internal sealed class DeferredState<T>(
    IGrainStorage storage, string stateName, GrainId grainId, Func<T, T>? storedForm = null, Action<T>? readBack = null) : IPersistentState<T>
    where T : new()
{
    private readonly GrainState<T> _stored = new(new T());

    public T State
    {
        get => _stored.State!;
        set => _stored.State = value;
    }

    public string? Etag => _stored.ETag;

    public bool RecordExists => _stored.RecordExists;

    /// <summary>
    /// Stores <see cref="State"/> as a new record without reading first. False when a record exists already: it is
    /// then read, and <see cref="State"/> is what is stored. When nothing could be stored, the state is empty again.
    /// </summary>
    public async Task<bool> CreateAsync()
    {
        try
        {
            await WriteStateAsync();
            return true;
        }
        catch (InconsistentStateException)
        {
            // The row is there (the storage refuses a new record under a key it holds): what is stored wins.
            _stored.ETag = null;
            await ReadStateAsync();
            return false;
        }
        catch
        {
            // Nothing was stored: the activation's next call starts from an empty state again.
            _stored.State = new T();
            _stored.ETag = null;
            _stored.RecordExists = false;
            throw;
        }
    }

    public async Task ReadStateAsync()
    {
        await storage.ReadStateAsync(stateName, grainId, _stored);
        if (_stored.RecordExists)
        {
            readBack?.Invoke(_stored.State!);
        }
    }

    public Task WriteStateAsync() => storedForm is null ? storage.WriteStateAsync(stateName, grainId, _stored) : WriteStoredFormAsync(storedForm);

    /// <summary>Writes the stored form made now, of the state as it is when the write is asked for.</summary>
    private async Task WriteStoredFormAsync(Func<T, T> form)
    {
        var written = new GrainState<T>(form(_stored.State!)) { ETag = _stored.ETag, RecordExists = _stored.RecordExists };
        await storage.WriteStateAsync(stateName, grainId, written);
        _stored.ETag = written.ETag;
        _stored.RecordExists = written.RecordExists;
    }

    public async Task ClearStateAsync()
    {
        await storage.ClearStateAsync(stateName, grainId, _stored);
        _stored.State = new T();
    }
}

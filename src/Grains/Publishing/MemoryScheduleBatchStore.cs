using System.Collections.Concurrent;
using System.Text.Json;

namespace Layers.Publishing;

/// <summary>
/// Batches in the process (trial mode, where nothing outlives the process; and tests of several silos in one process).
/// Each is kept as a copy, stamped by <paramref name="clock"/> when stored; reads are counted.
/// </summary>
public sealed class MemoryScheduleBatchStore(TimeProvider clock) : IScheduleBatchStore
{
    private readonly ConcurrentDictionary<string, (string Json, string? RequestId, DateTimeOffset StoredAt)> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    /// <summary>How often the batch under the key was read.</summary>
    public int Reads(string batchId) => _reads.GetValueOrDefault(batchId);

    public bool Contains(string batchId) => _batches.ContainsKey(batchId);

    public Task<bool> AddAsync(string batchId, ScheduleBatchState batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var stored = _batches.GetOrAdd(batchId, _ => (JsonSerializer.Serialize(batch), batch.RequestId, clock.GetUtcNow()));
        return Task.FromResult(stored.RequestId == batch.RequestId);
    }

    public Task<ScheduleBatchState?> ReadAsync(string batchId, CancellationToken cancellationToken)
    {
        _reads.AddOrUpdate(batchId, 1, (_, n) => n + 1);
        return Task.FromResult(_batches.TryGetValue(batchId, out var stored) ? JsonSerializer.Deserialize<ScheduleBatchState>(stored.Json) : null);
    }

    public Task UpdateAsync(string batchId, ScheduleBatchState batch, CancellationToken cancellationToken)
    {
        // One grain holds a batch at a time: no other write comes between the read and this one.
        if (_batches.TryGetValue(batchId, out var stored))
        {
            _batches[batchId] = stored with { Json = JsonSerializer.Serialize(batch) };
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string batchId, CancellationToken cancellationToken)
    {
        _batches.TryRemove(batchId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> OlderThanAsync(TimeSpan age, int limit, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - age;
        return Task.FromResult<IReadOnlyList<string>>([.. _batches.Where(b => b.Value.StoredAt < before)
            .OrderBy(b => b.Value.StoredAt).Take(limit).Select(b => b.Key)]);
    }
}

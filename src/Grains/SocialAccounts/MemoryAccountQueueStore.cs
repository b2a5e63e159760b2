using System.Collections.Concurrent;

namespace Layers.SocialAccounts;

/// <summary>The account queues of trial mode, in memory.</summary>
public sealed class MemoryAccountQueueStore : IAccountQueueStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _queues = new(StringComparer.Ordinal);

    public Task AddAsync(string socialAccountId, string scheduledPostId, CancellationToken cancellationToken)
    {
        _queues.GetOrAdd(socialAccountId, _ => new(StringComparer.Ordinal))[scheduledPostId] = 0;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string socialAccountId, string scheduledPostId, CancellationToken cancellationToken)
    {
        if (_queues.TryGetValue(socialAccountId, out var queue))
        {
            queue.TryRemove(scheduledPostId, out _);
        }

        return Task.CompletedTask;
    }

    public Task ClearAsync(string socialAccountId, CancellationToken cancellationToken)
    {
        _queues.TryRemove(socialAccountId, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> LoadAsync(string socialAccountId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_queues.TryGetValue(socialAccountId, out var queue) ? [.. queue.Keys] : []);
}

using System.Collections.Concurrent;
using Layers.SocialAccounts;

namespace Layers.Publishing;

/// <summary>The hand-off journal of trial mode, in memory.</summary>
public sealed class MemoryHandOffJournal(IAccountQueueStore queues) : IHandOffJournal
{
    private readonly ConcurrentDictionary<string, HandOffRecord> _records = new(StringComparer.Ordinal);

    public async Task RecordAsync(HandOffRecord handOff, CancellationToken cancellationToken)
    {
        await queues.RemoveAsync(handOff.SocialAccountId, handOff.ScheduledPostId, cancellationToken);
        _records.AddOrUpdate(handOff.ScheduledPostId, handOff, (_, known) => known.Attempt > handOff.Attempt ? known : handOff);
    }

    public Task<LastHandOff?> FindAsync(string scheduledPostId, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryGetValue(scheduledPostId, out var last) ? new LastHandOff(last.Attempt, last.At) : null);
}

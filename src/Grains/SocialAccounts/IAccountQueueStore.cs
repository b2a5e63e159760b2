namespace Layers.SocialAccounts;

/// <summary>
/// The posts queued on each account, one record per post, kept by the account's grain: a post joining or leaving the
/// queue writes its own small record instead of the account's whole state, however many posts are queued.
/// </summary>
public interface IAccountQueueStore
{
    Task AddAsync(string socialAccountId, string scheduledPostId, CancellationToken cancellationToken);

    Task RemoveAsync(string socialAccountId, string scheduledPostId, CancellationToken cancellationToken);

    /// <summary>Forgets the whole queue (a revoked account keeps what it must cancel in its own state).</summary>
    Task ClearAsync(string socialAccountId, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> LoadAsync(string socialAccountId, CancellationToken cancellationToken);
}

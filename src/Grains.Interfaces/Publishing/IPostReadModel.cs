using Layers.Common;

namespace Layers.Publishing;

/// <summary>
/// The listing of scheduled posts, written by each post after its own state (a read model: the post grain stays the
/// source of truth and writes its row again with a higher version whenever it changes).
/// </summary>
public interface IPostReadModel
{
    /// <summary>
    /// Writes the post's row unless a higher version is there; <paramref name="followUpAt"/> is when the wake-up of due
    /// posts should bring a published post back (for its next metrics read, or to read the public id its platform has not
    /// given yet); null when nothing follows.
    /// </summary>
    Task UpsertAsync(ScheduledPostView view, long version, DateTimeOffset? followUpAt, CancellationToken cancellationToken);

    /// <summary>
    /// Shows the given posts as canceled while they are still listed as queued, ahead of their own rows (a revoked
    /// account's posts, whose grains are told one by one afterwards and then write the same state).
    /// </summary>
    Task MarkCanceledAsync(IReadOnlyCollection<string> postIds, string reason, DateTimeOffset canceledAt, CancellationToken cancellationToken);

    /// <summary>The project's matching posts, newest <c>scheduledFor</c> first, after the keyset cursor.</summary>
    Task<Page<ScheduledPostView>> ListAsync(Guid projectId, PostQuery query, string? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The posts to keep awake (what the wake-up of due posts, and a starting silo, wakes): queued posts due from
    /// <paramref name="now"/> to <paramref name="until"/>, soonest first, then queued posts already due, longest overdue
    /// first, then posts being handed off. A post not yet due only arms its timer when woken and is on time only if it
    /// is armed before its due time; an overdue one is handed off within its call, so a starting silo's outage does
    /// not hold back the posts due just after it.
    /// </summary>
    Task<IReadOnlyList<ListedPost>> ToWakeAsync(DateTimeOffset now, DateTimeOffset until, int limit, CancellationToken cancellationToken);

    /// <summary>The published posts whose follow-up time falls before <paramref name="until"/>, soonest first.</summary>
    Task<IReadOnlyList<ListedPost>> FollowUpsDueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken);
}

/// <summary>A post as the listing holds it: its id and the version of the state its row was written from.</summary>
public readonly record struct ListedPost(string Id, long Version);

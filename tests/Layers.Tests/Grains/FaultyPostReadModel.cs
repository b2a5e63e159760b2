using Layers.Common;
using Layers.Publishing;

namespace Layers.Tests.Grains;

/// <summary>The listing as a database would fail it: refusing writes while <see cref="RefuseWrites"/> is set. Reads always work.</summary>
public sealed class FaultyPostReadModel(IPostReadModel inner) : IPostReadModel
{
    private volatile bool _refuseWrites;

    public bool RefuseWrites
    {
        get => _refuseWrites;
        set => _refuseWrites = value;
    }

    public Task UpsertAsync(ScheduledPostView view, long version, DateTimeOffset? followUpAt, CancellationToken cancellationToken) =>
        RefuseWrites ? throw new TimeoutException("listing: refused") : inner.UpsertAsync(view, version, followUpAt, cancellationToken);

    public Task MarkCanceledAsync(IReadOnlyCollection<string> postIds, string reason, DateTimeOffset canceledAt, CancellationToken cancellationToken) =>
        inner.MarkCanceledAsync(postIds, reason, canceledAt, cancellationToken);

    public Task<Page<ScheduledPostView>> ListAsync(Guid projectId, PostQuery query, string? after, int limit, CancellationToken cancellationToken) =>
        inner.ListAsync(projectId, query, after, limit, cancellationToken);

    public Task<IReadOnlyList<ListedPost>> ToWakeAsync(DateTimeOffset now, DateTimeOffset until, int limit, CancellationToken cancellationToken) =>
        inner.ToWakeAsync(now, until, limit, cancellationToken);

    public Task<IReadOnlyList<ListedPost>> FollowUpsDueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken) =>
        inner.FollowUpsDueAsync(until, limit, cancellationToken);
}

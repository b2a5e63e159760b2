using Layers.Common;

namespace Layers.Publishing;

/// <summary>The post listing of trial mode, in memory.</summary>
public sealed class MemoryPostReadModel : IPostReadModel
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (ScheduledPostView View, long Version, DateTimeOffset? FollowUpAt)> _posts = new(StringComparer.Ordinal);

    public Task UpsertAsync(ScheduledPostView view, long version, DateTimeOffset? followUpAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_posts.TryGetValue(view.Id, out var current) || current.Version < version)
            {
                _posts[view.Id] = (view, version, followUpAt);
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkCanceledAsync(IReadOnlyCollection<string> postIds, string reason, DateTimeOffset canceledAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var id in postIds)
            {
                if (_posts.TryGetValue(id, out var current) && current.View.Status == ScheduledPostStatus.Queued)
                {
                    _posts[id] = (current.View with { Status = ScheduledPostStatus.Canceled, CanceledAt = canceledAt, CancelReason = reason }, current.Version, null);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ListedPost>> ToWakeAsync(DateTimeOffset now, DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ListedPost>>([.. _posts.Values
                .Where(p => p.View.Status is ScheduledPostStatus.Queued or ScheduledPostStatus.Publishing && p.View.ScheduledFor < until)
                .OrderBy(p => p.View.Status != ScheduledPostStatus.Queued).ThenBy(p => p.View.ScheduledFor < now).ThenBy(p => p.View.ScheduledFor)
                .Take(limit).Select(p => new ListedPost(p.View.Id, p.Version))]);
        }
    }

    public Task<IReadOnlyList<ListedPost>> FollowUpsDueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ListedPost>>([.. _posts.Values
                .Where(p => p.FollowUpAt < until)
                .OrderBy(p => p.FollowUpAt).Take(limit).Select(p => new ListedPost(p.View.Id, p.Version))]);
        }
    }

    public Task<Page<ScheduledPostView>> ListAsync(Guid projectId, PostQuery query, string? after, int limit, CancellationToken cancellationToken)
    {
        List<ScheduledPostView> matches;
        lock (_lock)
        {
            matches = [.. _posts.Values.Select(p => p.View).Where(v => v.ProjectId == projectId && Matches(v, query))];
        }

        var page = matches
            .Select(v => (Key: PostListKey.Of(v), View: v))
            .Where(p => after is null || string.CompareOrdinal(p.Key, after) < 0)
            .OrderByDescending(p => p.Key, StringComparer.Ordinal)
            .Take(limit + 1)
            .ToList();
        return Task.FromResult(page.Count > limit
            ? new Page<ScheduledPostView>([.. page[..limit].Select(p => p.View)], page[limit - 1].Key)
            : new Page<ScheduledPostView>([.. page.Select(p => p.View)], null));
    }

    private static bool Matches(ScheduledPostView view, PostQuery query) =>
        (query.Statuses.Count == 0 || query.Statuses.Contains(view.Status))
        && (query.SocialAccountId is null || view.SocialAccountId == query.SocialAccountId)
        && (query.Since is null || view.ScheduledFor >= query.Since)
        && (query.Until is null || view.ScheduledFor < query.Until);
}

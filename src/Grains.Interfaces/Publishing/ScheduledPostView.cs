namespace Layers.Publishing;

/// <summary>
/// A scheduled post as <c>GET /v1/scheduled-posts/:id</c> shows it. <see cref="MetricsUnavailable"/> says why a
/// published post has no metrics (<c>scope_missing</c>: the user declined the platform permission they need).
/// <see cref="Options"/> are the platform options as applied; <see cref="FirstComment"/> is null when the content has none.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ScheduledPostView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ContainerId,
    [property: Id(2)] Guid ProjectId,
    [property: Id(3)] string SocialAccountId,
    [property: Id(4)] string Platform,
    [property: Id(5)] string Mode,
    [property: Id(6)] string Status,
    [property: Id(7)] DateTimeOffset ScheduledFor,
    [property: Id(8)] DateTimeOffset? AttemptedAt,
    [property: Id(9)] DateTimeOffset? PublishedAt,
    [property: Id(10)] string? ExternalId,
    [property: Id(11)] string? ExternalUrl,
    [property: Id(12)] DateTimeOffset? CanceledAt,
    [property: Id(13)] string? CancelReason,
    [property: Id(14)] PostError? LastError,
    [property: Id(15)] PostMetricsView? Metrics,
    [property: Id(16)] string? MetricsUnavailable = null,
    [property: Id(17)] PostOptions? Options = null,
    [property: Id(18)] FirstCommentView? FirstComment = null);

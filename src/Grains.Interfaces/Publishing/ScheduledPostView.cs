using Layers.Common;

namespace Layers.Publishing;

/// <summary>A post of a content container to one account, handed to the platform at most once.</summary>
/// <remarks>
/// A scheduled post as <c>GET /v1/scheduled-posts/:id</c> shows it. <see cref="MetricsUnavailable"/> says why a
/// published post has no metrics (<c>scope_missing</c>: the user declined the platform permission they need). <see
/// cref="Options"/> are the platform options as applied; <see cref="FirstComment"/> is null when the content has none.
/// </remarks>
/// <param name="Id">The scheduled post's id (`sp_…`).</param>
/// <param name="ContainerId">The content container's id (`cnt_…`).</param>
/// <param name="ProjectId">The project's id (a UUID).</param>
/// <param name="SocialAccountId">The social account's id (`sa_…`).</param>
/// <param name="Platform">The platform: `tiktok` or `instagram`.</param>
/// <param name="Mode">
/// How the post goes out. TikTok: `direct_publish` (default) or `draft_to_device` (lands in the creator's TikTok inbox
/// to finish on the phone); Instagram: `direct_publish` (default: one video as a reel, images as a feed post or
/// carousel), `reels` or `feed`.
/// </param>
/// <param name="Status">
/// `queued`, `publishing` (handed to the platform, outcome not known yet), `draft` (delivered to the creator's TikTok
/// inbox, `draft_to_device`), `published`, `failed` or `canceled`.
/// </param>
/// <param name="ScheduledFor">When the post is due (ISO-8601, UTC).</param>
/// <param name="AttemptedAt">When the post was handed to the platform (ISO-8601, UTC). Null before.</param>
/// <param name="PublishedAt">
/// When the platform published the post (or took the draft) (ISO-8601, UTC). Null unless `published` or `draft`.
/// </param>
/// <param name="ExternalId">
/// The platform's public id of the post (the inbox hand-off's id for `draft`); null until the platform names it. TikTok
/// names a post only once moderation has passed it, usually within a minute of `published`, sometimes hours later.
/// </param>
/// <param name="ExternalUrl">
/// A link to the post on the platform; null until the platform names the post, or when it gives none.
/// </param>
/// <param name="CanceledAt">When the post was canceled (ISO-8601, UTC). Null unless `canceled`.</param>
/// <param name="CancelReason">
/// The reason given with the cancel (default `canceled_by_partner`), `account_revoked` or `project_archived`; null
/// unless `canceled`.
/// </param>
/// <param name="LastError">
/// Why the post failed, or why it waits (`RATE_LIMITED_BY_PLATFORM`: retried later, not failed); null otherwise.
/// </param>
/// <param name="Metrics">
/// The latest metrics synced from the platform: first read within 2 minutes of the post being named, then less often;
/// null until then.
/// </param>
/// <param name="MetricsUnavailable">
/// Why a published post gets no metrics: `scope_missing` when the user declined the platform permission they need
/// (TikTok `video.list`, Instagram `instagram_business_manage_insights`); null otherwise.
/// </param>
/// <param name="Options">
/// The platform options as applied (defaults filled in, interactions the creator switched off shown off); null for
/// none.
/// </param>
/// <param name="FirstComment">The content's first comment on this post; null when the content has none.</param>
[GenerateSerializer, Immutable]
public sealed record ScheduledPostView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ContainerId,
    [property: Id(2)] Guid ProjectId,
    [property: Id(3)] string SocialAccountId,
    [property: Id(4), OneOf(typeof(Layers.SocialAccounts.PlatformNames), nameof(Layers.SocialAccounts.PlatformNames.Supported))] string Platform,
    [property: Id(5), OneOf(PostModes.DirectPublish, PostModes.DraftToDevice, PostModes.Reels, PostModes.Feed)] string Mode,
    [property: Id(6), OneOf(typeof(ScheduledPostStatus))] string Status,
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

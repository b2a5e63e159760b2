using Layers.Events;
using Layers.Platforms;

namespace Layers.Publishing;

[GenerateSerializer]
public sealed class ScheduledPostState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public Guid ProjectId { get; set; }
    [Id(2)] public string ContainerId { get; set; } = "";
    [Id(3)] public string SocialAccountId { get; set; } = "";
    [Id(4)] public string Platform { get; set; } = "";
    [Id(5)] public string Mode { get; set; } = "";
    [Id(6)] public string? Caption { get; set; }
    [Id(7)] public List<ContentAsset> Assets { get; set; } = [];
    [Id(8)] public string Status { get; set; } = ScheduledPostStatus.Queued;
    [Id(9)] public DateTimeOffset ScheduledFor { get; set; }

    /// <summary>When a postponed post (platform rate limit) may try again; null when it goes at its due time.</summary>
    [Id(10)] public DateTimeOffset? NextAttemptAt { get; set; }
    [Id(11)] public int Postponements { get; set; }

    /// <summary>
    /// Hand-offs made so far; each is recorded in the hand-off journal under this number before the platform is
    /// called, and stored here with what came of it.
    /// </summary>
    [Id(27)] public int Attempts { get; set; }
    [Id(13)] public DateTimeOffset? AttemptedAt { get; set; }

    /// <summary>The platform's handle, stored the moment the platform gives it.</summary>
    [Id(14)] public PublishHandle? Handle { get; set; }

    /// <summary>Set and stored before the final, non-idempotent publish call (Instagram media_publish).</summary>
    [Id(15)] public bool Finalizing { get; set; }

    [Id(16)] public DateTimeOffset? PublishedAt { get; set; }
    [Id(17)] public string? ExternalId { get; set; }
    [Id(18)] public string? ExternalUrl { get; set; }
    [Id(19)] public DateTimeOffset? CanceledAt { get; set; }
    [Id(20)] public string? CancelReason { get; set; }
    [Id(21)] public PostError? LastError { get; set; }
    [Id(22)] public PostMetricsView? Metrics { get; set; }
    [Id(23)] public DateTimeOffset? NextMetricsAt { get; set; }

    /// <summary>Bumped on every change; the listing row only moves forward.</summary>
    [Id(24)] public long Version { get; set; }

    [Id(25)] public List<EventRecord> Outbox { get; set; } = [];

    /// <summary>True while the listing may not show the latest version.</summary>
    [Id(26)] public bool ListingPending { get; set; }

    /// <summary>Published, and waiting for the platform to name the public post (TikTok's moderation).</summary>
    [Id(28)] public bool AwaitingPublicId { get; set; }

    /// <summary>Why the post has no metrics although published (<c>scope_missing</c>); null when they are synced.</summary>
    [Id(29)] public string? MetricsUnavailable { get; set; }

    /// <summary>The platform options as applied (checked again at the hand-off, never silently changed).</summary>
    [Id(30)] public PostOptions? Options { get; set; }

    /// <summary>The container's first comment, posted once the post is live where the platform allows it.</summary>
    [Id(31)] public string? FirstCommentText { get; set; }

    /// <summary>What became of the first comment; null when there is none.</summary>
    [Id(32)] public FirstCommentView? FirstComment { get; set; }

    /// <summary>Stored before the comment is sent: a comment found pending with this set may have been posted.</summary>
    [Id(33)] public bool FirstCommentSent { get; set; }

    /// <summary>The schedule request that made the post (<see cref="IScheduleBatchGrain"/>).</summary>
    [Id(34)] public string? BatchId { get; set; }

    /// <summary>
    /// The post may hold a reminder of its own (set before one is registered, cleared once it is unregistered): a post
    /// that never registered one does not look it up in the reminder table.
    /// </summary>
    [Id(35)] public bool HoldsReminder { get; set; }

    /// <summary>A copy whose fields are this state's (lists shared): what a write stores in place of it.</summary>
    public ScheduledPostState ShallowCopy() => (ScheduledPostState)MemberwiseClone();
}

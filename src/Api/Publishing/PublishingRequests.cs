using Layers.Publishing;

namespace Layers.Api.Publishing;

public sealed record ContentAssetRequest(string? Kind, string? Url, string? MimeType, long? DurationMs);

public sealed record CreateContentRequest(string? Caption, string? FirstComment, List<ContentAssetRequest?>? Assets);

public sealed record ScheduleTargetRequest(string? SocialAccountId, string? Mode, string? ScheduledPostId, string? CaptionOverride, PostOptions? Options = null);

public sealed record ScheduleRequest(DateTimeOffset? ScheduledFor, List<ScheduleTargetRequest?>? Targets);

public sealed record RescheduleRequest(DateTimeOffset? ScheduledFor);

public sealed record CancelPostRequest(string? Reason);

public sealed record ScheduledPostSummary(string Id, string SocialAccountId, string Platform, string Mode, string Status, DateTimeOffset ScheduledFor);

public sealed record ScheduleResponse(string ContainerId, IReadOnlyList<ScheduledPostSummary> ScheduledPosts);

public sealed record CanceledPostResponse(string Id, string Status, DateTimeOffset? CanceledAt);

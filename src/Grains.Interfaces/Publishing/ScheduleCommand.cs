namespace Layers.Publishing;

/// <summary>
/// One schedule (or publish-now) request whose shape is already checked: the content, the due time (whole seconds,
/// UTC, within the allowed window) and 1–50 targets, each with its post id chosen.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ScheduleCommand(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] string ContainerId,
    [property: Id(2)] DateTimeOffset ScheduledFor,
    [property: Id(3)] IReadOnlyList<ScheduleTarget> Targets);

/// <summary>One account to publish to: the post's id (the partner's or a new one), mode, caption and options as asked.</summary>
[GenerateSerializer, Immutable]
public sealed record ScheduleTarget(
    [property: Id(0)] string ScheduledPostId,
    [property: Id(1)] string SocialAccountId,
    [property: Id(2)] string? Mode,
    [property: Id(3)] string? CaptionOverride,
    [property: Id(4)] PostOptions? Options);
